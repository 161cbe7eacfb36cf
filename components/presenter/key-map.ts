// The console's keys, as reveal.js's speaker view has them: pure, so the table is tested on its
// own (key-map.test.ts) and the help overlay lists the same table.

export type KeyAction =
  | { type: 'step'; direction: 'next' | 'prev' }
  | { type: 'goto'; slide: number }
  | { type: 'blank' }
  | { type: 'screen' }
  | { type: 'fullscreen' }
  | { type: 'help' }
  | { type: 'overview' }
  | { type: 'typing' }
  | { type: 'cancel' }
  /** Run the current slide's demo scene; again: its next mode (lib/mesh/scene.ts). */
  | { type: 'scene' }
  /** M then 1–6: that data plane (MODE_IDS order). */
  | { type: 'mode'; index: number };

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'n', 'N']);
const PREV = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'p', 'P']);

/** What the console's keys do, for the help overlay (`?`). */
export const KEY_HELP: [keys: string, what: string][] = [
  ['→ ↓ Space N PageDown', 'next step'],
  ['← ↑ P PageUp', 'previous step'],
  ['number, then Enter', 'go to that slide'],
  ['D', "run this slide's demo scene (policy, errors, first mode); again: its next mode"],
  ['M, then 1–6', 'data plane: 1 No mesh · 2 Sidecar · 3 Ambient · 4 Ambient + waypoint · 5 eBPF · 6 eBPF + node L7'],
  ['B or .', 'black out the screen (again to bring it back)'],
  ['O', 'overview: every slide, pick one'],
  ['S', 'open the projector screen'],
  ['F', 'full screen'],
  ['?', 'this help'],
  ['Esc', 'close the help or overview, forget a typed number'],
];

/** The typed prefix that waits for a mode's digit. */
export const MODE_PREFIX = 'm';

/** The action of `key` given what is typed so far (digits, or `m` waiting for a mode's digit);
 *  `typed` is what is typed after it. */
export function keyAction(key: string, typed: string): { action: KeyAction | null; typed: string } {
  if (typed === MODE_PREFIX) {
    if (/^[1-6]$/.test(key)) return { action: { type: 'mode', index: Number(key) - 1 }, typed: '' };
    if (key === 'Escape') return { action: { type: 'cancel' }, typed: '' };
    typed = ''; // any other key: the prefix is dropped and the key does what it does
  }
  if ((key === 'm' || key === 'M') && typed === '') return { action: { type: 'typing' }, typed: MODE_PREFIX };
  if (key === 'd' || key === 'D') return { action: { type: 'scene' }, typed: '' };
  if (/^[0-9]$/.test(key)) return typed.length < 3 ? { action: { type: 'typing' }, typed: typed + key } : { action: { type: 'typing' }, typed };
  if (key === 'Enter' && typed !== '') return { action: { type: 'goto', slide: Number(typed) - 1 }, typed: '' };
  if (key === 'Escape') return { action: { type: 'cancel' }, typed: '' };
  if (NEXT.has(key)) return { action: { type: 'step', direction: 'next' }, typed: '' };
  if (PREV.has(key)) return { action: { type: 'step', direction: 'prev' }, typed: '' };
  if (key === 'b' || key === 'B' || key === '.') return { action: { type: 'blank' }, typed: '' };
  if (key === 's' || key === 'S') return { action: { type: 'screen' }, typed: '' };
  if (key === 'f' || key === 'F') return { action: { type: 'fullscreen' }, typed: '' };
  if (key === '?') return { action: { type: 'help' }, typed: '' };
  if (key === 'o' || key === 'O') return { action: { type: 'overview' }, typed: '' };
  return { action: null, typed };
}
