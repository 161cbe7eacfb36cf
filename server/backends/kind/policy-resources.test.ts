import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type L7Policy } from '../../../lib/mesh/policies';
import { policyResources } from './policy-resources';

const everything: L7Policy = {
  retries: { enabled: true, attempts: 3, perTryTimeoutMs: 250 },
  timeout: { enabled: true, ms: 2000 },
  fault: { abortPercent: 10, abortStatus: 503, delayPercent: 20, delayMs: 100 },
  mtls: true,
};

describe('policyResources', () => {
  it('sidecar: an HTTPRoute per service (GAMMA parentRef) with timeouts and retries, valid against the Gateway API schema', () => {
    const { httpRoutes, virtualServices } = policyResources('sidecar', everything);
    expect(httpRoutes.map((r: any) => r.metadata.name)).toEqual(['meshstage-web', 'meshstage-catalog', 'meshstage-inventory']);
    const rule = (httpRoutes[0] as any).spec.rules[0];
    expect(rule.timeouts).toEqual({ request: '2000ms', backendRequest: '250ms' });
    expect(rule.retry).toEqual({ attempts: 2, codes: [500, 502, 503, 504] }); // 3 tries = 1 + 2 retries
    expect((httpRoutes[0] as any).spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'web', port: 80 }]);
    for (const r of httpRoutes) expect(() => new HTTPRoute(r as never).validate()).not.toThrow();
    expect((virtualServices[1] as any).spec.http[0].fault).toEqual({
      abort: { percentage: { value: 10 }, httpStatus: 503 },
      delay: { percentage: { value: 20 }, fixedDelay: '100ms' },
    });
  });

  it('generates nothing a mode cannot enforce', () => {
    for (const mode of ['none', 'ambient', 'ebpf'] as const) expect(policyResources(mode, everything)).toEqual({ httpRoutes: [], virtualServices: [] });
    const cilium = policyResources('ebpf-l7', everything);
    expect(cilium.httpRoutes).toHaveLength(3);
    expect(cilium.virtualServices).toEqual([]);
    expect(policyResources('sidecar', DEFAULT_POLICY)).toEqual({ httpRoutes: [], virtualServices: [] });
  });
});
