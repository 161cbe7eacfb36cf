// The commands counted under an attendee's identity, for the phone's page: it waits for its
// identity before sending them. Kept apart from the command table (lib/contract/commands.ts), which
// pulls in every zod schema: the phone's first load does not carry zod for this one list. A test
// holds it to the table's `identity: true` entries.
import type { CommandEvent } from './commands';

export const IDENTITY_COMMANDS: ReadonlySet<CommandEvent> = new Set<CommandEvent>(['poll:vote', 'question:ask', 'question:upvote', 'reaction:send']);
