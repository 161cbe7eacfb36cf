// A command sent over a connection that may drop (a phone remote on venue Wi-Fi): each is sent
// with an id it keeps, and if the connection drops before its answer came, it is sent again with
// the same id once the socket is back — the server runs an id once and answers a repeat with the
// first answer (server/hub/command-replay.ts). So every command ends acknowledged or visibly
// failed, never silently lost, and never applied twice.
import type { Ack } from '../contract/ack';

/** What this needs of a socket.io client socket. */
export interface CommandSocket {
  readonly connected: boolean;
  emit(event: string, input: unknown, meta: { id: string }, ack: (result: Ack<unknown>) => void): void;
  on(event: 'connect' | 'disconnect', listener: () => void): void;
  off(event: 'connect' | 'disconnect', listener: () => void): void;
}

export interface ReliableOptions {
  /** How long one try waits for its answer while connected. */
  timeoutMs: (event: string) => number;
  /** How long a command whose connection dropped waits for the socket to come back. */
  reconnectGraceMs: number;
  newId?: () => string;
}

export const NOT_CONNECTED = 'Not connected to the server; nothing was sent.';
export const NO_ANSWER = 'The server did not answer in time; it may not have been applied.';
export const CLOSED = 'The view closed before the server answered; it may have been applied.';
export const DROPPED = 'The connection dropped before the server answered, and did not come back in time; it may have been applied.';

interface Pending {
  event: string;
  input: unknown;
  id: string;
  resolve: (result: Ack<unknown>) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Waiting for the socket to come back (else: waiting for an answer). */
  waiting: boolean;
}

/** 96 random bits, URL-safe (16 characters of 6 bits): crypto.getRandomValues works on plain-http
 *  pages too (a phone on the venue's LAN address), where crypto.randomUUID does not exist. */
export function commandId(): string {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (const b of crypto.getRandomValues(new Uint8Array(16))) out += ALPHABET[b & 63];
  return out;
}

export class ReliableSender {
  readonly #pending = new Set<Pending>();
  readonly #socket: CommandSocket;
  readonly #options: ReliableOptions;
  readonly #onConnect = () => {
    for (const p of this.#pending) if (p.waiting) this.#attempt(p);
  };
  readonly #onDisconnect = () => {
    for (const p of this.#pending) {
      if (p.waiting) continue;
      clearTimeout(p.timer);
      p.waiting = true;
      p.timer = setTimeout(() => this.#settle(p, { ok: false, error: { code: 'unavailable', message: DROPPED } }), this.#options.reconnectGraceMs);
    }
  };

  constructor(socket: CommandSocket, options: ReliableOptions) {
    this.#socket = socket;
    this.#options = options;
    socket.on('connect', this.#onConnect);
    socket.on('disconnect', this.#onDisconnect);
  }

  /** Commands sent and not answered yet. */
  get pending(): number {
    return this.#pending.size;
  }

  send(event: string, input: unknown): Promise<Ack<unknown>> {
    if (!this.#socket.connected) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: NOT_CONNECTED } });
    return new Promise((resolve) => {
      const p: Pending = { event, input, id: (this.#options.newId ?? commandId)(), resolve, timer: undefined, waiting: false };
      this.#pending.add(p);
      this.#attempt(p);
    });
  }

  /** Stops: whatever is pending fails now (the view that sent it is going away). */
  close(): void {
    this.#socket.off('connect', this.#onConnect);
    this.#socket.off('disconnect', this.#onDisconnect);
    for (const p of this.#pending) this.#settle(p, { ok: false, error: { code: 'unavailable', message: CLOSED } });
  }

  #attempt(p: Pending): void {
    clearTimeout(p.timer);
    p.waiting = false;
    p.timer = setTimeout(() => this.#settle(p, { ok: false, error: { code: 'unavailable', message: NO_ANSWER } }), this.#options.timeoutMs(p.event));
    // An answer from any try settles it (the server answers a repeated id with the first answer).
    this.#socket.emit(p.event, p.input, { id: p.id }, (result) => this.#settle(p, result));
  }

  #settle(p: Pending, result: Ack<unknown>): void {
    if (!this.#pending.delete(p)) return;
    clearTimeout(p.timer);
    p.resolve(result);
  }
}
