/** Token bucket: `burst` commands at once, refilled at `perSecond`. One per connection. */
export class RateLimiter {
  #tokens: number;
  #last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#tokens = burst;
    this.#last = now();
  }

  take(): boolean {
    if (!this.peek()) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Whether a take() now would succeed (nothing is taken). */
  peek(): boolean {
    const now = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.perSecond);
    this.#last = now;
    return this.#tokens >= 1;
  }
}
