import { describe, expect, it } from 'vitest';
import { roomNote, type BackendStatus } from './backend-status';

const status = (s: Partial<BackendStatus>): BackendStatus => ({
  name: 'lab',
  state: 'ready',
  detail: 'netns: iptables REDIRECT (UID 1337 excluded)',
  recorded: false,
  since: 0,
  ...s,
});

describe('roomNote', () => {
  it('tells the room nothing while the backend is ready, live or recorded', () => {
    expect(roomNote(status({}))).toBeNull();
    expect(roomNote(status({ recorded: true, name: 'replay' }))).toBeNull();
  });

  it('says what is going on in plain words, never the backend internals', () => {
    const notes = (['starting', 'degraded', 'unavailable', 'stopped'] as const).map((state) =>
      roomNote(status({ state, detail: 'MESH_BACKEND=replay: kube context kind-meshstage' })),
    );
    expect(notes.every((n) => n && !/MESH_BACKEND|iptables|kube|UID/.test(n))).toBe(true);
    expect(roomNote(status({ state: 'degraded', recorded: true }))).toMatch(/recording/);
  });

  it('says plainly when the recording has nothing for the demo as set, on a stand-in or as the demo', () => {
    for (const state of ['ready', 'degraded'] as const)
      expect(roomNote(status({ state, recorded: true, unrecorded: 'No recording of Sidecar with 20 % aborted (503)' }))).toBe(
        'Nothing recorded matches the demo as it is set now: no numbers to show.',
      );
  });
});
