// The room's deck (lib/deck/audience-deck.ts: no speaker notes, no captions) for the pages that
// render per request (/live, /screen) and for /audience-deck/<version>, where those pages fetch
// every slide's body after hydration: read from slides/ once per process, with its JSON and a
// version (a hash of that JSON) for the URL, so a cache may keep it for good.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { audienceDeck } from '../lib/deck/audience-deck';
import type { Deck } from '../lib/deck/types';
import { loadDeck } from './load-deck';

export interface AudienceDeckFile {
  deck: Deck;
  json: string;
  /** 16 hex digits of the JSON's SHA-256. */
  version: string;
}

let kept: AudienceDeckFile | null = null;

/** The server reads slides/ under MESHSTAGE_ROOT (server/main.ts); a build, under the project. */
export function audienceDeckFile(): AudienceDeckFile {
  if (kept) return kept;
  const deck = audienceDeck(loadDeck(path.join(process.env.MESHSTAGE_ROOT ?? process.cwd(), 'slides')));
  const json = JSON.stringify(deck);
  kept = { deck, json, version: createHash('sha256').update(json).digest('hex').slice(0, 16) };
  return kept;
}

/** Where a page fetches the whole room's deck (app/audience-deck/[version]/route.ts). */
export const audienceDeckUrl = (file: AudienceDeckFile): string => `/audience-deck/${file.version}`;
