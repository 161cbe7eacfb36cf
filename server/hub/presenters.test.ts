// Who holds the demo's controls when their window goes away: held through a short gap (a phone
// locking, a Wi-Fi blip), then free for good — a phone that comes back later does not take them back.
import { describe, expect, it } from 'vitest';
import type { PresenterWindow } from '../../lib/contract/events';
import type { HubServer } from './hub-types';
import { DRIVER_GRACE_MS, trackPresenters } from './presenters';

const ben: PresenterWindow = { client: 'ben-remote-01', name: 'Ben', kind: 'remote' };
const ana: PresenterWindow = { client: 'ana-console-1', name: 'Ana', kind: 'console' };

function fakeIo() {
  const sockets = new Map<string, { data: { role: string; presenter?: PresenterWindow } }>();
  const io = { of: () => ({ sockets }), to: () => ({ emit: () => {} }) } as unknown as HubServer;
  return {
    io,
    join: (w: PresenterWindow) => sockets.set(w.client, { data: { role: 'presenter', presenter: w } }),
    leave: (w: PresenterWindow) => sockets.delete(w.client),
  };
}

describe('the demo controls when their holder leaves', () => {
  it('are held through the grace, and free for good after it', () => {
    let now = 0;
    const { io, join, leave } = fakeIo();
    const presenters = trackPresenters(io, 'presenters', () => now);
    join(ben);
    join(ana);
    presenters.setDriver(ben.client, { role: 'presenter', presenter: ana });
    leave(ben);
    presenters.changed();
    now = DRIVER_GRACE_MS - 1;
    expect(presenters.demoRefusal('mode:set', { role: 'presenter', presenter: ana })).toMatch(/^Ben \(phone remote\) has the demo controls/);
    now = DRIVER_GRACE_MS + 1;
    expect(presenters.demoRefusal('mode:set', { role: 'presenter', presenter: ana })).toBeNull();
    join(ben); // the phone comes back later: the controls stay free
    presenters.changed();
    expect(presenters.state().demoDriver).toBeNull();
    presenters.stop();
  });

  it('a holder back within the grace keeps them, under its name as it is now', () => {
    let now = 0;
    const { io, join, leave } = fakeIo();
    const presenters = trackPresenters(io, 'presenters', () => now);
    join(ben);
    presenters.setDriver(ben.client, { role: 'presenter', presenter: ben });
    leave(ben);
    presenters.changed();
    now = 5_000;
    join({ ...ben, name: 'Benjamin' });
    presenters.changed();
    now = DRIVER_GRACE_MS * 3;
    expect(presenters.state().demoDriver).toEqual({ ...ben, name: 'Benjamin' });
    presenters.stop();
  });
});
