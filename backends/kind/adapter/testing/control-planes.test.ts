// What a crashed control-plane run leaves is ended on the next start — only the process it
// recorded, only if it still runs that binary, and never another live run's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeLeftoverProcesses } from './control-planes';

const sleeper = () => spawn('/bin/sleep', ['60'], { stdio: 'ignore' });
function leftover(owner: number, pid: number, bin: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshstage-cp-test-'));
  writeFileSync(path.join(dir, 'owner'), String(owner));
  writeFileSync(path.join(dir, 'pid'), String(pid));
  writeFileSync(path.join(dir, 'bin'), bin);
  return dir;
}

describe('removeLeftoverProcesses', () => {
  it('kills the process a dead run recorded and removes its folder; leaves a live run’s alone', async () => {
    const deadOwner = spawnSync('/bin/true').pid!; // exited: its pid names no runner now
    const orphan = sleeper();
    const mine = sleeper();
    const orphanDir = leftover(deadOwner, orphan.pid!, '/bin/sleep');
    const liveDir = leftover(process.pid, mine.pid!, '/bin/sleep');
    const killed = new Promise<NodeJS.Signals | null>((r) => orphan.once('exit', (_code, signal) => r(signal)));
    removeLeftoverProcesses();
    expect(await killed).toBe('SIGKILL');
    expect(existsSync(orphanDir)).toBe(false);
    expect(existsSync(liveDir)).toBe(true);
    expect(mine.exitCode).toBeNull();
    mine.kill();
    rmSync(liveDir, { recursive: true, force: true });
  });

  it('never kills a recorded pid that now runs another program', async () => {
    const deadOwner = spawnSync('/bin/true').pid!;
    const other = sleeper();
    const dir = leftover(deadOwner, other.pid!, '/usr/local/bin/pilot-discovery');
    removeLeftoverProcesses();
    expect(existsSync(dir)).toBe(false);
    expect(other.exitCode).toBeNull();
    expect(other.signalCode).toBeNull();
    other.kill();
  });
});
