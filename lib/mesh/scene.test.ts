import { describe, expect, it } from 'vitest';
import { DEFAULT_LOAD, DEFAULT_POLICY } from './policies';
import { describeScene, nextSceneStep, sceneLoad, scenePolicy, sceneSet, sceneStep, type Scene } from './scene';

const retries: Scene = {
  modes: ['sidecar', 'ambient', 'ambient-waypoint'],
  errorPercent: 10,
  retries: { enabled: true, attempts: 3, perTryTimeoutMs: 500 },
  run: 'key',
};

describe('scenes', () => {
  it('run under the default policy with their own parts, and the current load with their error rate', () => {
    expect(scenePolicy(retries)).toEqual({ ...DEFAULT_POLICY, retries: retries.retries });
    expect(sceneLoad(retries, { rps: 800, payloadBytes: 1024, errorPercent: 0 })).toEqual({ rps: 800, payloadBytes: 1024, errorPercent: 10 });
  });

  it('walk their modes one press at a time, from the first when the scene is not set', () => {
    const at = (mode: Scene['modes'][number], policy = scenePolicy(retries), errorPercent = 10) => ({ mode, policy, load: { ...DEFAULT_LOAD, errorPercent } });
    expect(nextSceneStep(retries, at('none', DEFAULT_POLICY, 0))).toBe(0);
    expect(sceneStep(retries, at('sidecar', DEFAULT_POLICY, 0))).toBeNull();
    expect(sceneSet(retries, at('sidecar'))).toBe(true);
    expect(nextSceneStep(retries, at('sidecar'))).toBe(1);
    expect(nextSceneStep(retries, at('ambient'))).toBe(2);
    expect(nextSceneStep(retries, at('ambient-waypoint'))).toBe(0); // the walk is over: again from the top
    expect(nextSceneStep(retries, at('ebpf'))).toBe(0); // a mode the scene does not walk
    expect(nextSceneStep(retries, at('ambient', scenePolicy(retries), 5))).toBe(0); // someone changed the errors
    expect(sceneStep(retries, at('ambient'))).toBe(1);
  });

  it('say in one line what they set', () => {
    expect(describeScene(retries)).toBe('10 % backend errors · retries (3 tries × 500 ms)');
    expect(describeScene({ modes: ['sidecar'], errorPercent: 0, fault: { ...DEFAULT_POLICY.fault, delayPercent: 30, delayMs: 100 }, run: 'key' })).toBe(
      'delay 30 % × 100 ms',
    );
    expect(describeScene({ modes: ['none'], errorPercent: 0, run: 'enter' })).toBe('default policy, no errors');
  });
});
