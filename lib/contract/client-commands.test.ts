import { describe, expect, it } from 'vitest';
import { COMMAND_EVENTS, COMMANDS, type CommandSpec } from './commands';
import { IDENTITY_COMMANDS } from './client-commands';

describe('identity commands', () => {
  it('are the command table’s entries marked `identity: true`', () => {
    expect([...IDENTITY_COMMANDS].sort()).toEqual(COMMAND_EVENTS.filter((e) => (COMMANDS[e] as CommandSpec).identity === true).sort());
  });
});
