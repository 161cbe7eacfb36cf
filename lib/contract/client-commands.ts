// What a client needs to know of each command, kept apart from the command table
// (lib/contract/commands.ts), which pulls in every zod schema: the phone's first load carries
// neither zod nor the table for these two facts. Tests hold them to the table.
import type { CommandEvent } from './commands';

/** The commands counted under an attendee's identity: the phone waits for its identity before
 *  sending them (the table's `identity: true` entries). */
export const IDENTITY_COMMANDS: ReadonlySet<CommandEvent> = new Set<CommandEvent>([
  'poll:vote',
  'poll:estimate',
  'question:ask',
  'question:upvote',
  'reaction:send',
]);

// How long a client waits for a command's ack before telling the user the server did not answer.
// Most commands answer at once. A data-plane change answers when the backend is done: a lab
// switch takes 3.5–14 s, a kind switch to sidecar restarts every Deployment (up to the kind
// backend's 240 s switch timeout), a load change there rolls the workload out. Those wait as long
// as the backend may take, with their progress on screen (DemoState.switching) meanwhile — a
// switch still running is never reported as a failure.
export const ACK_TIMEOUT_MS = 5_000;

/** Longer than any backend's own limit for one change (the kind switch: 240 s), so the backend's
 *  own error, which names what is missing, arrives before this one. */
export const BACKEND_CHANGE_ACK_TIMEOUT_MS = 300_000;

const SLOW: Partial<Record<CommandEvent, number>> = {
  'mode:set': BACKEND_CHANGE_ACK_TIMEOUT_MS,
  'policy:set': BACKEND_CHANGE_ACK_TIMEOUT_MS,
  'load:set': BACKEND_CHANGE_ACK_TIMEOUT_MS,
  // A scene is up to three changes in a row: its policy, its load, its mode.
  'scene:run': 3 * BACKEND_CHANGE_ACK_TIMEOUT_MS,
};

export const ackTimeoutMs = (event: CommandEvent): number => SLOW[event] ?? ACK_TIMEOUT_MS;
