// How a presenter's move reads on the console and the remote ("Ben · Next, 4 s ago").
import type { PresenterKind, PresenterMove } from './events';

const KIND: Record<PresenterKind, string> = { console: 'console', remote: 'phone remote', screen: 'projector' };
const DID: Record<string, string> = {
  'deck:step': 'stepped the deck',
  'deck:goto': 'jumped to a slide',
  'mode:set': 'switched the data plane',
  'policy:set': 'changed the L7 policy',
  'load:set': 'changed the load',
  'scene:run': 'ran the scene',
};

export const kindLabel = (kind: PresenterKind) => KIND[kind];

/** "Ben (phone remote) stepped the deck 4 s ago"; `connected`: the windows there now (a mover
 *  whose window has gone is marked so, not taken for one of them). */
export function describeMove(move: PresenterMove, now: number, selfClient?: string | null, connected?: readonly { client: string }[]): string {
  const gone = connected && !connected.some((w) => w.client === move.client) ? ', since left' : '';
  const who = move.client === selfClient ? 'You' : `${move.name} (${KIND[move.kind]}${gone})`;
  const s = Math.max(0, Math.round((now - move.at) / 1000));
  const ago = s < 2 ? 'just now' : s < 60 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
  return `${who} ${DID[move.command] ?? move.command} ${ago}`;
}
