// What every command does, for whom: one runner per entry of lib/contract/commands.ts (the table
// of schemas and access), typed by it — a command added there does not compile until it runs
// here. The hub runs them for its own connections; in a scale-out the primary runs them for
// connections held by edge processes (server/hub/scale-out.ts).
import type { AudienceCount, PresentersState, PresenterWindow, Role } from '../../lib/contract/events';
import type { CommandEvent, CommandPayload, CommandResult } from '../../lib/contract/commands';
import type { AudienceService } from '../audience/audience-service';
import type { AddressLimits } from './address-limits';
import type { AttendeeIdentity, ClaimRefusal } from '../audience/attendee-identity';
import type { IdentityClaim } from '../../lib/audience/identity-work';
import type { IdentityClaimed, PresenterAudience } from '../../lib/audience/types';
import { CommandFailure } from '../engine/command-failure';
import type { DeckController } from '../engine/deck-controller';
import type { DemoEngine } from '../engine/demo-engine';
import type { SceneRunner } from '../engine/scene-runner';
import type { Calculator } from '../engine/calculator';

/** Who sent a command, as the connection established it (token checked, attendee id verified). */
export interface Sender {
  role: Role;
  /** Attendees: their identity, absent while their network may not be issued a new one. */
  attendee?: string | undefined;
  /** The connection's network address, for its allowances (server/hub/address-limits.ts). */
  address?: string | undefined;
  /** Whether the attendee's identity is established on that network (address-limits.ts,
   *  ESTABLISHED_MS), as the process holding the connection saw it when the command came. */
  established?: boolean | undefined;
  /** Presenter windows: who holds it (its handshake's introduction, or an unnamed one). */
  presenter?: PresenterWindow | undefined;
  /** The connection's socket id (a scale-out's primary moves an edge's connection between rooms by it). */
  socket?: string | undefined;
}

export type CommandRunners = { [E in CommandEvent]: (input: CommandPayload<E>, who: Sender) => CommandResult<E> | Promise<CommandResult<E>> };

export interface CommandDeps {
  deck: DeckController;
  demo: DemoEngine;
  scenes: SceneRunner;
  calculator: Calculator;
  audience: AudienceService;
  audienceCount: () => AudienceCount;
  addresses: AddressLimits;
  identity: AttendeeIdentity;
  /** Who drives the demo (server/hub/presenters.ts). */
  demoDriver: (client: string | null, who: Sender) => PresentersState;
  /** What a connection's page draws now (server/hub/live-rooms.ts). */
  view: (input: CommandPayload<'view:set'>, who: Sender) => null;
}

const CLAIM_REFUSALS: Record<ClaimRefusal['reason'], [code: 'invalid' | 'rate-limited', message: string]> = {
  forged: ['invalid', 'That identity challenge was not issued by this server (the page gets a new one by itself).'],
  expired: ['invalid', 'That identity challenge expired (the page gets a new one by itself).'],
  wrong: ['invalid', 'That is not the answer to the identity challenge.'],
  busy: ['rate-limited', 'Many new phones joined from this network just now; this one gets its identity in a minute.'],
};

function attendeeOf(who: Sender): string {
  if (who.attendee) return who.attendee;
  if (who.role === 'attendee') {
    throw new CommandFailure(
      'rate-limited',
      'This phone has no audience identity yet: it earns one by itself in a few seconds (a minute when many phones join from its network at once).',
    );
  }
  throw new CommandFailure('forbidden', 'Votes, questions and reactions come from attendees (open the audience link).');
}

export function buildCommands({ deck, demo, scenes, calculator, audience, audienceCount, addresses, identity, demoDriver, view }: CommandDeps): CommandRunners {
  const ask = (who: Sender, text: string, name: string | null) => {
    const attendee = attendeeOf(who);
    // An identity's first question is its own (the identity cost its phone the work), and one
    // established on its network asks at its own rate (address-limits.ts); the others share
    // their network's allowance. Only a question its own allowance would take draws on the
    // network's: one over it must not spend what the others share.
    const shares = !who.established && audience.state.asked(attendee) > 0 && audience.mayAsk(attendee);
    if (shares && who.address !== undefined && !addresses.ask(who.address)) {
      throw new CommandFailure('rate-limited', 'Many questions came from this network just now; try again in a minute.');
    }
    return audience.ask(attendee, text, name);
  };
  const claim = (input: IdentityClaim, who: Sender): IdentityClaimed => {
    if (who.role !== 'attendee') throw new CommandFailure('forbidden', 'Presenters have no audience identity.');
    // One identity per connection: a script wanting many opens many (the network's allowance).
    // The same answer again (its reply was lost on the way) gets the same identity back.
    if (who.attendee) {
      if (who.attendee !== identity.idFor(input.challenge)) throw new CommandFailure('invalid', 'This connection has an audience identity already.');
      return { attendeeToken: identity.tokenFor(who.attendee), mine: audience.state.mine(who.attendee) };
    }
    const claimed = identity.claim(input, () => who.address === undefined || addresses.issueIdentity(who.address));
    if (!claimed.ok) throw new CommandFailure(...CLAIM_REFUSALS[claimed.reason]);
    return { attendeeToken: claimed.token, mine: audience.state.mine(claimed.id) };
  };
  /** The desk as the sender may see it: a moderator gets the polls as the room does. */
  const deskFor = (who: Sender): PresenterAudience => (who.role === 'presenter' ? audience.state.presenterView() : audience.state.moderatorView());
  return {
    'deck:step': (i) => deck.step(i.direction, i.at),
    'deck:goto': (i) => deck.goto(i),
    'deck:blank': (i) => deck.blank(i.blank),
    'deck:light': (i) => deck.light(i.light),
    'timer:set': (i) => deck.timer(i.action),
    'mode:set': (i) => demo.setMode(i.mode),
    'policy:set': (i) => demo.setPolicy(i),
    'load:set': (i) => demo.setLoad(i),
    'scene:run': (i) => scenes.run(i.slide, i.step),
    'demo:driver': (i, who) => demoDriver(i.client, who),
    'calc:set': (i) => calculator.set(i),
    'view:set': (i, who) => view(i, who),
    'state:sync': () => ({ deck: deck.state(), demo: demo.state(), audience: audienceCount() }),
    'poll:vote': (i, who) => audience.vote(attendeeOf(who), i.pollId, i.option),
    'poll:estimate': (i, who) => audience.estimate(attendeeOf(who), i.pollId, i.value),
    'question:ask': (i, who) => ask(who, i.text, i.name),
    'question:upvote': (i, who) => audience.upvote(attendeeOf(who), i.id),
    'reaction:send': (i, who) => (audience.react(attendeeOf(who), i.emoji), null),
    'poll:set': (i) => (audience.setPoll(i.pollId, i.status), audience.state.presenterView()),
    'question:moderate': (i, who) => (audience.moderate(i.id, i.status), deskFor(who)),
    'questions:publishing': (i, who) => (audience.setPublishing(i.atOnce), deskFor(who)),
    'identity:claim': (i, who) => claim(i, who),
  };
}
