// The audience's append-only event log (JSON lines): polls, votes, questions and moderation
// survive a server restart by replaying it. Each event is handed to the OS as soon as it is
// accepted (appendFileSync: a crash of this process loses nothing already acknowledged); a torn
// last line from a power cut is skipped on replay with a warning, never fatal.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AudienceEvent } from '../../lib/audience/types';

export class AudienceLog {
  constructor(
    readonly file: string,
    private readonly warn: (m: string) => void = (m) => console.error(m),
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  read(): AudienceEvent[] {
    if (!existsSync(this.file)) return [];
    const out: AudienceEvent[] = [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const e = JSON.parse(line) as AudienceEvent;
        if (e && typeof e === 'object' && typeof e.t === 'string') out.push(e);
        else throw new Error('not an event');
      } catch {
        this.warn(`${this.file}:${i + 1}: unreadable line skipped`);
      }
    });
    return out;
  }

  append(e: AudienceEvent): void {
    appendFileSync(this.file, `${JSON.stringify(e)}\n`);
  }

  /** The secret that signs attendee ids, kept beside the log so ids stay valid across restarts. */
  secret(): Buffer {
    const file = `${this.file}.secret`;
    if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    const secret = randomBytes(32);
    writeFileSync(file, secret.toString('base64'), { mode: 0o600 });
    return secret;
  }
}
