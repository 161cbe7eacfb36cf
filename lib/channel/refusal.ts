// A connection the server refused at the door (socket.io middleware: too many connections from a
// network, too many wrong tokens) is not retried by socket.io-client: it waits for the app. This
// says when to try again — when the server said (`retryAfterMs`), else after a short back-off —
// so a projector or phone opened during an attack or a crowded minute joins by itself afterwards.

export const REFUSAL_RETRY = { minMs: 2_000, maxMs: 60_000 } as const;

/** Milliseconds until the next try after the `attempt`-th refusal in a row (1 = the first), with
 *  up to 20 % of jitter (`random` in [0, 1)) so a room of refused phones does not come back at once. */
export function retryAfterRefusal(error: unknown, attempt: number, random: () => number = Math.random): number {
  const said = (error as { data?: { retryAfterMs?: unknown } } | null)?.data?.retryAfterMs;
  const base = typeof said === 'number' && Number.isFinite(said) && said > 0 ? said : REFUSAL_RETRY.minMs * 2 ** Math.min(Math.max(attempt - 1, 0), 5);
  return Math.round(Math.min(Math.max(base, REFUSAL_RETRY.minMs), REFUSAL_RETRY.maxMs) * (1 + 0.2 * random()));
}
