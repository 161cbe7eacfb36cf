import type { CommandError } from '@/lib/contract/ack';
import { kindLabel } from '@/lib/contract/presenter-moves';

/** A refusal as the presenter reads it: a stale step names who moved the deck first (the server
 *  says, in the refusal: `by`). */
export function staleMessage(error: CommandError, self: string | null): string {
  if (error.code !== 'stale' || !error.by) return error.message;
  const at = error.deck ? ` (now slide ${error.deck.slide + 1})` : '';
  const who = error.by.client === self ? 'This window' : `${error.by.name} (${kindLabel(error.by.kind)})`;
  return `${who} moved the deck first${at}; your step was not applied.`;
}
