// The one door for presenter and moderator tokens — the socket handshake, the /present and
// /moderate pages and the audience export all ask `check` (or `checkRoles`, for several keys). The right token is admitted at once, from any address, whatever others
// sent before: nobody on the presenter's address (a venue NAT, a tunnel, a reverse proxy) can lock
// the presenter out. A wrong one is counted per address and across all addresses; past
// MAX_FAILURES within WINDOW_MS from one address, or GLOBAL_FAILURES from all, a wrong token is
// answered "wait" until the oldest failure leaves the window.
// Answering the right token during a wait tells a guesser which guess was right — an oracle, kept
// on purpose: the token is 144 random bits, so even at a million guesses a second a search takes
// ~10^30 years; what the counting buys is a quiet log and no line-rate hashing.
import { tokenMatches } from './presenter-token';

export const TOKEN_ATTEMPTS = { maxFailures: 5, windowMs: 60_000, maxAddresses: 10_000, globalFailures: 300 } as const;

export type TokenVerdict = { kind: 'right' } | { kind: 'none' } | { kind: 'wrong' } | { kind: 'wait'; waitMs: number; message: string };
/** `checkRoles`'s answer: which key was presented. */
export type RoleVerdict<R extends string> = { kind: 'right'; role: R } | Exclude<TokenVerdict, { kind: 'right' }>;

export class TokenAttempts {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits: { maxFailures: number; windowMs: number; maxAddresses: number; globalFailures: number } = TOKEN_ATTEMPTS,
  ) {}

  readonly #global: number[] = [];

  /** The door: `candidate` against `expected`, from `address`. No token at all is `none`. */
  check(expected: string, address: string, candidate: unknown): TokenVerdict {
    const verdict = this.checkRoles({ right: expected }, address, candidate);
    return verdict.kind === 'right' ? { kind: 'right' } : verdict;
  }

  /** The door with several keys (`{ presenter, moderator }`): the role whose token `candidate`
   *  is. A token that is none of them counts once, whichever door it was meant for. */
  checkRoles<R extends string>(expected: Readonly<Partial<Record<R, string>>>, address: string, candidate: unknown): RoleVerdict<R> {
    if (candidate === undefined || candidate === null || candidate === '') return { kind: 'none' };
    // Every key is compared (constant time each), so the time taken does not say which matched.
    let matched: R | null = null;
    for (const [role, token] of Object.entries(expected) as [R, string | undefined][]) if (token && tokenMatches(token, candidate)) matched ??= role;
    if (matched !== null) return { kind: 'right', role: matched };
    const wait = this.waitMs(address);
    if (wait > 0) return { kind: 'wait', waitMs: wait, message: `Too many wrong presenter tokens; try again in ${Math.ceil(wait / 1000)} s.` };
    this.fail(address);
    return { kind: 'wrong' };
  }

  /** Milliseconds until a wrong token from `address` is counted again (0: now): the address's
   *  own allowance, and everybody's together. */
  waitMs(address: string): number {
    const since = this.now() - this.limits.windowMs;
    while (this.#global.length > 0 && this.#global[0]! <= since) this.#global.shift();
    const recent = this.#recent(address);
    const own = recent.length < this.limits.maxFailures ? 0 : recent[recent.length - this.limits.maxFailures]! + this.limits.windowMs - this.now();
    const all =
      this.#global.length < this.limits.globalFailures
        ? 0
        : this.#global[this.#global.length - this.limits.globalFailures]! + this.limits.windowMs - this.now();
    return Math.max(own, all);
  }

  fail(address: string): void {
    const recent = this.#recent(address);
    recent.push(this.now());
    this.#global.push(this.now());
    this.#failures.delete(address); // re-inserted last: the map's order is least recently failed first
    this.#failures.set(address, recent);
    if (this.#failures.size > this.limits.maxAddresses) this.#failures.delete(this.#failures.keys().next().value!);
  }

  #recent(address: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.#failures.get(address) ?? []).filter((t) => t > since);
  }
}
