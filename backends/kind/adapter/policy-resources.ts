// L7 policy → the Kubernetes resources that carry it, for the modes whose data plane enforces it
// (lib/mesh/capabilities.ts), in one API per mode (policyApi below): for Istio's sidecars and
// waypoints a VirtualService per Service (retries, timeouts, faults); for Cilium's node Envoy a
// Gateway API HTTPRoute attached to each Service (GAMMA: a request timeout only — Cilium has no
// per-try timeout — and GEP-1731 retries from the experimental channel). Nothing is generated
// where the mode cannot enforce it.
import { capability } from '../../../lib/mesh/capabilities';
import type { ModeId } from '../../../lib/mesh/modes';
import type { L7Policy } from '../../../lib/mesh/policies';
import { SERVICE_PORT, SERVICES } from '../../../lib/mesh/workload';
import { namespaceFor } from './cluster-shape';

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'meshstage' };
const RETRY_CODES = [500, 502, 503, 504];

export interface PolicyResources {
  httpRoutes: Record<string, unknown>[];
  virtualServices: Record<string, unknown>[];
}

/** Which API carries a mode's L7 policy: one per Service, never both (see the header). */
export type PolicyApi = 'httpRoutes' | 'virtualServices';

export function policyResources(mode: ModeId, policy: L7Policy): PolicyResources {
  const namespace = namespaceFor(mode);
  const retries = policy.retries.enabled && capability(mode, 'retries').supported;
  const timeout = policy.timeout.enabled && capability(mode, 'timeout').supported;
  const fault = (policy.fault.abortPercent > 0 || policy.fault.delayPercent > 0) && capability(mode, 'fault').supported;
  if (!retries && !timeout && !fault) return { httpRoutes: [], virtualServices: [] };
  if (policyApi(mode) === 'virtualServices')
    return { httpRoutes: [], virtualServices: SERVICES.map((service) => virtualService(namespace, service, policy, { retries, timeout, fault })) };
  return {
    httpRoutes: SERVICES.map((service) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: policyObjectName('httpRoutes', service), namespace, labels: MANAGED_BY },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: service, port: SERVICE_PORT }],
        rules: [
          {
            backendRefs: [{ name: service, port: SERVICE_PORT }],
            // No backendRequest (per-try) timeout: Cilium has none, and turns one into the whole
            // route's timeout — min(backendRequest, request), retries included (v1.20.2
            // operator/pkg/model/translation/envoy_virtual_host.go timeoutMutation).
            ...(timeout ? { timeouts: { request: `${policy.timeout.ms}ms` } } : {}),
            // One attempt is no retry; Gateway API v1.6 refuses attempts: 0 (minimum 1).
            ...(retries && policy.retries.attempts > 1 ? { retry: { attempts: policy.retries.attempts - 1, codes: RETRY_CODES } } : {}),
          },
        ],
      },
    })),
    virtualServices: [],
  };
}

/**
 * The one API that carries a mode's L7 policy. Istio's modes: VirtualServices — Gateway API has no
 * fault injection, Istio calls a VirtualService and an HTTPRoute on one workload "not supported …
 * undefined behavior" (istio.io ambient/migrate/migrate-policies; the same page calls VirtualService
 * on waypoints Alpha and recommends HTTPRoute — but only a VirtualService has faults), and Cilium's operator, with its
 * Gateway API support on, takes every GAMMA HTTPRoute in the cluster as its own (no namespace
 * filter: operator/pkg/gateway-api/gamma.go), Istio's namespaces included. Cilium's node Envoy:
 * HTTPRoutes, which istiod does not see there (values/istio.yaml's discoverySelectors).
 */
export function policyApi(mode: ModeId): PolicyApi {
  return mode === 'ebpf-l7' ? 'httpRoutes' : 'virtualServices';
}

/** The name each API's object for `service` has (so a switch of API can delete the other). */
export function policyObjectName(api: PolicyApi, service: string): string {
  return api === 'httpRoutes' ? `meshstage-${service}` : `meshstage-${service}-l7`;
}

function virtualService(
  namespace: string,
  service: string,
  policy: L7Policy,
  on: { retries: boolean; timeout: boolean; fault: boolean },
): Record<string, unknown> {
  const f = policy.fault;
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: policyObjectName('virtualServices', service), namespace, labels: MANAGED_BY },
    spec: {
      hosts: [service],
      http: [
        {
          ...(on.fault
            ? {
                fault: {
                  ...(f.abortPercent > 0 ? { abort: { percentage: { value: f.abortPercent }, httpStatus: f.abortStatus } } : {}),
                  ...(f.delayPercent > 0 ? { delay: { percentage: { value: f.delayPercent }, fixedDelay: `${f.delayMs}ms` } } : {}),
                },
              }
            : {}),
          ...(on.timeout ? { timeout: `${policy.timeout.ms}ms` } : {}),
          // Istio counts retries as the HTTPRoute does (attempts after the first); retryOn takes
          // the same status codes.
          ...(on.retries
            ? { retries: { attempts: policy.retries.attempts - 1, perTryTimeout: `${policy.retries.perTryTimeoutMs}ms`, retryOn: RETRY_CODES.join(',') } }
            : {}),
          route: [{ destination: { host: service } }],
        },
      ],
    },
  };
}
