// Every client→server command in one table: its schema, whether only the presenter may send it,
// and what it does for whom. The hub runs it for its own connections; in a scale-out the primary
// runs it for connections held by edge processes (server/hub/scale-out.ts).
import type { z } from 'zod';
import type { AudienceCount, ClientToServerEvents, Role } from '../../lib/contract/events';
import {
  DeckGotoSchema,
  DeckStepSchema,
  LoadSetSchema,
  ModeSetSchema,
  PolicySchema,
  PollSetSchema,
  PollVoteSchema,
  QuestionAskSchema,
  QuestionIdSchema,
  QuestionModerateSchema,
  ReactionSchema,
  StateSyncSchema,
  TimerSetSchema,
} from '../../lib/contract/schemas';
import type { AudienceService } from '../audience/audience-service';
import { CommandFailure } from '../engine/command-failure';
import type { DeckController } from '../engine/deck-controller';
import type { DemoEngine } from '../engine/demo-engine';

/** Who sent a command, as the connection established it (token checked, attendee id verified). */
export interface Sender {
  role: Role;
  attendee?: string | undefined;
}

export interface Command<S extends z.ZodType = z.ZodType> {
  schema: S;
  presenterOnly: boolean;
  run: (input: z.infer<S>, who: Sender) => unknown;
}

export interface CommandDeps {
  deck: DeckController;
  demo: DemoEngine;
  audience: AudienceService;
  audienceCount: () => AudienceCount;
}

/** Every command event, for processes that forward rather than run them (scale-out edges). */
export const COMMAND_EVENTS = ['deck:step', 'deck:goto', 'timer:set', 'mode:set', 'policy:set', 'load:set', 'state:sync', 'poll:vote', 'question:ask', 'question:upvote', 'reaction:send', 'poll:set', 'question:moderate'] as const satisfies readonly (keyof ClientToServerEvents)[];

const cmd = <S extends z.ZodType>(schema: S, presenterOnly: boolean, run: (input: z.infer<S>, who: Sender) => unknown): Command => ({ schema, presenterOnly, run: run as Command['run'] });

function attendeeOf(who: Sender): string {
  if (!who.attendee) throw new CommandFailure('forbidden', 'Votes, questions and reactions come from attendees (open the audience link).');
  return who.attendee;
}

export function buildCommands({ deck, demo, audience, audienceCount }: CommandDeps): Record<keyof ClientToServerEvents, Command> {
  return {
    'deck:step': cmd(DeckStepSchema, true, (i) => deck.step(i.direction)),
    'deck:goto': cmd(DeckGotoSchema, true, (i) => deck.goto(i)),
    'timer:set': cmd(TimerSetSchema, true, (i) => deck.timer(i.action)),
    'mode:set': cmd(ModeSetSchema, true, (i) => demo.setMode(i.mode)),
    'policy:set': cmd(PolicySchema, true, (i) => demo.setPolicy(i)),
    'load:set': cmd(LoadSetSchema, true, (i) => demo.setLoad(i)),
    'state:sync': cmd(StateSyncSchema, false, () => ({ deck: deck.state(), demo: demo.state(), audience: audienceCount() })),
    'poll:vote': cmd(PollVoteSchema, false, (i, who) => audience.vote(attendeeOf(who), i.pollId, i.option)),
    'question:ask': cmd(QuestionAskSchema, false, (i, who) => audience.ask(attendeeOf(who), i.text, i.name)),
    'question:upvote': cmd(QuestionIdSchema, false, (i, who) => audience.upvote(attendeeOf(who), i.id)),
    'reaction:send': cmd(ReactionSchema, false, (i, who) => (audience.react(attendeeOf(who), i.emoji), null)),
    'poll:set': cmd(PollSetSchema, true, (i) => (audience.setPoll(i.pollId, i.status), audience.state.presenterView())),
    'question:moderate': cmd(QuestionModerateSchema, true, (i) => (audience.moderate(i.id, i.status), audience.state.presenterView())),
  };
}
