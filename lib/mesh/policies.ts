// L7 policies the presenter can toggle, and the load the generator applies.

export interface RetryPolicy {
  enabled: boolean;
  attempts: number;
  /** NO_PER_TRY_TIMEOUT (0) only where a data plane has none (lib/mesh/capabilities.ts); the
   *  panel and scenes set 1 or more. */
  perTryTimeoutMs: number;
}

/** A per-try timeout of 0: none, each try bounded only by the request timeout (Cilium's node
 *  Envoy). The lab's proxies read 0 the same way (dataplane/src/policy.rs). */
export const NO_PER_TRY_TIMEOUT = 0;

/** The per-try timeout in ms, or null when there is none. */
export const perTryTimeout = (retries: RetryPolicy): number | null => (retries.perTryTimeoutMs === NO_PER_TRY_TIMEOUT ? null : retries.perTryTimeoutMs);

export interface TimeoutPolicy {
  enabled: boolean;
  ms: number;
}

export interface FaultPolicy {
  /** Abort this percentage of requests with `abortStatus`. 0 disables aborts. */
  abortPercent: number;
  abortStatus: number;
  /** Delay this percentage of requests by `delayMs`. 0 disables delays. */
  delayPercent: number;
  delayMs: number;
}

export interface L7Policy {
  retries: RetryPolicy;
  timeout: TimeoutPolicy;
  fault: FaultPolicy;
  mtls: boolean;
}

export const POLICY_KEYS = ['retries', 'timeout', 'fault', 'mtls'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

export interface LoadSpec {
  rps: number;
  payloadBytes: number;
  /** Share of requests the leaf service fails with 503 — a flaky backend for retries to recover. */
  errorPercent: number;
}

export const DEFAULT_POLICY: L7Policy = {
  retries: { enabled: false, attempts: 3, perTryTimeoutMs: 500 },
  timeout: { enabled: false, ms: 2000 },
  fault: { abortPercent: 0, abortStatus: 503, delayPercent: 0, delayMs: 100 },
  mtls: true,
};

/**
 * Istio's reference condition is 1000 rps with 1 KB. The local lab pins its whole chain (load
 * generator, three services, up to nine proxy traversals per request) to one CPU for clean
 * measurements; on a small VM that CPU carries every mode at 500 rps with room to spare, the
 * sidecar chain saturates near 850 rps. The bench measures Istio's condition on its benchmark's
 * shape (one call between two nodes); the panel goes higher or lower.
 */
export const DEFAULT_LOAD: LoadSpec = { rps: 500, payloadBytes: 1024, errorPercent: 0 };

export const LOAD_LIMITS = { maxRps: 5000, maxPayloadBytes: 64 * 1024 } as const;

/** Which policy keys a change actually switches on or tunes (used to report enforcement). */
export function activePolicyKeys(policy: L7Policy): PolicyKey[] {
  const keys: PolicyKey[] = [];
  if (policy.retries.enabled) keys.push('retries');
  if (policy.timeout.enabled) keys.push('timeout');
  if (policy.fault.abortPercent > 0 || policy.fault.delayPercent > 0) keys.push('fault');
  if (policy.mtls) keys.push('mtls');
  return keys;
}
