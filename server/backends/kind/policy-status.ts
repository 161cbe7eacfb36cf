// What the controllers say about the L7 policy the backend wrote — the panel says "enforced"
// only where the data plane's controller took it. Pure: objects in, verdicts out.
//  - HTTPRoutes: the route's status from the controller that programs the mode's proxies —
//    istiod for sidecars and waypoints (controllerName istio.io/gateway-controller, pilot's
//    PILOT_GATEWAY_API_CONTROLLER_NAME), Cilium's operator for its node Envoy (io.cilium/gateway-
//    controller, operator/pkg/gateway-api/cell.go) — Accepted for the route's current generation.
//  - VirtualServices: Istio writes no status on them by default; istiod's validating webhook
//    (failurePolicy Fail once istiod runs) admits or refuses them as they are applied.
import type { ModeId } from '../../../lib/mesh/modes';

export const ISTIO_CONTROLLER = 'istio.io/gateway-controller';
export const CILIUM_CONTROLLER = 'io.cilium/gateway-controller';

/** The controller whose acceptance makes a mode's HTTPRoutes take effect. */
export function routeController(mode: ModeId): string {
  return mode === 'ebpf-l7' ? CILIUM_CONTROLLER : ISTIO_CONTROLLER;
}

export interface RouteStatusObject {
  metadata?: { name?: string; generation?: number };
  status?: {
    parents?: {
      controllerName?: string;
      conditions?: { type?: string; status?: string; reason?: string; message?: string; observedGeneration?: number }[];
    }[];
  };
}

export type RouteVerdict = { state: 'accepted' } | { state: 'refused'; reason: string } | { state: 'pending' };

/** Whether `controller` has accepted this generation of the route. */
export function routeVerdict(route: RouteStatusObject, controller: string): RouteVerdict {
  const generation = route.metadata?.generation ?? 0;
  const mine = (route.status?.parents ?? []).filter((p) => p.controllerName === controller);
  const accepted = mine.flatMap((p) => p.conditions ?? []).filter((c) => c.type === 'Accepted' && (c.observedGeneration ?? generation) >= generation);
  if (accepted.length === 0) return { state: 'pending' };
  const refused = accepted.find((c) => c.status !== 'True');
  if (refused)
    return { state: 'refused', reason: `${controller} did not accept ${route.metadata?.name}: ${refused.reason ?? ''} ${refused.message ?? ''}`.trim() };
  return { state: 'accepted' };
}

/** Every route's verdict folded into one: refused beats pending beats accepted. */
export function routesVerdict(routes: RouteStatusObject[], controller: string): RouteVerdict {
  const verdicts = routes.map((r) => routeVerdict(r, controller));
  return verdicts.find((v) => v.state === 'refused') ?? verdicts.find((v) => v.state === 'pending') ?? { state: 'accepted' };
}

/** Why no controller answered, in the presenter's words. `ciliumGatewayApi`: cilium-config's
 *  enable-gateway-api (undefined when it could not be read). */
export function silentControllerReason(mode: ModeId, waitedMs: number, ciliumGatewayApi?: string): string {
  const seconds = Math.round(waitedMs / 1000);
  if (mode === 'ebpf-l7') {
    if (ciliumGatewayApi !== undefined && ciliumGatewayApi !== 'true')
      return "Cilium's Gateway API support is off (enable-gateway-api in cilium-config): its operator ignores HTTPRoutes";
    return `Cilium's operator has not accepted the HTTPRoutes within ${seconds} s (is Gateway API on in Cilium, with its CRDs installed first?)`;
  }
  return `istiod has not accepted the HTTPRoutes within ${seconds} s`;
}
