// Who may send what, read off the one command table: the moderator link moderates questions and
// nothing else of the presenter's.
import { describe, expect, it } from 'vitest';
import { COMMAND_EVENTS, COMMANDS, MODERATOR_COMMANDS, mayRun, PRESENTER_COMMANDS, presenterOnlyMessage, refusalFor } from './commands';
import type { Role } from './events';

const ROLES: Role[] = ['presenter', 'moderator', 'attendee'];

describe('command access', () => {
  it('a moderator may moderate questions and switch how they are published, and send nothing else of the presenter’s', () => {
    expect(MODERATOR_COMMANDS.sort()).toEqual(['question:moderate', 'questions:publishing']);
    for (const event of PRESENTER_COMMANDS) expect(mayRun(COMMANDS[event], 'moderator'), event).toBe(false);
    // The ones the issue names, by name: the table must never let a moderator drive the talk.
    for (const event of [
      'deck:step',
      'deck:goto',
      'deck:blank',
      'timer:set',
      'mode:set',
      'policy:set',
      'load:set',
      'scene:run',
      'calc:set',
      'poll:set',
    ] as const) {
      expect(PRESENTER_COMMANDS, event).toContain(event);
    }
  });

  it('every command admits the roles its access names, and refuses the others with its own message', () => {
    const expected: Record<string, Role[]> = { anyone: ROLES, moderator: ['presenter', 'moderator'], presenter: ['presenter'] };
    for (const event of COMMAND_EVENTS) {
      const spec = COMMANDS[event];
      for (const role of ROLES) {
        const admitted = expected[spec.access]!.includes(role);
        expect(mayRun(spec, role), `${event} from ${role}`).toBe(admitted);
        expect(refusalFor(spec, role), `${event} from ${role}`).toBe(admitted ? null : presenterOnlyMessage(spec));
      }
    }
  });

  it('says who may do it', () => {
    expect(refusalFor(COMMANDS['deck:step'], 'moderator')).toBe('Only the presenter can change slides.');
    expect(refusalFor(COMMANDS['question:moderate'], 'attendee')).toBe('Only the presenter or a moderator can moderate questions.');
    expect(presenterOnlyMessage(COMMANDS['question:ask'])).toBeNull();
  });
});
