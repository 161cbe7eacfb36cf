// The demo's shape on a real cluster (shared/facts/mesh.md, shape A): one kind cluster with
// Cilium as CNI (kube-proxy replacement) and Istio's ambient profile (which also serves sidecars),
// and the demo workload (lib/mesh/workload.ts) once per mode, each in its own namespace labelled for that mode.
import type { ModeId } from '../../../lib/mesh/modes';

export const namespaceFor = (mode: ModeId) => `meshstage-${mode}`;

/** A namespace labelled `disabled` is invisible to istiod (meshConfig.discoverySelectors). */
export const ISTIO_DISCOVERY_LABEL = 'meshstage.io/istio-discovery';

/** Namespace labels that put a namespace's workload into each mode (set at install, idempotent). */
export const MODE_LABELS: Record<ModeId, Record<string, string>> = {
  none: {},
  sidecar: { 'istio-injection': 'enabled' },
  ambient: { 'istio.io/dataplane-mode': 'ambient' },
  'ambient-waypoint': { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' },
  // The Cilium-only namespaces are outside istiod's discoverySelectors (values/istio.yaml):
  // otherwise istiod takes their GAMMA HTTPRoutes as its own and overwrites the route status
  // Cilium's operator writes (found running both controllers: the control-plane suite).
  ebpf: { [ISTIO_DISCOVERY_LABEL]: 'disabled' },
  // Cilium sends a Service's traffic through its node Envoy when the Service carries
  // `service.cilium.io/lb-l7: enabled` (loadBalancer.l7.backend=envoy).
  'ebpf-l7': { [ISTIO_DISCOVERY_LABEL]: 'disabled' },
};

export const ISTIO_SYSTEM = 'istio-system';
export const KUBE_SYSTEM = 'kube-system';
