// A slide's demo scene, declared in its markdown (one per slide, like a poll):
//   <!-- .scene: modes="sidecar,ambient,ambient-waypoint" errors="10" retries="3x500ms" -->
//   <!-- .scene: modes="ambient-waypoint,sidecar" delay="30% 100ms" -->
//   <!-- .scene: modes="none" run="enter" -->
// modes: mode ids in walking order (required). errors: backend error %. retries: "on" (3 × 500 ms)
// or "<attempts>x<per-try>ms". timeout: "<ms>ms". delay: "<percent>% <ms>ms". abort: "<percent>%
// <status>". mtls: "on" | "off". rps: a number. run: "key" (D on the console, the default) or
// "enter" (when the deck arrives on the slide). Anything else fails the deck with the slide named.
import { MODE_IDS, type ModeId } from '../mesh/modes';
import { DEFAULT_POLICY, LOAD_LIMITS } from '../mesh/policies';
import type { Scene } from '../mesh/scene';
import { parseAttributes } from './attributes';

export const SCENE_COMMENT = /<!--\s*\.scene:\s*([\s\S]*?)\s*-->/;
const KNOWN = new Set(['modes', 'errors', 'retries', 'timeout', 'delay', 'abort', 'mtls', 'rps', 'run']);

export function parseScene(attrText: string, where: string): Scene {
  const a = parseAttributes(attrText);
  const fail = (why: string): never => {
    throw new Error(`${where}: scene ${why}`);
  };
  const unknown = Object.keys(a).filter((k) => !KNOWN.has(k));
  if (unknown.length) fail(`has unknown ${unknown.map((k) => `${k}="…"`).join(', ')} (known: ${[...KNOWN].join(', ')})`);
  const int = (name: string, text: string, min: number, max: number): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) fail(`${name}: "${text}" is not a whole number from ${min} to ${max}`);
    return n;
  };
  const percent = (name: string, text: string): number => {
    const m = text.match(/^(\d+(?:\.\d+)?)\s*%?$/);
    const n = m ? Number(m[1]) : NaN;
    if (!(n >= 0 && n <= 100)) fail(`${name}: "${text}" is not a percentage from 0 to 100`);
    return n;
  };

  if (!a.modes) fail('needs modes="…" (comma-separated: ' + MODE_IDS.join(', ') + ')');
  const modes = a.modes!.split(',').map((m) => m.trim());
  for (const m of modes) if (!(MODE_IDS as readonly string[]).includes(m)) fail(`mode "${m}" is not one of ${MODE_IDS.join(', ')}`);
  if (new Set(modes).size !== modes.length) fail('names a mode twice');

  const scene: Scene = { modes: modes as ModeId[], errorPercent: a.errors === undefined ? 0 : percent('errors', a.errors), run: 'key' };
  if (a.run !== undefined) {
    if (a.run !== 'key' && a.run !== 'enter') fail(`run: "${a.run}" is not "key" or "enter"`);
    scene.run = a.run as Scene['run'];
  }
  if (a.retries !== undefined) {
    if (a.retries === 'off') scene.retries = DEFAULT_POLICY.retries;
    else if (a.retries === 'on') scene.retries = { ...DEFAULT_POLICY.retries, enabled: true };
    else {
      const m = a.retries.match(/^(\d+)\s*x\s*(\d+)\s*ms$/);
      if (!m) fail(`retries: "${a.retries}" is not "on", "off" or "<attempts>x<per-try>ms"`);
      scene.retries = { enabled: true, attempts: int('retries attempts', m![1]!, 1, 10), perTryTimeoutMs: int('retries per-try', m![2]!, 1, 60_000) };
    }
  }
  if (a.timeout !== undefined) {
    const m = a.timeout.match(/^(\d+)\s*ms$/);
    if (a.timeout === 'off') scene.timeout = DEFAULT_POLICY.timeout;
    else if (!m) fail(`timeout: "${a.timeout}" is not "off" or "<ms>ms"`);
    else scene.timeout = { enabled: true, ms: int('timeout', m[1]!, 1, 60_000) };
  }
  if (a.delay !== undefined || a.abort !== undefined) {
    const fault = { ...DEFAULT_POLICY.fault };
    if (a.delay !== undefined) {
      const m = a.delay.match(/^(\S+%)\s+(\d+)\s*ms$/);
      if (!m) fail(`delay: "${a.delay}" is not "<percent>% <ms>ms"`);
      fault.delayPercent = percent('delay', m![1]!);
      fault.delayMs = int('delay ms', m![2]!, 0, 60_000);
    }
    if (a.abort !== undefined) {
      const m = a.abort.match(/^(\S+%)\s+(\d{3})$/);
      if (!m) fail(`abort: "${a.abort}" is not "<percent>% <status>"`);
      fault.abortPercent = percent('abort', m![1]!);
      fault.abortStatus = int('abort status', m![2]!, 400, 599);
    }
    scene.fault = fault;
  }
  if (a.mtls !== undefined) {
    if (a.mtls !== 'on' && a.mtls !== 'off') fail(`mtls: "${a.mtls}" is not "on" or "off"`);
    scene.mtls = a.mtls === 'on';
  }
  if (a.rps !== undefined) scene.rps = int('rps', a.rps, 0, LOAD_LIMITS.maxRps);
  return scene;
}

/** The scene declared in a slide's markdown (if any), and the markdown without its comment. */
export function extractScene(markdown: string, where: string): { scene: Scene | null; markdown: string } {
  const m = markdown.match(SCENE_COMMENT);
  if (!m) return { scene: null, markdown };
  const scene = parseScene(m[1]!, where);
  if (markdown.slice(m.index! + m[0].length).match(SCENE_COMMENT)) throw new Error(`${where}: one scene per slide`);
  return { scene, markdown: markdown.replace(SCENE_COMMENT, '') };
}
