import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type L7Policy } from '../../../lib/mesh/policies';
import { policyApi, policyResources } from './policy-resources';

const everything: L7Policy = {
  retries: { enabled: true, attempts: 3, perTryTimeoutMs: 250 },
  timeout: { enabled: true, ms: 2000 },
  fault: { abortPercent: 10, abortStatus: 503, delayPercent: 20, delayMs: 100 },
  mtls: true,
};

const l7Only: L7Policy = { ...everything, fault: { ...everything.fault, abortPercent: 0, delayPercent: 0 } };

describe('policyResources', () => {
  it('eBPF + node L7: an HTTPRoute per service (GAMMA parentRef) with timeouts and retries, valid against the Gateway API schema', () => {
    const { httpRoutes, virtualServices } = policyResources('ebpf-l7', l7Only);
    expect(httpRoutes.map((r: any) => r.metadata.name)).toEqual(['meshstage-web', 'meshstage-catalog', 'meshstage-inventory']);
    const rule = (httpRoutes[0] as any).spec.rules[0];
    expect(rule.timeouts).toEqual({ request: '2000ms' }); // Cilium has no per-try timeout
    expect(rule.retry).toEqual({ attempts: 2, codes: [500, 502, 503, 504] }); // 3 tries = 1 + 2 retries
    expect((httpRoutes[0] as any).spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'web', port: 80 }]);
    for (const r of httpRoutes) expect(() => new HTTPRoute(r as never).validate()).not.toThrow();
    expect(virtualServices).toEqual([]);
    // Cilium's node Envoy has no fault filter: the fault is dropped, retries and timeout stay HTTPRoutes.
    expect(policyResources('ebpf-l7', everything)).toEqual({ httpRoutes, virtualServices: [] });
  });

  it('Istio’s modes: one VirtualService per service carries retries, timeout and fault — never an HTTPRoute beside it', () => {
    expect(policyApi('sidecar')).toBe('virtualServices');
    expect(policyApi('ambient-waypoint')).toBe('virtualServices');
    expect(policyApi('ebpf-l7')).toBe('httpRoutes');
    for (const mode of ['sidecar', 'ambient-waypoint'] as const) {
      const { httpRoutes, virtualServices } = policyResources(mode, everything);
      expect(httpRoutes).toEqual([]);
      expect(virtualServices.map((v: any) => v.metadata.name)).toEqual(['meshstage-web-l7', 'meshstage-catalog-l7', 'meshstage-inventory-l7']);
      expect((virtualServices[1] as any).spec.http[0]).toEqual({
        fault: { abort: { percentage: { value: 10 }, httpStatus: 503 }, delay: { percentage: { value: 20 }, fixedDelay: '100ms' } },
        timeout: '2000ms',
        retries: { attempts: 2, perTryTimeout: '250ms', retryOn: '500,502,503,504' },
        route: [{ destination: { host: 'catalog' } }],
      });
    }
    // Only what is on: no empty fault stanza (istiod's validation refuses one).
    expect(Object.keys((policyResources('sidecar', l7Only).virtualServices[0] as any).spec.http[0])).toEqual(['timeout', 'retries', 'route']);
    expect(Object.keys((policyResources('sidecar', { ...DEFAULT_POLICY, fault: everything.fault }).virtualServices[0] as any).spec.http[0])).toEqual([
      'fault',
      'route',
    ]);
  });

  it('one attempt is no retry: no retry stanza (Gateway API refuses attempts: 0)', () => {
    const once = { ...l7Only, retries: { ...l7Only.retries, attempts: 1 } };
    const rule = (policyResources('ebpf-l7', once).httpRoutes[0] as any).spec.rules[0];
    expect(rule.retry).toBeUndefined();
    expect(() => new HTTPRoute(policyResources('ebpf-l7', once).httpRoutes[0] as never).validate()).not.toThrow();
  });

  it('generates nothing a mode cannot enforce', () => {
    for (const mode of ['none', 'ambient', 'ebpf'] as const) expect(policyResources(mode, everything)).toEqual({ httpRoutes: [], virtualServices: [] });
    expect(policyResources('sidecar', DEFAULT_POLICY)).toEqual({ httpRoutes: [], virtualServices: [] });
  });
});
