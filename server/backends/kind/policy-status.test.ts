import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import { enforcementOf } from './kind-backend';
import { policyResources } from './policy-resources';
import { CILIUM_CONTROLLER, ISTIO_CONTROLLER, routeController, routesVerdict, routeVerdict, silentControllerReason } from './policy-status';

const route = (generation: number, parents: object[]) => ({ metadata: { name: 'meshstage-web', generation }, status: { parents } });
const accepted = (controllerName: string, observedGeneration: number, status = 'True') => ({
  controllerName,
  conditions: [{ type: 'Accepted', status, reason: status === 'True' ? 'Accepted' : 'NoMatchingParent', message: 'why', observedGeneration }],
});

describe('what the controllers say about a route', () => {
  it('counts only the mode’s own controller, for the route’s current generation', () => {
    expect(routeController('ebpf-l7')).toBe(CILIUM_CONTROLLER);
    expect(routeController('sidecar')).toBe(ISTIO_CONTROLLER);
    expect(routeVerdict(route(2, [accepted(ISTIO_CONTROLLER, 2)]), ISTIO_CONTROLLER)).toEqual({ state: 'accepted' });
    // Accepted by istiod is not accepted by Cilium, and an older generation's answer is stale.
    expect(routeVerdict(route(2, [accepted(ISTIO_CONTROLLER, 2)]), CILIUM_CONTROLLER)).toEqual({ state: 'pending' });
    expect(routeVerdict(route(3, [accepted(ISTIO_CONTROLLER, 2)]), ISTIO_CONTROLLER)).toEqual({ state: 'pending' });
    expect(routeVerdict(route(1, [accepted(CILIUM_CONTROLLER, 1, 'False')]), CILIUM_CONTROLLER)).toEqual({
      state: 'refused',
      reason: `${CILIUM_CONTROLLER} did not accept meshstage-web: NoMatchingParent why`,
    });
    expect(routesVerdict([route(1, [accepted(ISTIO_CONTROLLER, 1)]), route(1, [])], ISTIO_CONTROLLER)).toEqual({ state: 'pending' });
  });

  it('says why no one answered: Cilium’s Gateway API off, or silence for so long', () => {
    expect(silentControllerReason('ebpf-l7', 15_000, 'false')).toMatch(/^Cilium's Gateway API support is off/);
    expect(silentControllerReason('ebpf-l7', 15_000, undefined)).toMatch(/has not accepted the HTTPRoutes within 15 s/);
    expect(silentControllerReason('sidecar', 15_000)).toBe('istiod has not accepted the HTTPRoutes within 15 s');
  });

  it('the panel says enforced only where the controller accepted the route', () => {
    const policy = { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 } };
    const resources = policyResources('ebpf-l7', policy);
    expect(enforcementOf('ebpf-l7', policy, resources, { state: 'accepted' }).find((e) => e.key === 'retries')).toEqual({ key: 'retries', enforced: true });
    expect(enforcementOf('ebpf-l7', policy, resources, { state: 'pending', reason: 'off' }).find((e) => e.key === 'retries')).toEqual({
      key: 'retries',
      enforced: false,
      reason: 'off',
    });
    expect(enforcementOf('ebpf', policy, policyResources('ebpf', policy)).find((e) => e.key === 'retries')?.enforced).toBe(false);
  });
});
