import type { CommandError } from '@/lib/contract/ack';
import type { PresenterMove } from '@/lib/contract/events';
import { kindLabel } from '@/lib/contract/presenter-moves';

/** A refusal as the presenter reads it: a stale step names who moved the deck first. */
export function staleMessage(error: CommandError, lastDeck: PresenterMove | null, self: string | null): string {
  if (error.code !== 'stale' || !lastDeck || lastDeck.client === self) return error.message;
  const at = error.deck ? ` (now slide ${error.deck.slide + 1})` : '';
  return `${lastDeck.name} (${kindLabel(lastDeck.kind)}) moved the deck first${at}; your step was not applied.`;
}
