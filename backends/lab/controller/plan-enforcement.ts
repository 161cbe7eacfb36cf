// What the wiring of a mode can actually enforce, read off the plan itself — so the lab reports
// what its processes do, and a test checks that against the published capability table.
import type { PolicyEnforcement } from '../../../lib/mesh/capabilities';
import { capability } from '../../../lib/mesh/capabilities';
import { activePolicyKeys, type L7Policy, type PolicyKey } from '../../../lib/mesh/policies';
import type { ModePlan } from './mode-plan';

export function planCan(plan: ModePlan, key: PolicyKey): boolean {
  if (key === 'mtls') {
    // Every link that leaves a workload's own proxy is encrypted with workload identity.
    return plan.paths.every((p) => p.hops.some((h) => h.next === 'mtls' || h.next === 'hbone'));
  }
  // An L7 proxy on every path is necessary, not always sufficient: Cilium's node Envoy lacks the
  // fault filter, and the lab's node proxy is handed no faults to match (effectivePolicy).
  return capability(plan.mode, key).supported && plan.paths.every((p) => p.hops.some((h) => h.l7 && h.kind !== 'app' && h.kind !== 'client'));
}

export function planEnforcement(plan: ModePlan, policy: L7Policy): PolicyEnforcement[] {
  return activePolicyKeys(policy).map((key) => {
    if (key === 'mtls' && !policy.mtls) return { key, enforced: false };
    if (planCan(plan, key)) return { key, enforced: true };
    const cap = capability(plan.mode, key);
    return { key, enforced: false, reason: cap.supported ? 'not on this path in the lab' : cap.reason };
  });
}
