// The L7 policy toggles of the live controls (console and phone remote): what each is called, whether
// it is on, and the policy a press sends — a slide's scene switches Retries and Fault on with its values.
import { DEFAULT_POLICY, type FaultPolicy, type L7Policy, type PolicyKey } from './policies';
import type { Scene } from './scene';

export interface PolicyToggle {
  key: PolicyKey;
  label: string;
  on: boolean;
  /** The policy a press sends. */
  next: L7Policy;
}

export const faultOn = (f: FaultPolicy) => f.abortPercent > 0 || f.delayPercent > 0;

export function describeFault({ abortPercent, abortStatus, delayPercent, delayMs }: FaultPolicy): string {
  return [abortPercent > 0 ? `abort ${abortPercent}% (${abortStatus})` : null, delayPercent > 0 ? `delay ${delayPercent}% +${delayMs} ms` : null]
    .filter(Boolean)
    .join(', ');
}

/** What the Fault toggle switches on: the slide's fault, or an abort of 20 % (503) off a scene. */
const faultToApply = (scene: Scene | undefined): FaultPolicy =>
  scene?.fault && faultOn(scene.fault) ? scene.fault : { ...DEFAULT_POLICY.fault, abortPercent: 20, abortStatus: 503 };

export function policyToggles(policy: L7Policy, scene: Scene | undefined): PolicyToggle[] {
  const fault = faultOn(policy.fault) ? policy.fault : faultToApply(scene);
  return [
    {
      key: 'retries',
      label: policy.retries.enabled || !scene?.retries?.enabled ? 'Retries' : `Retries ${scene.retries.attempts} × ${scene.retries.perTryTimeoutMs} ms`,
      on: policy.retries.enabled,
      next: {
        ...policy,
        retries: policy.retries.enabled
          ? { ...policy.retries, enabled: false }
          : scene?.retries?.enabled
            ? scene.retries
            : { ...policy.retries, enabled: true },
      },
    },
    { key: 'timeout', label: 'Timeout', on: policy.timeout.enabled, next: { ...policy, timeout: { ...policy.timeout, enabled: !policy.timeout.enabled } } },
    {
      key: 'fault',
      label: `Fault: ${describeFault(fault)}`,
      on: faultOn(policy.fault),
      next: { ...policy, fault: faultOn(policy.fault) ? { ...policy.fault, abortPercent: 0, delayPercent: 0 } : fault },
    },
    { key: 'mtls', label: 'mTLS', on: policy.mtls, next: { ...policy, mtls: !policy.mtls } },
  ];
}
