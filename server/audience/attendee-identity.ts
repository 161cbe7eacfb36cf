// Anonymous attendee identity without accounts: the server hands each new phone an id signed with
// a secret (HMAC-SHA256), the phone keeps it in localStorage and presents it on every connection.
// Votes stay one per attendee across reconnects and restarts; a forged or edited id is not
// accepted (the phone just gets a new one), so nobody can vote as somebody else.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class AttendeeIdentity {
  constructor(private readonly secret: Buffer) {}

  issue(): { id: string; token: string } {
    const id = `a-${randomBytes(9).toString('base64url')}`;
    return { id, token: `${id}.${this.#sign(id)}` };
  }

  /** The attendee id in a token this server signed, or null. */
  verify(token: unknown): string | null {
    if (typeof token !== 'string' || token.length > 100) return null;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const id = token.slice(0, dot);
    if (!/^a-[A-Za-z0-9_-]{12}$/.test(id)) return null;
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.#sign(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  #sign(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url').slice(0, 32);
  }
}
