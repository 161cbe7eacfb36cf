// What the controllers say about the L7 policy the backend wrote — the panel says "enforced"
// only where the data plane's controller took it. Pure: objects in, verdicts out.
//  - HTTPRoutes (written only for eBPF + node L7: policy-resources.ts policyApi): the route's
//    status from Cilium's operator (controllerName io.cilium/gateway-controller,
//    operator/pkg/gateway-api/cell.go), Accepted for the route's current generation.
//  - VirtualServices (Istio's modes): Istio writes no status on them by default; istiod's
//    validating webhook (failurePolicy Fail once istiod runs) admits or refuses them as applied.

export const CILIUM_CONTROLLER = 'io.cilium/gateway-controller';

/** Whether the HTTPRoutes just applied were accepted, and why not. */
export type RoutesOutcome = { accepted: true } | { accepted: false; reason: string };

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

export const CILIUM_GATEWAY_API_OFF = "Cilium's Gateway API support is off (enable-gateway-api in cilium-config): its operator ignores HTTPRoutes";

/** Why Cilium's operator said nothing within `waitedMs`, in the presenter's words. */
export function ciliumSilenceReason(waitedMs: number): string {
  return `Cilium's operator has not accepted the HTTPRoutes within ${Math.round(waitedMs / 1000)} s (is Gateway API on in Cilium, with its CRDs installed first?)`;
}
