// What one network address may cost. A conference's phones often share one address (the venue's
// NAT), so every allowance admits a room of 2,000 at once; a hostile phone on its own address
// gets no more than that room, and after the burst only a trickle. Beyond these an anonymous
// audience tool cannot tell one person from many (README: "What an anonymous audience tool
// cannot prevent").
import { RateLimiter } from '../../lib/async/rate-limiter';

type Rate = { perSecond: number; burst: number };
export interface AddressAllowances {
  connections: Rate;
  open: number;
  identities: Rate;
  questions: Rate;
}

export const ADDRESS_LIMITS: AddressAllowances = {
  /** New connections: 2,000 phones of one NAT reconnecting at once (a restart, the Wi-Fi
   *  coming back) fit the burst; then 50 a second. */
  connections: { perSecond: 50, burst: 2_500 },
  /** Connections open at once from one address. */
  open: 3_000,
  /** New attendee identities (a phone's first visit): a room filling over minutes never waits;
   *  2,000 phones scanning the QR code at one moment all have one within 3 minutes, following
   *  the slides meanwhile. Throw-away identities are what made the question flood possible. */
  identities: { perSecond: 10, burst: 300 },
  /** Questions from one address after each identity's first (that one is its own), from
   *  identities in their first minute there: far above what a room asks. */
  questions: { perSecond: 0.5, burst: 100 },
};

/** Addresses remembered at most; idle ones (nothing open, allowances refilled) go first. */
export const MAX_ADDRESSES = 10_000;

/** An identity connected from an address this long is established there: it asks at its own
 *  rate (ATTENDEE_LIMITS), drawing on nothing it shares. So the address's ceiling is scaled by the
 *  established identities it carries, each one person's allowance: one abuser behind a venue NAT
 *  draining a shared allowance with fresh identities used to silence the NAT's honest phones (2
 *  of 45 questions got through), and a fixed allowance for established identities would be
 *  drained the same way by identities aged for the attack. What an abuser's aged identities add
 *  is bounded by what each cost — its work (lib/audience/identity-work.ts), an identity from the
 *  address's allowance, a connection held a minute (3,000 open at most) — at one person's rate. */
export const ESTABLISHED_MS = 60_000;

/** An identity away from its network (no connection open) longer than this starts its minute
 *  again: a phone's Wi-Fi blip keeps it established; identities aged once and put aside for later
 *  (a stockpile) do not stay so without holding a connection each. */
export const AWAY_GRACE_MS = 2 * 60_000;

/** Identities remembered per address at most (an address has at most `open` connections). */
export const MAX_IDENTITIES_PER_ADDRESS = 5_000;

interface IdentityState {
  since: number;
  open: number;
  touched: number;
}

interface AddressState {
  open: number;
  connections: RateLimiter;
  identities: RateLimiter;
  questions: RateLimiter;
  known: Map<string, IdentityState>;
  touched: number;
}

type Refusal = { ok: false; message: string };

export class AddressLimits {
  readonly #addresses = new Map<string, AddressState>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits: AddressAllowances = ADDRESS_LIMITS,
  ) {}

  /** A new connection from `address`: admitted (call the returned release when it closes) or refused. */
  connect(address: string): { ok: true; release: () => void } | Refusal {
    const a = this.#state(address);
    if (a.open >= this.limits.open) return { ok: false, message: `Too many connections from this network (${this.limits.open} open).` };
    if (!a.connections.take()) return { ok: false, message: 'Too many new connections from this network just now; retrying.' };
    a.open++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        a.open--;
        a.touched = this.now();
      },
    };
  }

  /** Whether `address` may be issued a new attendee identity now. */
  issueIdentity(address: string): boolean {
    return this.#state(address).identities.take();
  }

  /** An identity's connection from `address` opened (call the returned release when it closes). */
  attach(address: string, attendee: string): () => void {
    const a = this.#state(address);
    let known = a.known.get(attendee);
    if (!known) {
      if (a.known.size >= MAX_IDENTITIES_PER_ADDRESS) this.#forgetIdentities(a);
      known = { since: this.now(), open: 0, touched: this.now() };
      a.known.set(attendee, known);
    }
    const k = known;
    if (k.open === 0 && this.now() - k.touched > AWAY_GRACE_MS) k.since = this.now();
    k.open++;
    k.touched = this.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      k.open--;
      k.touched = this.now();
    };
  }

  /** Whether `attendee` is established on `address`: connected from it now, and for ESTABLISHED_MS
   *  (gaps under AWAY_GRACE_MS not counting against it). */
  established(address: string, attendee: string): boolean {
    const k = this.#addresses.get(address)?.known.get(attendee);
    return k !== undefined && k.open > 0 && this.now() - k.since >= ESTABLISHED_MS;
  }

  /** Whether `address` may ask another question now, for an identity not established on it. */
  ask(address: string): boolean {
    return this.#state(address).questions.take();
  }

  open(address: string): number {
    return this.#addresses.get(address)?.open ?? 0;
  }

  size(): number {
    return this.#addresses.size;
  }

  #state(address: string): AddressState {
    let a = this.#addresses.get(address);
    if (!a) {
      if (this.#addresses.size >= MAX_ADDRESSES) this.#forgetIdle();
      const { connections, identities, questions } = this.limits;
      a = {
        open: 0,
        connections: new RateLimiter(connections.perSecond, connections.burst, this.now),
        identities: new RateLimiter(identities.perSecond, identities.burst, this.now),
        questions: new RateLimiter(questions.perSecond, questions.burst, this.now),
        known: new Map(),
        touched: this.now(),
      };
      this.#addresses.set(address, a);
    }
    a.touched = this.now();
    return a;
  }

  /** Forgets identities with no connection open, least recently seen first, down to 90 % of the cap
   *  (one forgotten and back is a newcomer again for a minute). */
  #forgetIdentities(a: AddressState): void {
    const idle = [...a.known].filter(([, k]) => k.open === 0).sort((x, y) => x[1].touched - y[1].touched);
    for (const [id] of idle.slice(0, a.known.size - Math.floor(MAX_IDENTITIES_PER_ADDRESS * 0.9))) a.known.delete(id);
  }

  /** Forgets addresses with nothing open, least recently seen first, down to 90% of the cap. An
   *  address forgotten before its allowances refilled starts full again: the cap bounds memory,
   *  and 10,000 addresses idle at once is not one attacker. */
  #forgetIdle(): void {
    const idle = [...this.#addresses].filter(([, a]) => a.open === 0).sort((x, y) => x[1].touched - y[1].touched);
    for (const [address] of idle.slice(0, this.#addresses.size - Math.floor(MAX_ADDRESSES * 0.9))) this.#addresses.delete(address);
  }
}
