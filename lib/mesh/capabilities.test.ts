import { describe, expect, it } from 'vitest';
import { effectivePolicy, enforcement } from './capabilities';
import { MODE_IDS } from './modes';
import { DEFAULT_POLICY, type L7Policy } from './policies';

const everything: L7Policy = {
  retries: { enabled: true, attempts: 3, perTryTimeoutMs: 200 },
  timeout: { enabled: true, ms: 1000 },
  fault: { abortPercent: 20, abortStatus: 503, delayPercent: 0, delayMs: 0 },
  mtls: true,
};

const enforced = (mode: (typeof MODE_IDS)[number]) => Object.fromEntries(enforcement(mode, everything).map((e) => [e.key, e.enforced]));

describe('enforcement', () => {
  it('matches the capability table of the real meshes', () => {
    expect(enforced('none')).toEqual({ retries: false, timeout: false, fault: false, mtls: false });
    expect(enforced('sidecar')).toEqual({ retries: true, timeout: true, fault: true, mtls: true });
    expect(enforced('ambient')).toEqual({ retries: false, timeout: false, fault: false, mtls: true });
    expect(enforced('ambient-waypoint')).toEqual({ retries: true, timeout: true, fault: true, mtls: true });
    expect(enforced('ebpf')).toEqual({ retries: false, timeout: false, fault: false, mtls: false });
    expect(enforced('ebpf-l7')).toEqual({ retries: true, timeout: true, fault: false, mtls: false });
  });

  it('gives a reason for everything it does not enforce', () => {
    for (const mode of MODE_IDS) {
      for (const e of enforcement(mode, everything)) {
        if (!e.enforced) expect(e.reason, `${mode}/${e.key}`).toMatch(/\w{3,}/);
      }
    }
    expect(enforcement('ambient', everything).find((e) => e.key === 'retries')?.reason).toMatch(/waypoint/);
  });

  it("says why Cilium's node proxy injects no faults", () => {
    expect(enforcement('ebpf-l7', everything).find((e) => e.key === 'fault')?.reason).toMatch(/fault filter.*cilium\/proxy#62/);
  });

  it('hands proxies only what the mode enforces', () => {
    const withDelay = { ...everything, fault: { ...everything.fault, delayPercent: 50, delayMs: 100 } };
    // Cilium's node Envoy: retries without a per-try timeout (0 tells the lab's proxy), no faults, no mTLS.
    expect(effectivePolicy('ebpf-l7', withDelay)).toEqual({
      ...withDelay,
      retries: { ...withDelay.retries, perTryTimeoutMs: 0 },
      fault: { ...withDelay.fault, abortPercent: 0, delayPercent: 0 },
      mtls: false,
    });
    expect(effectivePolicy('ambient-waypoint', withDelay).retries).toEqual(withDelay.retries);
    expect(effectivePolicy('sidecar', withDelay)).toEqual(withDelay);
    const ambient = effectivePolicy('ambient', withDelay);
    expect([ambient.retries.enabled, ambient.timeout.enabled, ambient.fault.abortPercent, ambient.mtls]).toEqual([false, false, 0, true]);
  });

  it('reports only the policies that are switched on', () => {
    expect(enforcement('sidecar', DEFAULT_POLICY).map((e) => e.key)).toEqual(['mtls']);
    expect(enforcement('sidecar', { ...DEFAULT_POLICY, mtls: false })).toEqual([]);
  });
});
