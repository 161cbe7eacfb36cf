// Every command is answered through a socket.io acknowledgement of this shape.
import type { DeckState } from '../deck/types';
import type { PresenterWindow } from './presenter-window';

/** `stale`: a step named a deck revision another presenter's move has since replaced; the
 *  refusal carries where the deck is now, and nothing was changed. */
export type ErrorCode = 'forbidden' | 'invalid' | 'rate-limited' | 'unavailable' | 'failed' | 'stale';

export interface CommandError {
  code: ErrorCode;
  message: string;
  /** `stale` only: the deck as it is now (the sender shows it instead of stepping again). */
  deck?: DeckState;
  /** `stale` only: the presenter window whose move came first. */
  by?: PresenterWindow;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: CommandError };

export type AckFn<T> = (result: Ack<T>) => void;

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, deck?: DeckState): Ack<never> => ({
  ok: false,
  error: deck ? { code, message, deck } : { code, message },
});
