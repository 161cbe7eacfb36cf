// zod schemas for every client→server payload. The server parses each inbound payload with its
// schema whatever the TypeScript types say; the browser imports only the inferred types.
import { z } from 'zod';
import { SALT } from '../audience/identity-work';
import { MODE_IDS } from '../mesh/modes';
import { LOAD_LIMITS } from '../mesh/policies';
import { REACTIONS } from '../audience/types';
import { CALCULATOR_FIELDS } from '../talk/calculator-state';

/** The deck state a step was pressed on (its epoch and revision, as the sender last saw it): a
 *  step pressed before another presenter's move reached the sender is refused (`stale`) with the
 *  current position, so two Nexts pressed at once advance one slide. Scripts may leave it out. */
export const DeckAtSchema = z.strictObject({ epoch: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), rev: z.number().int().min(0) });
export const DeckStepSchema = z.strictObject({ direction: z.enum(['next', 'prev']), at: DeckAtSchema.optional() });

export const DeckGotoSchema = z.strictObject({
  slide: z.number().int().min(0).max(10_000),
  fragment: z.number().int().min(-1).max(1_000),
});

export const TimerSetSchema = z.strictObject({ action: z.enum(['start', 'pause', 'reset']) });
export const DeckBlankSchema = z.strictObject({ blank: z.boolean() });
/** The light room: no live telemetry to phones (slides, the demo's state, polls and questions still go). */
export const DeckLightSchema = z.strictObject({ light: z.boolean() });

/** What a page draws now, so the server sends it nothing else: `hidden` (the Page Visibility API:
 *  in the background or the screen off) takes it out of the live measurements, states only;
 *  `reactions`: it draws the room's reactions (the projector opened without the token). */
export const ViewSetSchema = z.strictObject({ hidden: z.boolean(), reactions: z.boolean().default(false) });

export const ModeSetSchema = z.strictObject({ mode: z.enum(MODE_IDS) });

/** Run a slide's demo scene at one of its steps (the mode of that step, under the scene's policy). */
export const SceneRunSchema = z.strictObject({
  slide: z.number().int().min(0).max(10_000),
  step: z
    .number()
    .int()
    .min(0)
    .max(MODE_IDS.length - 1),
});

export const PolicySchema = z.strictObject({
  retries: z.strictObject({
    enabled: z.boolean(),
    attempts: z.number().int().min(1).max(10),
    perTryTimeoutMs: z.number().int().min(1).max(60_000),
  }),
  timeout: z.strictObject({ enabled: z.boolean(), ms: z.number().int().min(1).max(60_000) }),
  fault: z.strictObject({
    abortPercent: z.number().min(0).max(100),
    abortStatus: z.number().int().min(400).max(599),
    delayPercent: z.number().min(0).max(100),
    delayMs: z.number().int().min(0).max(60_000),
  }),
  mtls: z.boolean(),
});

export const LoadSetSchema = z.strictObject({
  rps: z.number().int().min(0).max(LOAD_LIMITS.maxRps),
  payloadBytes: z.number().int().min(0).max(LOAD_LIMITS.maxPayloadBytes),
  errorPercent: z.number().min(0).max(100),
});

export const StateSyncSchema = z.strictObject({});

/** The placement calculator's inputs from the console (lib/talk/calculator-state.ts). */
export const CalcSetSchema = z.strictObject({
  ...(Object.fromEntries(CALCULATOR_FIELDS.map((f) => [f.key, z.number().int().min(0).max(f.max)])) as Record<
    (typeof CALCULATOR_FIELDS)[number]['key'],
    z.ZodNumber
  >),
  basis: z.enum(['requests', 'usage']),
});

/** Bidirectional formatting characters (marks, embeddings, overrides, isolates): in a name or a
 *  question they could reverse the app's own labels around them on the moderation desk. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the control range is what is being removed
const CONTROLS = /[\u0000-\u001f\u007f]+/g;

/** Attendee text: trimmed, no control characters, no bidi controls (it is rendered as text, never
 *  HTML, and isolated in <bdi> besides). */
const text = (max: number) =>
  z
    .string()
    // Control characters become spaces; bidi controls go.
    .transform((s) => s.replace(CONTROLS, ' ').replace(BIDI_CONTROLS, '').trim())
    .pipe(z.string().min(1).max(max));

/** A command's optional second argument: an id the client keeps across its retries, so a command
 *  whose answer was lost (a dropped connection) and is sent again is run once and answered with
 *  the first run's result (server/hub/command-replay.ts). */
export const CommandMetaSchema = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

/** A presenter window's introduction, in its handshake (auth.presenter): who holds it (a name the
 *  other presenters see, as text) and which window it is. `client` is the window's own random id,
 *  the same across its reconnects. */
export const PresenterHelloSchema = z.strictObject({
  client: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: text(32),
  kind: z.enum(['console', 'remote', 'screen']),
});

/** Who drives the demo (a presenter window's id), or null: any presenter window may. */
export const DemoDriverSchema = z.strictObject({
  client: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .nullable(),
});

export const POLL_ID = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

export const PollVoteSchema = z.strictObject({ pollId: POLL_ID, option: POLL_ID });
/** A numeric poll's answer: a finite number (the poll's range is checked by the state, which
 *  knows the poll). */
export const PollEstimateSchema = z.strictObject({ pollId: POLL_ID, value: z.number().finite().min(-1e12).max(1e12) });
export const PollSetSchema = z.strictObject({ pollId: POLL_ID, status: z.enum(['open', 'closed', 'revealed']) });
export const QuestionAskSchema = z.strictObject({ text: text(280), name: text(40).nullable() });
export const QuestionIdSchema = z.strictObject({ id: z.string().regex(/^q-[A-Za-z0-9_-]{6,24}$/) });
export const QuestionModerateSchema = z.strictObject({ id: QuestionIdSchema.shape.id, status: z.enum(['approved', 'hidden', 'answered', 'pending']) });
export const QuestionsPublishingSchema = z.strictObject({ atOnce: z.boolean() });
export const ReactionSchema = z.strictObject({ emoji: z.enum(REACTIONS) });
const HEX64 = z.string().regex(/^[0-9a-f]{64}$/);
/** A solved identity challenge (lib/audience/identity-work.ts), as the server issued it plus the number. */
export const IdentityClaimSchema = z.strictObject({
  salt: z.string().regex(SALT),
  challenge: HEX64,
  maxNumber: z.number().int().min(1).max(100_000_000),
  signature: HEX64,
  number: z.number().int().min(0).max(100_000_000),
});

export type DeckStepInput = z.infer<typeof DeckStepSchema>;
export type CommandMeta = z.infer<typeof CommandMetaSchema>;
export type DemoDriverInput = z.infer<typeof DemoDriverSchema>;
export type PresenterHello = z.infer<typeof PresenterHelloSchema>;
export type DeckGotoInput = z.infer<typeof DeckGotoSchema>;
export type TimerSetInput = z.infer<typeof TimerSetSchema>;
export type ModeSetInput = z.infer<typeof ModeSetSchema>;
export type SceneRunInput = z.infer<typeof SceneRunSchema>;
export type PolicyInput = z.infer<typeof PolicySchema>;
export type LoadSetInput = z.infer<typeof LoadSetSchema>;
export type StateSyncInput = z.infer<typeof StateSyncSchema>;
export type ViewSetInput = z.input<typeof ViewSetSchema>;
export type CalcSetInput = z.infer<typeof CalcSetSchema>;
export type PollVoteInput = z.infer<typeof PollVoteSchema>;
export type PollSetInput = z.infer<typeof PollSetSchema>;
export type QuestionAskInput = z.input<typeof QuestionAskSchema>;
export type QuestionIdInput = z.infer<typeof QuestionIdSchema>;
export type QuestionModerateInput = z.infer<typeof QuestionModerateSchema>;
export type QuestionsPublishingInput = z.infer<typeof QuestionsPublishingSchema>;
export type ReactionInput = z.infer<typeof ReactionSchema>;
export type IdentityClaimInput = z.infer<typeof IdentityClaimSchema>;

/** One short line naming the first problem, for the ack's error message. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const path = issue.path.length ? issue.path.join('.') : 'payload';
  return `${path}: ${issue.message}`;
}
