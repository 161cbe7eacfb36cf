// One netns lab per machine: the namespaces, cgroups and BPF pins have fixed names. A second lab
// must not tear down a live one while "removing leftovers", so the owner is recorded (process
// and instance: tests run several labs in one process) and leftovers are only removed when the
// owning process is gone.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const DIR = '/run/meshstage';
const FILE = `${DIR}/lab.pid`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function owner(): { pid: number; token: string } | null {
  try {
    const [pid, token = ''] = readFileSync(FILE, 'utf8').trim().split(' ');
    return Number.isInteger(Number(pid)) ? { pid: Number(pid), token } : null;
  } catch {
    return null;
  }
}

/** Takes the lock and returns its token, or throws naming the live lab that holds it. */
export function acquireLabLock(): string {
  const current = owner();
  if (current && alive(current.pid)) throw new Error(`another netns lab is running (pid ${current.pid})`);
  const token = randomUUID();
  mkdirSync(DIR, { recursive: true });
  writeFileSync(FILE, `${process.pid} ${token}`);
  return token;
}

export function releaseLabLock(token: string): void {
  if (owner()?.token === token) rmSync(FILE, { force: true });
}

/** The pid of the live netns lab holding the lock, if any (a talk running on this machine). */
export function liveLabOwner(): number | null {
  const current = owner();
  return current && alive(current.pid) ? current.pid : null;
}
