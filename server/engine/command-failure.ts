import type { ErrorCode } from '../../lib/contract/ack';
import type { DeckState } from '../../lib/deck/types';

/** A command that was understood but could not be carried out; the hub turns it into an ack. */
export class CommandFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** A stale step's refusal: where the deck is now. */
    readonly deck?: DeckState,
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}
