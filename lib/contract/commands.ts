// Every client→server command in one table: its payload schema, who may send it, what the server
// says to anyone else, and (as a type) what its ack carries. The socket.io event types, the
// event list a scale-out edge forwards, who may send what (mayRun) and the hub's checks are all
// derived from it, so adding a command is one entry here and one runner in server/hub/commands.ts
// (which the compiler then demands).
import type { z } from 'zod';
import type { IdentityClaimed, MyAudience, PresenterAudience, QuestionView } from '../audience/types';
import type { DeckState } from '../deck/types';
import type { DemoState } from '../mesh/demo-state';
import type { AckFn } from './ack';
import type { PresentersState, Role, Snapshot } from './events';
import type { CalculatorState } from '../talk/calculator-state';
import {
  CalcSetSchema,
  DeckBlankSchema,
  DeckGotoSchema,
  DeckLightSchema,
  DeckStepSchema,
  DemoDriverSchema,
  IdentityClaimSchema,
  LoadSetSchema,
  ModeSetSchema,
  PolicySchema,
  PollEstimateSchema,
  PollSetSchema,
  PollVoteSchema,
  QuestionAskSchema,
  QuestionIdSchema,
  QuestionModerateSchema,
  QuestionsPublishingSchema,
  ReactionSchema,
  SceneRunSchema,
  StateSyncSchema,
  TimerSetSchema,
  ViewSetSchema,
} from './schemas';

/** Who may send a command: anyone; the presenter only; or a moderator too (`moderator`: the
 *  presenter or the moderator link, which may moderate questions and nothing else). */
export type CommandAccess =
  | { access: 'anyone' }
  | { access: 'presenter'; /** Completes "Only the presenter can …". */ refusal: string }
  | { access: 'moderator'; /** Completes "Only the presenter or a moderator can …". */ refusal: string };
export type CommandSpec<S extends z.ZodType = z.ZodType, R = unknown> = CommandAccess & {
  schema: S;
  /** An attendee's: counted under its audience identity (a phone sends it once it has one;
   *  lib/contract/client-commands.ts lists these for the page, without zod). */
  identity?: true;
  /** Type only: what the ack carries on success. */
  readonly result?: R;
};

/** `command<Result>()({ schema, access, … })`: the result type is given, the schema inferred. */
const command =
  <R>() =>
  <S extends z.ZodType>(spec: CommandAccess & { schema: S; identity?: true }): CommandSpec<S, R> =>
    spec;

export const COMMANDS = {
  'deck:step': command<DeckState>()({ schema: DeckStepSchema, access: 'presenter', refusal: 'change slides' }),
  'deck:goto': command<DeckState>()({ schema: DeckGotoSchema, access: 'presenter', refusal: 'change slides' }),
  'deck:blank': command<DeckState>()({ schema: DeckBlankSchema, access: 'presenter', refusal: 'black out the screen' }),
  /** The light room: phones get no live telemetry (the projector and the presenters' windows still do).
   *  A stage setting like the blackout, in the deck's state (revisioned, in every snapshot, kept
   *  across restarts) — not a demo change: it changes what goes on the air, not what the demo
   *  runs, so the demo-driver hand-off does not hold it (presenters.ts DEMO_CHANGES). */
  'deck:light': command<DeckState>()({ schema: DeckLightSchema, access: 'presenter', refusal: 'choose a light room' }),
  'timer:set': command<DeckState>()({ schema: TimerSetSchema, access: 'presenter', refusal: 'control the timer' }),
  'mode:set': command<DemoState>()({ schema: ModeSetSchema, access: 'presenter', refusal: 'switch the data plane' }),
  'policy:set': command<DemoState>()({ schema: PolicySchema, access: 'presenter', refusal: 'change L7 policies' }),
  'load:set': command<DemoState>()({ schema: LoadSetSchema, access: 'presenter', refusal: 'set the load' }),
  'scene:run': command<DemoState>()({ schema: SceneRunSchema, access: 'presenter', refusal: 'run demo scenes' }),
  /** Hands the demo's controls to one presenter window (or frees them): the others' demo commands are refused meanwhile. */
  'demo:driver': command<PresentersState>()({ schema: DemoDriverSchema, access: 'presenter', refusal: 'hand over the demo controls' }),
  'calc:set': command<CalculatorState>()({ schema: CalcSetSchema, access: 'presenter', refusal: 'change the calculator' }),
  'state:sync': command<Snapshot>()({ schema: StateSyncSchema, access: 'anyone' }),
  /** What this page draws now (hidden in the background: states only). A command, not a bare event:
   *  the table's schema, rate limit, refusal count and ack come with it, and in a scale-out it
   *  reaches the primary, which moves the connection by its id (through the adapter) and resends
   *  the scoreboard it missed. No identity needed: a phone still earning one may be hidden. */
  'view:set': command<null>()({ schema: ViewSetSchema, access: 'anyone' }),
  'poll:vote': command<MyAudience>()({ schema: PollVoteSchema, access: 'anyone', identity: true }),
  /** A numeric poll's answer (one per attendee, replaced while open). */
  'poll:estimate': command<MyAudience>()({ schema: PollEstimateSchema, access: 'anyone', identity: true }),
  'poll:set': command<PresenterAudience>()({ schema: PollSetSchema, access: 'presenter', refusal: 'open, close or reveal polls' }),
  'question:ask': command<QuestionView>()({ schema: QuestionAskSchema, access: 'anyone', identity: true }),
  'question:upvote': command<MyAudience>()({ schema: QuestionIdSchema, access: 'anyone', identity: true }),
  'question:moderate': command<PresenterAudience>()({ schema: QuestionModerateSchema, access: 'moderator', refusal: 'moderate questions' }),
  /** Whether a new question is public at once (hidden later) or waits for moderation. */
  'questions:publishing': command<PresenterAudience>()({
    schema: QuestionsPublishingSchema,
    access: 'moderator',
    refusal: 'choose how questions are published',
  }),
  'reaction:send': command<null>()({ schema: ReactionSchema, access: 'anyone', identity: true }),
  /** A phone's solved challenge for its audience identity (server/audience/attendee-identity.ts). */
  'identity:claim': command<IdentityClaimed>()({ schema: IdentityClaimSchema, access: 'anyone' }),
};

export type CommandEvent = keyof typeof COMMANDS;
/** What a client may send (before the schema's defaults and transforms). */
export type CommandInput<E extends CommandEvent> = z.input<(typeof COMMANDS)[E]['schema']>;
/** What the server's runner receives (after validation). */
export type CommandPayload<E extends CommandEvent> = z.output<(typeof COMMANDS)[E]['schema']>;
export type CommandResult<E extends CommandEvent> = (typeof COMMANDS)[E] extends CommandSpec<z.ZodType, infer R> ? R : never;

export const COMMAND_EVENTS = Object.keys(COMMANDS) as CommandEvent[];
/** The roles each access admits: the presenter may do everything a moderator may. */
const ADMITS: Record<CommandAccess['access'], readonly Role[]> = {
  anyone: ['presenter', 'moderator', 'attendee'],
  moderator: ['presenter', 'moderator'],
  presenter: ['presenter'],
};

/** Whether `role` may send a command of this spec (else `forbidden`, and nothing changes). */
export function mayRun(spec: CommandAccess, role: Role): boolean {
  return ADMITS[spec.access].includes(role);
}

/** The presenter's alone: an attendee or a moderator sending one gets `forbidden`. */
export const PRESENTER_COMMANDS = COMMAND_EVENTS.filter((e) => COMMANDS[e].access === 'presenter');
/** The moderator link's (and the presenter's): moderation and nothing else. */
export const MODERATOR_COMMANDS = COMMAND_EVENTS.filter((e) => COMMANDS[e].access === 'moderator');

export function isCommandEvent(event: string): event is CommandEvent {
  return Object.hasOwn(COMMANDS, event);
}

/** What a sender not admitted to a command is told (null: anyone may send it). */
export function presenterOnlyMessage(spec: CommandAccess): string | null {
  if (spec.access === 'anyone') return null;
  return spec.access === 'presenter' ? `Only the presenter can ${spec.refusal}.` : `Only the presenter or a moderator can ${spec.refusal}.`;
}

/** The refusal `role` gets for a command, or null when it may send it. */
export function refusalFor(spec: CommandAccess, role: Role): string | null {
  return mayRun(spec, role) ? null : presenterOnlyMessage(spec);
}

/** The socket.io client→server events, one per command. */
export type ClientToServerEvents = { [E in CommandEvent]: (input: CommandInput<E>, ack: AckFn<CommandResult<E>>) => void };
