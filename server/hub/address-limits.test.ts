import { describe, expect, it } from 'vitest';
import { ADDRESS_LIMITS, AddressLimits, AWAY_GRACE_MS, ESTABLISHED_MS, MAX_ADDRESSES } from './address-limits';

const clock = () => {
  const c = { t: 1_000_000, now: () => c.t };
  return c;
};

describe('address limits', () => {
  it('admits a conference NAT of 2,000 phones at once, then new connections at the refill rate', () => {
    const c = clock();
    const limits = new AddressLimits(c.now);
    const admitted = Array.from({ length: ADDRESS_LIMITS.connections.burst }, () => limits.connect('10.0.0.1'));
    expect(admitted.every((a) => a.ok)).toBe(true);
    expect(limits.connect('10.0.0.1')).toMatchObject({ ok: false, message: expect.stringMatching(/new connections from this network/) });
    expect(limits.connect('10.0.0.2').ok).toBe(true); // another address is not affected
    c.t += 1000;
    const next = Array.from({ length: ADDRESS_LIMITS.connections.perSecond + 1 }, () => limits.connect('10.0.0.1').ok);
    expect(next.filter(Boolean)).toHaveLength(ADDRESS_LIMITS.connections.perSecond);
  });

  it('caps the connections open at once and frees one when it closes (once)', () => {
    const c = clock();
    const limits = new AddressLimits(c.now, { ...ADDRESS_LIMITS, open: 2 });
    const a = limits.connect('10.0.0.1');
    const b = limits.connect('10.0.0.1');
    expect(limits.connect('10.0.0.1')).toMatchObject({ ok: false, message: expect.stringMatching(/2 open/) });
    if (!a.ok || !b.ok) throw new Error('admitted');
    a.release();
    a.release();
    expect(limits.open('10.0.0.1')).toBe(1);
    expect(limits.connect('10.0.0.1').ok).toBe(true);
    expect(limits.connect('10.0.0.1').ok).toBe(false);
  });

  it('issues new identities and takes questions per address over time', () => {
    const c = clock();
    const limits = new AddressLimits(c.now, { ...ADDRESS_LIMITS, identities: { perSecond: 1, burst: 3 }, questions: { perSecond: 0.5, burst: 2 } });
    expect([1, 2, 3, 4].map(() => limits.issueIdentity('10.0.0.1'))).toEqual([true, true, true, false]);
    expect([1, 2, 3].map(() => limits.ask('10.0.0.1'))).toEqual([true, true, false]);
    c.t += 2000;
    expect([1, 2, 3].map(() => limits.issueIdentity('10.0.0.1'))).toEqual([true, true, false]);
    expect([1, 2].map(() => limits.ask('10.0.0.1'))).toEqual([true, false]);
  });

  it('remembers a bounded number of addresses, forgetting idle ones first and never one with connections open', () => {
    const c = clock();
    const limits = new AddressLimits(c.now);
    const busy = limits.connect('busy');
    for (let i = 0; i < MAX_ADDRESSES + 10; i++) {
      c.t += 1;
      limits.issueIdentity(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    }
    expect(limits.size()).toBeLessThanOrEqual(MAX_ADDRESSES);
    expect(busy.ok && limits.open('busy')).toBe(1);
  });
});

describe('established identities', () => {
  it('an identity is established on an address after a minute connected from it, and not while it has no connection there', () => {
    const c = { t: 0, now: () => c.t };
    const limits = new AddressLimits(c.now);
    const release = limits.attach('10.0.0.1', 'a-one');
    c.t = ESTABLISHED_MS - 1;
    expect(limits.established('10.0.0.1', 'a-one')).toBe(false);
    c.t = ESTABLISHED_MS;
    expect(limits.established('10.0.0.1', 'a-one')).toBe(true);
    // Another network's view of it is its own.
    expect(limits.established('10.0.0.2', 'a-one')).toBe(false);
    const second = limits.attach('10.0.0.1', 'a-one');
    release();
    expect(limits.established('10.0.0.1', 'a-one')).toBe(true);
    second();
    expect(limits.established('10.0.0.1', 'a-one')).toBe(false);
    // Back after a blip, it keeps its minute…
    c.t += AWAY_GRACE_MS;
    const back = limits.attach('10.0.0.1', 'a-one');
    expect(limits.established('10.0.0.1', 'a-one')).toBe(true);
    // …back after longer away (aged, then put aside), it starts its minute again.
    back();
    c.t += AWAY_GRACE_MS + 1;
    limits.attach('10.0.0.1', 'a-one');
    expect(limits.established('10.0.0.1', 'a-one')).toBe(false);
    c.t += ESTABLISHED_MS;
    expect(limits.established('10.0.0.1', 'a-one')).toBe(true);
  });
});
