// The audience's append-only event log (JSON lines): polls, votes, questions and moderation
// survive a server restart by replaying it. Each event is handed to the OS as soon as it is
// accepted (appendFileSync: a crash of this process loses nothing already acknowledged). A torn
// last line (a power cut mid-write) is cut off before anything is appended — kept in `<log>.torn`
// for inspection — or the next acknowledged event would be glued onto it and lost at the next
// replay. An unreadable line elsewhere is skipped with a warning, never fatal.
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AudienceEvent } from '../../lib/audience/types';
import { newPresenterToken } from '../guards/presenter-token';

export class AudienceLog {
  constructor(
    readonly file: string,
    private readonly warn: (m: string) => void = (m) => console.error(m),
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  /** Every event so far; heals a torn tail first (the server reads the log once, at start). */
  read(): AudienceEvent[] {
    if (!existsSync(this.file)) return [];
    this.#healTail();
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

  /** Cuts a last line that never got its newline off the log (into `<log>.torn`). */
  #healTail(): void {
    const bytes = readFileSync(this.file);
    if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return;
    const cut = bytes.lastIndexOf(0x0a) + 1;
    appendFileSync(`${this.file}.torn`, Buffer.concat([bytes.subarray(cut), Buffer.from('\n')]));
    truncateSync(this.file, cut);
    this.warn(`${this.file}: a torn last line (${bytes.length - cut} bytes, no newline) was cut off and kept in ${this.file}.torn`);
  }

  append(e: AudienceEvent): void {
    appendFileSync(this.file, `${JSON.stringify(e)}\n`);
  }

  /** The presenter token when PRESENTER_TOKEN is not set, kept beside the log (0600) so an open
   *  presenter window keeps working across a restart; `rotate` replaces it (the old link stops). */
  presenterToken(rotate = false): string {
    return this.#keptToken(`${this.file}.presenter-token`, rotate);
  }

  /** The moderator link's token when MODERATOR_TOKEN is not set, kept beside the log (0600) as the
   *  presenter's is; `rotate` replaces it. */
  moderatorToken(rotate = false): string {
    return this.#keptToken(`${this.file}.moderator-token`, rotate);
  }

  #keptToken(file: string, rotate: boolean): string {
    if (!rotate && existsSync(file)) {
      const kept = readFileSync(file, 'utf8').trim();
      if (kept) return kept;
    }
    const token = newPresenterToken();
    writeFileSync(file, token, { mode: 0o600 });
    return token;
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
