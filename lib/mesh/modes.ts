// Data-plane modes of the demo. These ids are used everywhere: UI, contract, recordings, benches.

export const MODE_IDS = ['none', 'sidecar', 'ambient', 'ambient-waypoint', 'ebpf', 'ebpf-l7'] as const;
export type ModeId = (typeof MODE_IDS)[number];

export interface ModeInfo {
  id: ModeId;
  label: string;
  /** One line for the panel: where the proxies sit. */
  placement: string;
}

export const MODES: Record<ModeId, ModeInfo> = {
  none: { id: 'none', label: 'No mesh', placement: 'Direct pod-to-pod, no proxy' },
  sidecar: { id: 'sidecar', label: 'Sidecar', placement: 'An Envoy-style L7 proxy in every pod' },
  ambient: { id: 'ambient', label: 'Ambient', placement: 'A per-node L4 ztunnel, HBONE with mTLS on every call' },
  'ambient-waypoint': {
    id: 'ambient-waypoint',
    label: 'Ambient + waypoint',
    placement: 'ztunnel per node plus an L7 waypoint (per namespace, service or pod)',
  },
  ebpf: { id: 'ebpf', label: 'eBPF', placement: 'No user-space proxy: kernel programs at connect() and sockets' },
  'ebpf-l7': { id: 'ebpf-l7', label: 'eBPF + node L7', placement: 'eBPF plus one L7 proxy per node' },
};
