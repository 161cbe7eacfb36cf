import type { ErrorCode } from '../../lib/contract/ack';

/** A command that was understood but could not be carried out; the hub turns it into an ack. */
export class CommandFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}
