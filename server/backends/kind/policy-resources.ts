// L7 policy → the Kubernetes resources that carry it, for the modes whose data plane enforces it
// (lib/mesh/capabilities.ts): Gateway API HTTPRoutes attached to each Service (GAMMA) for request
// timeouts, per-try timeouts and retries (GEP-1731, experimental channel), and Istio
// VirtualServices for fault injection. Nothing is generated where the mode cannot enforce it.
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

export function policyResources(mode: ModeId, policy: L7Policy): PolicyResources {
  const namespace = namespaceFor(mode);
  const retries = policy.retries.enabled && capability(mode, 'retries').supported;
  const timeout = policy.timeout.enabled && capability(mode, 'timeout').supported;
  const fault = (policy.fault.abortPercent > 0 || policy.fault.delayPercent > 0) && capability(mode, 'fault').supported;
  const httpRoutes =
    retries || timeout
      ? POLICY_SERVICES.map((service) => ({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: `meshstage-${service}`, namespace, labels: MANAGED_BY },
          spec: {
            parentRefs: [{ group: '', kind: 'Service', name: service, port: 80 }],
            rules: [
              {
                backendRefs: [{ name: service, port: 80 }],
                ...(timeout || retries
                  ? {
                      timeouts: {
                        ...(timeout ? { request: `${policy.timeout.ms}ms` } : {}),
                        ...(retries ? { backendRequest: `${policy.retries.perTryTimeoutMs}ms` } : {}),
                      },
                    }
                  : {}),
                ...(retries ? { retry: { attempts: policy.retries.attempts - 1, codes: RETRY_CODES } } : {}),
              },
            ],
          },
        }))
      : [];
  // Istio applies VirtualService faults in sidecars and waypoints (the capability table already
  // leaves Cilium's node Envoy out: it has no fault filter).
  const virtualServices = fault
    ? POLICY_SERVICES.map((service) => ({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: `meshstage-${service}-fault`, namespace, labels: MANAGED_BY },
        spec: {
          hosts: [service],
          http: [
            {
              fault: {
                ...(policy.fault.abortPercent > 0 ? { abort: { percentage: { value: policy.fault.abortPercent }, httpStatus: policy.fault.abortStatus } } : {}),
                ...(policy.fault.delayPercent > 0
                  ? { delay: { percentage: { value: policy.fault.delayPercent }, fixedDelay: `${policy.fault.delayMs}ms` } }
                  : {}),
              },
              route: [{ destination: { host: service } }],
            },
          ],
        },
      }))
    : [];
  return { httpRoutes, virtualServices };
}
