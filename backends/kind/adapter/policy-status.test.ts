import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import { enforcementOf } from './kind-backend';
import { policyResources } from './policy-resources';
import { CILIUM_CONTROLLER, ciliumSilenceReason, routesVerdict, routeVerdict } from './policy-status';

// istiod's controllerName: it writes status on GAMMA routes it sees too.
const ISTIO_CONTROLLER = 'istio.io/gateway-controller';

const route = (generation: number, parents: object[]) => ({ metadata: { name: 'meshstage-web', generation }, status: { parents } });
const accepted = (controllerName: string, observedGeneration: number, status = 'True') => ({
  controllerName,
  conditions: [{ type: 'Accepted', status, reason: status === 'True' ? 'Accepted' : 'NoMatchingParent', message: 'why', observedGeneration }],
});

describe('what the controllers say about a route', () => {
  it('counts only the mode’s own controller, for the route’s current generation', () => {
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

  it('says how long Cilium’s operator was given', () => {
    expect(ciliumSilenceReason(15_000)).toMatch(/^Cilium's operator has not accepted the HTTPRoutes within 15 s/);
    expect(ciliumSilenceReason(1_000)).toMatch(/within 1 s/);
  });

  it('the panel says enforced only where the controller accepted the route', () => {
    const policy = { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 300 } };
    const resources = policyResources('ebpf-l7', policy);
    expect(enforcementOf('ebpf-l7', policy, resources, { accepted: true }).find((e) => e.key === 'retries')).toEqual({ key: 'retries', enforced: true });
    expect(enforcementOf('ebpf-l7', policy, resources, { accepted: false, reason: 'off' }).find((e) => e.key === 'retries')).toEqual({
      key: 'retries',
      enforced: false,
      reason: 'off',
    });
    expect(enforcementOf('ebpf', policy, policyResources('ebpf', policy)).find((e) => e.key === 'retries')?.enforced).toBe(false);
  });
});
