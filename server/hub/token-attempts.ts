// Wrong presenter tokens, counted per address: after MAX_FAILURES within WINDOW_MS an address may
// not try a token again (right or wrong: a different answer for the right one would be an oracle)
// until its oldest failure leaves the window. The tokens themselves are long enough that guessing
// is hopeless; this keeps a script from trying at line rate, and costs the real presenter nothing
// unless they mistype five times in a minute from the attacker's own address.
export const TOKEN_ATTEMPTS = { maxFailures: 5, windowMs: 60_000, maxAddresses: 10_000 } as const;

export class TokenAttempts {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits: { maxFailures: number; windowMs: number; maxAddresses: number } = TOKEN_ATTEMPTS,
  ) {}

  /** Milliseconds until `address` may try a token again (0: now). */
  waitMs(address: string): number {
    const recent = this.#recent(address);
    if (recent.length < this.limits.maxFailures) return 0;
    return recent[recent.length - this.limits.maxFailures]! + this.limits.windowMs - this.now();
  }

  fail(address: string): void {
    const recent = this.#recent(address);
    recent.push(this.now());
    this.#failures.delete(address); // re-inserted last: the map's order is least recently failed first
    this.#failures.set(address, recent);
    if (this.#failures.size > this.limits.maxAddresses) this.#failures.delete(this.#failures.keys().next().value!);
  }

  #recent(address: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.#failures.get(address) ?? []).filter((t) => t > since);
  }
}
