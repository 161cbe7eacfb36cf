// Every command is answered through a socket.io acknowledgement of this shape.

export type ErrorCode = 'forbidden' | 'invalid' | 'rate-limited' | 'unavailable' | 'failed';

export interface CommandError {
  code: ErrorCode;
  message: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: CommandError };

export type AckFn<T> = (result: Ack<T>) => void;

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Ack<never> => ({ ok: false, error: { code, message } });
