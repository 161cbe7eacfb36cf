import { describe, expect, it } from 'vitest';
import { KIND_SWITCH_TIMEOUT_MS } from '../backends/kind/index';
import { LAB_COMMAND_TIMEOUT_MS, LAB_SWITCH_TIMEOUT_MS } from '../backends/lab/index';
import { COMMANDS, type CommandEvent } from '../lib/contract/commands';
import { ACK_TIMEOUT_MS, ackTimeoutMs } from '../lib/contract/client-commands';

describe('how long a client waits for an ack', () => {
  it('waits for a data-plane change longer than any backend may take, so the backend’s own error arrives first', () => {
    for (const event of ['mode:set', 'policy:set', 'load:set'] as const) {
      expect(ackTimeoutMs(event)).toBeGreaterThan(Math.max(KIND_SWITCH_TIMEOUT_MS, LAB_SWITCH_TIMEOUT_MS, LAB_COMMAND_TIMEOUT_MS));
    }
    // A demo scene: the policy, the load and the mode, one after another.
    expect(ackTimeoutMs('scene:run')).toBeGreaterThan(3 * Math.max(KIND_SWITCH_TIMEOUT_MS, LAB_SWITCH_TIMEOUT_MS, LAB_COMMAND_TIMEOUT_MS));
  });

  it('answers everything else within the short default', () => {
    const quick = (Object.keys(COMMANDS) as CommandEvent[]).filter((e) => !['mode:set', 'policy:set', 'load:set', 'scene:run'].includes(e));
    expect(quick.length).toBeGreaterThan(5);
    for (const event of quick) expect(ackTimeoutMs(event)).toBe(ACK_TIMEOUT_MS);
  });
});
