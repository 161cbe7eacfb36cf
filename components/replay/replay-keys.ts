// The replay's keys, as a video player and reveal.js have them: pure, so the table is tested on
// its own (replay-keys.test.ts) and the hint under the player lists the same table.

export type ReplayKey = 'toggle' | 'next' | 'prev' | 'start' | 'end' | 'faster' | 'slower' | 'fullscreen' | 'theatre';

const KEYS: Record<string, ReplayKey> = {
  ' ': 'toggle',
  k: 'toggle',
  K: 'toggle',
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ArrowLeft: 'prev',
  ArrowUp: 'prev',
  PageUp: 'prev',
  Home: 'start',
  End: 'end',
  '>': 'faster',
  '<': 'slower',
  f: 'fullscreen',
  F: 'fullscreen',
  t: 'theatre',
  T: 'theatre',
};

export const REPLAY_KEY_HELP: [keys: string, what: string][] = [
  ['Space', 'play / pause'],
  ['→ ←', 'next / previous step (fragment or slide)'],
  ['Home End', 'start / end'],
  ['> <', 'faster / slower'],
  ['F', 'full screen'],
  ['T', 'theatre'],
];

/** What `key` does, given what has focus: a form field keeps its own keys (the seek slider its
 *  arrows), a focused button keeps Space (it presses the button). */
export function replayKey(key: string, focus: 'field' | 'button' | 'other'): ReplayKey | null {
  const action = KEYS[key] ?? null;
  if (!action || focus === 'field') return null;
  if (focus === 'button' && action === 'toggle' && key === ' ') return null;
  return action;
}
