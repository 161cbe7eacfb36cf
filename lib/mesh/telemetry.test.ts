import { describe, expect, it } from 'vitest';
import { DEFAULT_LOAD, DEFAULT_POLICY, type L7Policy } from './policies';
import { conditionOf, perSecond, sameCondition, sameLoad } from './telemetry';

const retries: L7Policy = { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 } };

describe('a window’s errors and retries per second', () => {
  it('scales a 250 ms window’s counts to a second, rounded', () => {
    expect(perSecond({ errors: 3, retries: 1, windowMs: 250 })).toEqual({ errors: 12, retries: 4 });
    expect(perSecond({ errors: 5, retries: 0, windowMs: 1000 })).toEqual({ errors: 5, retries: 0 });
  });

  it('is zero for an empty window rather than infinite', () => {
    expect(perSecond({ errors: 2, retries: 2, windowMs: 0 })).toEqual({ errors: 0, retries: 0 });
  });
});

describe('the condition a mode is measured under', () => {
  it('is the load and the policy as the mode enforces it', () => {
    expect(conditionOf('sidecar', DEFAULT_LOAD, retries)).toEqual({ ...DEFAULT_LOAD, policy: retries });
    // No mesh enforces nothing: retries and mTLS off. Cilium's node Envoy has no per-try timeout.
    expect(conditionOf('none', DEFAULT_LOAD, retries).policy).toMatchObject({ retries: { enabled: false }, mtls: false });
    expect(conditionOf('ebpf-l7', DEFAULT_LOAD, retries).policy.retries).toEqual({ enabled: true, attempts: 3, perTryTimeoutMs: 0 });
  });

  it('takes only the load’s three figures', () => {
    expect(Object.keys(conditionOf('ambient', { ...DEFAULT_LOAD, extra: 1 } as typeof DEFAULT_LOAD, DEFAULT_POLICY))).toEqual([
      'rps',
      'payloadBytes',
      'errorPercent',
      'policy',
    ]);
  });
});

describe('a changed condition resets the measurement (sameCondition)', () => {
  const base = conditionOf('sidecar', DEFAULT_LOAD, DEFAULT_POLICY);

  it('is the same condition when nothing changed, whatever the order of keys', () => {
    expect(sameCondition(base, conditionOf('sidecar', { ...DEFAULT_LOAD }, structuredClone(DEFAULT_POLICY)))).toBe(true);
    const reordered = { ...base, policy: { mtls: base.policy.mtls, fault: base.policy.fault, timeout: base.policy.timeout, retries: base.policy.retries } };
    expect(sameCondition(base, reordered)).toBe(true);
  });

  it('is another condition after any change of the load, the payload or the backend error rate', () => {
    expect(sameCondition(base, conditionOf('sidecar', { ...DEFAULT_LOAD, rps: 501 }, DEFAULT_POLICY))).toBe(false);
    expect(sameCondition(base, conditionOf('sidecar', { ...DEFAULT_LOAD, payloadBytes: 2048 }, DEFAULT_POLICY))).toBe(false);
    expect(sameCondition(base, conditionOf('sidecar', { ...DEFAULT_LOAD, errorPercent: 10 }, DEFAULT_POLICY))).toBe(false);
  });

  it('is another condition after a change of the policy the mode enforces, a setting of a policy that is off included', () => {
    expect(sameCondition(base, conditionOf('sidecar', DEFAULT_LOAD, retries))).toBe(false);
    expect(sameCondition(base, conditionOf('sidecar', DEFAULT_LOAD, { ...DEFAULT_POLICY, mtls: false }))).toBe(false);
    expect(sameCondition(base, conditionOf('sidecar', DEFAULT_LOAD, { ...DEFAULT_POLICY, timeout: { enabled: false, ms: 999 } }))).toBe(false);
  });

  it('is the same condition after a change of a policy the mode cannot enforce', () => {
    const ambient = conditionOf('ambient', DEFAULT_LOAD, DEFAULT_POLICY);
    const retriesOn = { ...DEFAULT_POLICY, retries: { ...DEFAULT_POLICY.retries, enabled: true } };
    expect(sameCondition(ambient, conditionOf('ambient', DEFAULT_LOAD, retriesOn))).toBe(true);
    // …but the settings of retries ztunnel does not run still count (sameCondition's doc).
    expect(sameCondition(ambient, conditionOf('ambient', DEFAULT_LOAD, retries))).toBe(false);
    expect(sameCondition(conditionOf('none', DEFAULT_LOAD, DEFAULT_POLICY), conditionOf('none', DEFAULT_LOAD, { ...DEFAULT_POLICY, mtls: false }))).toBe(true);
  });
});

describe('the same load (sameLoad): a mode compares with the baseline', () => {
  it('looks at the load, the payload and the error rate, not the policy', () => {
    const none = conditionOf('none', DEFAULT_LOAD, DEFAULT_POLICY);
    expect(sameLoad(none, conditionOf('sidecar', DEFAULT_LOAD, retries))).toBe(true);
    expect(sameLoad(none, conditionOf('sidecar', { ...DEFAULT_LOAD, errorPercent: 10 }, DEFAULT_POLICY))).toBe(false);
  });

  it('takes a row that does not say (an older recording) as the same load', () => {
    expect(sameLoad(null, conditionOf('none', DEFAULT_LOAD, DEFAULT_POLICY))).toBe(true);
  });
});
