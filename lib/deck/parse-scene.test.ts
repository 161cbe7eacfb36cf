import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../mesh/policies';
import { extractScene, parseScene } from './parse-scene';

describe('a slide’s demo scene', () => {
  it('reads the retries slide’s scene: modes in order, 10 % errors, retries 3 × 500 ms, everything else default', () => {
    const scene = parseScene('modes="sidecar,ambient,ambient-waypoint" errors="10" retries="3x500ms"', 'x');
    expect(scene).toEqual({
      modes: ['sidecar', 'ambient', 'ambient-waypoint'],
      errorPercent: 10,
      retries: { enabled: true, attempts: 3, perTryTimeoutMs: 500 },
      run: 'key',
    });
  });

  it('reads a delay and an abort fault, a timeout, mTLS, rps and run="enter"', () => {
    expect(parseScene('modes="ambient-waypoint" delay="30% 100ms" abort="5% 503" timeout="250ms" mtls="off" rps="800" run="enter"', 'x')).toEqual({
      modes: ['ambient-waypoint'],
      errorPercent: 0,
      fault: { delayPercent: 30, delayMs: 100, abortPercent: 5, abortStatus: 503 },
      timeout: { enabled: true, ms: 250 },
      mtls: false,
      rps: 800,
      run: 'enter',
    });
    expect(parseScene('modes="none" retries="on"', 'x').retries).toEqual({ ...DEFAULT_POLICY.retries, enabled: true });
  });

  it.each([
    ['errors="10"', 'needs modes'],
    ['modes="sidecar,istio"', 'mode "istio" is not one of'],
    ['modes="sidecar,sidecar"', 'names a mode twice'],
    ['modes="sidecar" errors="110"', 'errors: "110" is not a percentage'],
    ['modes="sidecar" retries="sometimes"', 'retries: "sometimes"'],
    ['modes="sidecar" retries="11x500ms"', 'retries attempts: "11"'],
    ['modes="sidecar" delay="30%"', 'delay: "30%" is not'],
    ['modes="sidecar" abort="20% 99"', 'abort: "20% 99" is not'],
    ['modes="sidecar" run="later"', 'run: "later"'],
    ['modes="sidecar" faults="30%"', 'unknown faults="…"'],
  ])('refuses %s, naming the slide and what is wrong', (attrs, why) => {
    expect(() => parseScene(attrs, 'slides/05-demo.md slide 4')).toThrow(`slides/05-demo.md slide 4: scene`);
    expect(() => parseScene(attrs, 'slides/05-demo.md slide 4')).toThrow(why);
  });

  it('takes the comment out of the slide, one per slide', () => {
    const { scene, markdown } = extractScene('## Retries\n\n<!-- .scene: modes="sidecar" errors="10" -->\n\nText', 'x');
    expect(scene?.modes).toEqual(['sidecar']);
    expect(markdown).not.toContain('.scene');
    expect(() => extractScene('<!-- .scene: modes="none" -->\n<!-- .scene: modes="sidecar" -->', 'x')).toThrow('one scene per slide');
  });
});
