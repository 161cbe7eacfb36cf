// A demo scene: what one slide's demo needs — the data planes to walk, in order, and the L7 policy
// and backend error rate they run under — declared in the slide's markdown (lib/deck/parse-scene.ts)
// and applied by the server in one command (`scene:run`), so a 7- or 12-action console routine is
// one key. Pure: the console, the projector window and the server's runner share it.
import type { DemoState } from './demo-state';
import type { ModeId } from './modes';
import { DEFAULT_POLICY, type FaultPolicy, type L7Policy, type LoadSpec, type RetryPolicy, type TimeoutPolicy } from './policies';

export interface Scene {
  /** The data planes to walk, in order; the first is applied with the policy. */
  modes: ModeId[];
  /** What differs from the default policy; everything not named is the default (off). */
  retries?: RetryPolicy;
  timeout?: TimeoutPolicy;
  fault?: FaultPolicy;
  mtls?: boolean;
  /** The backend's error rate, % (0 when not named); `rps` only when named. */
  errorPercent: number;
  rps?: number;
  /** `enter`: run when the deck arrives on the slide; `key`: when the presenter asks (D). */
  run: 'enter' | 'key';
}

/** The policy a scene runs under: the default with the scene's parts. */
export function scenePolicy(scene: Scene): L7Policy {
  return {
    retries: scene.retries ?? DEFAULT_POLICY.retries,
    timeout: scene.timeout ?? DEFAULT_POLICY.timeout,
    fault: scene.fault ?? DEFAULT_POLICY.fault,
    mtls: scene.mtls ?? DEFAULT_POLICY.mtls,
  };
}

/** The load a scene runs under: the current one with the scene's error rate (and rps if named). */
export function sceneLoad(scene: Scene, current: LoadSpec): LoadSpec {
  return { ...current, errorPercent: scene.errorPercent, ...(scene.rps !== undefined ? { rps: scene.rps } : {}) };
}

const samePolicy = (a: L7Policy, b: L7Policy) => JSON.stringify(a) === JSON.stringify(b);

/** Whether the demo runs under the scene's policy and load (whatever its mode). */
export function sceneSet(scene: Scene, demo: Pick<DemoState, 'policy' | 'load'>): boolean {
  return (
    samePolicy(demo.policy, scenePolicy(scene)) && demo.load.errorPercent === scene.errorPercent && (scene.rps === undefined || demo.load.rps === scene.rps)
  );
}

/** The step one more press of "run the scene" goes to: the first mode when the scene is not set
 *  (or its walk is over), else the mode after the current one. */
export function nextSceneStep(scene: Scene, demo: Pick<DemoState, 'policy' | 'load' | 'mode'>): number {
  if (!sceneSet(scene, demo)) return 0;
  const at = scene.modes.indexOf(demo.mode);
  return at < 0 || at + 1 >= scene.modes.length ? 0 : at + 1;
}

/** Where a scene stands: the step whose mode runs now under the scene's policy, or null. */
export function sceneStep(scene: Scene, demo: Pick<DemoState, 'policy' | 'load' | 'mode'>): number | null {
  if (!sceneSet(scene, demo)) return null;
  const at = scene.modes.indexOf(demo.mode);
  return at < 0 ? null : at;
}

/** One line for the console and the help: "10 % errors · retries (3 tries × 500 ms)". */
export function describeScene(scene: Scene): string {
  const parts: string[] = [];
  if (scene.errorPercent > 0) parts.push(`${scene.errorPercent} % backend errors`);
  if (scene.retries?.enabled) parts.push(`retries (${scene.retries.attempts} tries × ${scene.retries.perTryTimeoutMs} ms)`);
  if (scene.timeout?.enabled) parts.push(`timeout ${scene.timeout.ms} ms`);
  if (scene.fault && scene.fault.delayPercent > 0) parts.push(`delay ${scene.fault.delayPercent} % × ${scene.fault.delayMs} ms`);
  if (scene.fault && scene.fault.abortPercent > 0) parts.push(`abort ${scene.fault.abortPercent} % (${scene.fault.abortStatus})`);
  if (scene.mtls === false) parts.push('mTLS off');
  if (scene.rps !== undefined) parts.push(`${scene.rps} rps`);
  return parts.length ? parts.join(' · ') : 'default policy, no errors';
}
