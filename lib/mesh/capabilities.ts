// What each data plane can enforce by itself (../shared/facts/mesh.md, "L7 capability by mode").
// A policy a mode cannot enforce is accepted, reported as not enforced with the reason, and has
// no effect — as on a real cluster.
import type { ModeId } from './modes';
import { activePolicyKeys, NO_PER_TRY_TIMEOUT, type L7Policy, type PolicyKey } from './policies';

type Capability = { supported: true } | { supported: false; reason: string };

/** Whether the mode's L7 proxy has a per-try timeout. Cilium's node Envoy has none: its operator
 *  writes none for an HTTPRoute (the smaller of request and backendRequest becomes the route's timeout; cilium v1.20.2
 *  operator/pkg/model/translation/envoy_virtual_host.go), so the lab's node proxy is handed
 *  NO_PER_TRY_TIMEOUT. */
const PER_TRY_TIMEOUT: Record<ModeId, boolean> = { none: false, sidecar: true, ambient: false, 'ambient-waypoint': true, ebpf: false, 'ebpf-l7': false };

const L7_NEEDS_PROXY = 'needs an L7 proxy on the path';

const CAPABILITIES: Record<ModeId, Record<PolicyKey, Capability>> = {
  none: {
    retries: { supported: false, reason: `No mesh: ${L7_NEEDS_PROXY}` },
    timeout: { supported: false, reason: `No mesh: ${L7_NEEDS_PROXY}` },
    fault: { supported: false, reason: `No mesh: ${L7_NEEDS_PROXY}` },
    mtls: { supported: false, reason: 'No mesh: nothing terminates or originates TLS' },
  },
  sidecar: {
    retries: { supported: true },
    timeout: { supported: true },
    fault: { supported: true },
    mtls: { supported: true },
  },
  ambient: {
    retries: { supported: false, reason: `ztunnel is L4 only: ${L7_NEEDS_PROXY} (add a waypoint)` },
    timeout: { supported: false, reason: `ztunnel is L4 only: ${L7_NEEDS_PROXY} (add a waypoint)` },
    fault: { supported: false, reason: `ztunnel is L4 only: ${L7_NEEDS_PROXY} (add a waypoint)` },
    mtls: { supported: true },
  },
  'ambient-waypoint': {
    retries: { supported: true },
    timeout: { supported: true },
    fault: { supported: true },
    mtls: { supported: true },
  },
  ebpf: {
    retries: { supported: false, reason: `eBPF works at L3/L4: ${L7_NEEDS_PROXY} (add the node L7 proxy)` },
    timeout: { supported: false, reason: `eBPF works at L3/L4: ${L7_NEEDS_PROXY} (add the node L7 proxy)` },
    fault: { supported: false, reason: `eBPF works at L3/L4: ${L7_NEEDS_PROXY} (add the node L7 proxy)` },
    mtls: { supported: false, reason: 'eBPF alone offers node-to-node encryption, not workload identity mTLS' },
  },
  'ebpf-l7': {
    retries: { supported: true },
    timeout: { supported: true },
    // Cilium's Envoy is a reduced build: Envoy's HTTP fault filter is not in it (cilium/proxy#62).
    fault: { supported: false, reason: "Cilium's node Envoy is built without Envoy's HTTP fault filter (cilium/proxy#62)" },
    mtls: { supported: false, reason: 'The node L7 proxy does not carry workload identity mTLS' },
  },
};

export interface PolicyEnforcement {
  key: PolicyKey;
  enforced: boolean;
  reason?: string;
}

export function capability(mode: ModeId, key: PolicyKey): Capability {
  return CAPABILITIES[mode][key];
}

/** The part of `policy` that `mode`'s proxies actually apply: what the mode cannot enforce is
 *  switched off before it reaches them, so "not enforced" also means "does nothing". */
export function effectivePolicy(mode: ModeId, policy: L7Policy): L7Policy {
  const can = (key: PolicyKey) => CAPABILITIES[mode][key].supported;
  return {
    retries: !can('retries')
      ? { ...policy.retries, enabled: false }
      : PER_TRY_TIMEOUT[mode]
        ? policy.retries
        : { ...policy.retries, perTryTimeoutMs: NO_PER_TRY_TIMEOUT },
    timeout: can('timeout') ? policy.timeout : { ...policy.timeout, enabled: false },
    fault: can('fault') ? policy.fault : { ...policy.fault, abortPercent: 0, delayPercent: 0 },
    mtls: can('mtls') && policy.mtls,
  };
}

/** For every policy the presenter switched on, whether `mode` enforces it and why not. */
export function enforcement(mode: ModeId, policy: L7Policy): PolicyEnforcement[] {
  return activePolicyKeys(policy).map((key) => {
    const cap = CAPABILITIES[mode][key];
    return cap.supported ? { key, enforced: true } : { key, enforced: false, reason: cap.reason };
  });
}
