// The console's keys, as reveal.js's speaker view has them: pure, so the table is tested on its
// own (key-map.test.ts) and the help overlay lists the same table. An open overlay owns the keys:
// the overview moves its cursor and the help only closes — neither moves the deck.

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
  | { type: 'mode'; index: number }
  /** Scroll the speaker notes by about a screenful of them. */
  | { type: 'notes'; direction: 'down' | 'up' }
  /** The overview's cursor moves to this slide (0-based); the deck stays. */
  | { type: 'cursor'; slide: number };

/** What holds the keys: the deck, the help overlay, or the overview with its cursor on a slide
 *  and its tiles as laid out on screen, row by row (overviewRows). */
export type KeyMode = { kind: 'deck' } | { kind: 'help' } | { kind: 'overview'; cursor: number; rows: readonly (readonly number[])[] };

export const DECK_KEYS: KeyMode = { kind: 'deck' };

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'n', 'N']);
const PREV = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'p', 'P']);

/** What the console's keys do, for the help overlay (`?`). */
export const KEY_HELP: [keys: string, what: string][] = [
  ['→ ↓ Space N PageDown', 'next step'],
  ['← ↑ P PageUp', 'previous step'],
  ['number, then Enter', 'go to that slide'],
  ['D', "run this slide's demo scene (policy, errors, first mode); again: its next mode"],
  ['M, then 1–6', 'data plane: 1 No mesh · 2 Sidecar · 3 Ambient · 4 Ambient + waypoint · 5 eBPF · 6 eBPF + node L7'],
  ['J / K', 'scroll the speaker notes down / up'],
  ['B or .', 'black out the screen (again to bring it back)'],
  ['O', 'overview: every slide; ← → ↑ ↓ pick one, Enter goes there, the deck stays until then'],
  ['S', 'open the projector screen'],
  ['F', 'full screen'],
  ['?', 'this help (the deck keys wait while it is open)'],
  ['Esc', 'close the help or overview, forget a typed number'],
];

/** The typed prefix that waits for a mode's digit. */
export const MODE_PREFIX = 'm';

/** The action of `key` given what is typed so far (digits, or `m` waiting for a mode's digit)
 *  and what holds the keys; `typed` is what is typed after it (nothing while an overlay is open). */
export function keyAction(key: string, typed: string, mode: KeyMode = DECK_KEYS): { action: KeyAction | null; typed: string } {
  if (mode.kind === 'help') return { action: key === 'Escape' ? { type: 'cancel' } : key === '?' ? { type: 'help' } : null, typed: '' };
  if (mode.kind === 'overview') return { action: overviewKey(key, mode.cursor, mode.rows), typed: '' };
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
  if (key === 'j' || key === 'J') return { action: { type: 'notes', direction: 'down' }, typed };
  if (key === 'k' || key === 'K') return { action: { type: 'notes', direction: 'up' }, typed };
  if (key === 'b' || key === 'B' || key === '.') return { action: { type: 'blank' }, typed: '' };
  if (key === 's' || key === 'S') return { action: { type: 'screen' }, typed: '' };
  if (key === 'f' || key === 'F') return { action: { type: 'fullscreen' }, typed: '' };
  if (key === '?') return { action: { type: 'help' }, typed: '' };
  if (key === 'o' || key === 'O') return { action: { type: 'overview' }, typed: '' };
  return { action: null, typed };
}

/** The overview's keys: the arrows walk its grid, Home/End its ends, Enter goes to the cursor's
 *  slide, Esc or O closes it; every other key waits (no deck key reaches the deck). */
function overviewKey(key: string, cursor: number, rows: readonly (readonly number[])[]): KeyAction | null {
  if (key === 'Escape') return { type: 'cancel' };
  if (key === 'o' || key === 'O') return { type: 'overview' };
  if (key === 'Enter') return { type: 'goto', slide: cursor };
  const order = rows.flat();
  if (order.length === 0) return null;
  const at = rows.findIndex((row) => row.includes(cursor));
  if (at < 0) return key.startsWith('Arrow') || key === 'Home' || key === 'End' ? { type: 'cursor', slide: order[0]! } : null;
  const column = rows[at]!.indexOf(cursor);
  const inRow = (row: readonly number[] | undefined) => (row ? row[Math.min(column, row.length - 1)]! : cursor);
  const flat = order.indexOf(cursor);
  switch (key) {
    case 'ArrowRight':
      return { type: 'cursor', slide: order[Math.min(flat + 1, order.length - 1)]! };
    case 'ArrowLeft':
      return { type: 'cursor', slide: order[Math.max(flat - 1, 0)]! };
    case 'ArrowDown':
      return { type: 'cursor', slide: inRow(rows[at + 1]) };
    case 'ArrowUp':
      return { type: 'cursor', slide: inRow(rows[at - 1]) };
    case 'Home':
      return { type: 'cursor', slide: order[0]! };
    case 'End':
      return { type: 'cursor', slide: order.at(-1)! };
    default:
      return null;
  }
}

/** The overview's tiles row by row: each section starts a row of `columns` tiles. */
export function overviewRows(sections: readonly { firstSlide: number; slideCount: number }[], columns: number): number[][] {
  const per = Math.max(1, Math.floor(columns));
  const rows: number[][] = [];
  for (const { firstSlide, slideCount } of sections) {
    for (let i = 0; i < slideCount; i += per) rows.push(Array.from({ length: Math.min(per, slideCount - i) }, (_, j) => firstSlide + i + j));
  }
  return rows;
}

/** What the console shows while a key waits for more: a slide number before its Enter, or M
 *  before its digit (null: nothing typed). `slides` are the deck's titles, to name the target. */
export function typedHint(typed: string, slides: readonly { title: string }[]): { text: string; valid: boolean } | null {
  if (typed === '') return null;
  if (typed === MODE_PREFIX) return { text: 'M… (1–6: data plane)', valid: true };
  const n = Number(typed);
  if (n < 1 || n > slides.length) return { text: `No slide ${typed} (1–${slides.length})`, valid: false };
  const title = slides[n - 1]!.title;
  return { text: `Go to ${n} ↵${title ? ` ${title}` : ''}`, valid: true };
}
