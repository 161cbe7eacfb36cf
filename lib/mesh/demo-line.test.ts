import { describe, expect, it } from 'vitest';
import type { BackendStatus } from './backend-status';
import { demoLineNote } from './demo-line';
import type { SwitchProgress } from './demo-state';

const backend = (state: BackendStatus['state'], recorded = false): BackendStatus => ({ name: 'lab', state, detail: 'iptables rule x', recorded, since: 0 });
const switching: SwitchProgress = { from: 'none', to: 'sidecar', startedAt: 0, step: 'Restarting', done: 0, total: 3, waiting: [] };

describe('demoLineNote', () => {
  it('says nothing while the demo runs, even with a problem the details explain; recorded, starting, not running and a switch in plain words', () => {
    expect(demoLineNote({ backend: backend('ready'), switching: null })).toBeNull();
    expect(demoLineNote({ backend: backend('degraded'), switching: null })).toBeNull();
    expect(demoLineNote({ backend: backend('starting'), switching: null })).toBe('starting');
    expect(demoLineNote({ backend: backend('unavailable'), switching: null })).toBe('not running');
    expect(demoLineNote({ backend: backend('stopped'), switching: null })).toBe('not running');
    // Recorded: the line's heading says so (`Recorded demo: …`); the note only when the recording lacks the demo as set.
    expect(demoLineNote({ backend: backend('degraded', true), switching: null })).toBeNull();
    expect(demoLineNote({ backend: { ...backend('ready', true), unrecorded: 'No recording of eBPF' }, switching: null })).toBe('not in the recording');
    expect(demoLineNote({ backend: backend('ready'), switching })).toBe('switching to Sidecar');
  });
});
