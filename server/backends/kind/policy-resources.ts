// L7 policy → the Kubernetes resources that carry it, for the modes whose data plane enforces it
// (lib/mesh/capabilities.ts), in one API per Service: Gateway API HTTPRoutes attached to each
// Service (GAMMA) for request timeouts, per-try timeouts and retries (GEP-1731, experimental
// channel); or, when a fault is on (Istio modes only), an Istio VirtualService carrying the fault
// and the retries and timeout with it. Nothing is generated where the mode cannot enforce it.
import { capability } from '../../../lib/mesh/capabilities';
import type { ModeId } from '../../../lib/mesh/modes';
import type { L7Policy } from '../../../lib/mesh/policies';
import { namespaceFor } from './cluster-shape';

export const POLICY_SERVICES = ['web', 'catalog', 'inventory'] as const;
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
  // Gateway API has no fault injection, and Istio calls a VirtualService and an HTTPRoute on one
  // workload "not supported … undefined behavior" (istio.io ambient/migrate/migrate-policies):
  // with a fault on, one VirtualService per Service carries the retries and timeout as well.
  if (fault) return { httpRoutes: [], virtualServices: POLICY_SERVICES.map((service) => virtualService(namespace, service, policy, { retries, timeout })) };
  if (!retries && !timeout) return { httpRoutes: [], virtualServices: [] };
  return {
    httpRoutes: POLICY_SERVICES.map((service) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `meshstage-${service}`, namespace, labels: MANAGED_BY },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: service, port: 80 }],
        rules: [
          {
            backendRefs: [{ name: service, port: 80 }],
            timeouts: {
              ...(timeout ? { request: `${policy.timeout.ms}ms` } : {}),
              ...(retries ? { backendRequest: `${policy.retries.perTryTimeoutMs}ms` } : {}),
            },
            ...(retries ? { retry: { attempts: policy.retries.attempts - 1, codes: RETRY_CODES } } : {}),
          },
        ],
      },
    })),
    virtualServices: [],
  };
}

/** The name each API's object for `service` has (so a switch of API can delete the other). */
export function policyObjectName(api: PolicyApi, service: string): string {
  return api === 'httpRoutes' ? `meshstage-${service}` : `meshstage-${service}-l7`;
}

function virtualService(namespace: string, service: string, policy: L7Policy, on: { retries: boolean; timeout: boolean }): Record<string, unknown> {
  const f = policy.fault;
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: policyObjectName('virtualServices', service), namespace, labels: MANAGED_BY },
    spec: {
      hosts: [service],
      http: [
        {
          fault: {
            ...(f.abortPercent > 0 ? { abort: { percentage: { value: f.abortPercent }, httpStatus: f.abortStatus } } : {}),
            ...(f.delayPercent > 0 ? { delay: { percentage: { value: f.delayPercent }, fixedDelay: `${f.delayMs}ms` } } : {}),
          },
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
