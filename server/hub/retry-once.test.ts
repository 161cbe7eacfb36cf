// The phone remote's way of sending (lib/channel/reliable-send.ts) against the real server: a
// switch whose connection drops while it runs is sent again on reconnect with its id, the server
// joins the retry to the run under way, and the backend is asked once.
import { afterEach, describe, expect, it } from 'vitest';
import { ReliableSender, type CommandSocket } from '../../lib/channel/reliable-send';
import { InMemoryBackend } from '../../backends/mock/index';
import { startTestServer } from '../testing/start-test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
afterEach(async () => server?.close());

describe('a command retried after a dropped connection', () => {
  it('runs once: the retry gets the answer of the switch already under way', async () => {
    const backend = new InMemoryBackend();
    let finish!: () => void;
    backend.modeGate = new Promise((resolve) => (finish = resolve));
    server = await startTestServer({ backend });
    const remote = await server.presenter({ client: 'ben-remote-01', name: 'Ben', kind: 'remote' });
    const sender = new ReliableSender(remote as unknown as CommandSocket, { timeoutMs: () => 30_000, reconnectGraceMs: 10_000 });

    // (The engine would also take a repeated switch to the same mode as done; the step below is
    // what only the id can save.)
    const answer = sender.send('mode:set', { mode: 'sidecar' });
    await expect.poll(() => backend.calls).toContain('mode:sidecar');
    // The Wi-Fi drops while the switch runs, and comes back.
    remote.disconnect();
    remote.connect();
    await expect.poll(() => remote.connected).toBe(true);
    finish();
    expect(await answer).toMatchObject({ ok: true, data: { mode: 'sidecar' } });
    expect(backend.calls.filter((c) => c.startsWith('mode:'))).toEqual(['mode:sidecar']);
    sender.close();
  });

  it('a step whose answer was lost is applied once, and the retry is told it succeeded (not stale)', async () => {
    server = await startTestServer();
    const remote = await server.presenter({ client: 'ben-remote-01', name: 'Ben', kind: 'remote' });
    // Answers are held back until the reconnect, as if the Wi-Fi dropped after the server got the step.
    const realEmit = (remote as unknown as { emit: (...a: unknown[]) => unknown }).emit.bind(remote);
    let firstTry = true;
    (remote as unknown as { emit: (...a: unknown[]) => unknown }).emit = (...args: unknown[]) => {
      if (firstTry) args[args.length - 1] = () => {}; // the first try's answer never arrives
      firstTry = false;
      return realEmit(...args);
    };
    const sender = new ReliableSender(remote as unknown as CommandSocket, { timeoutMs: () => 30_000, reconnectGraceMs: 10_000 });
    const at = { epoch: server.app.deck.state().epoch, rev: 0 };
    const answer = sender.send('deck:step', { direction: 'next', at });
    await expect.poll(() => server.app.deck.state().slide).toBe(1);
    remote.disconnect();
    remote.connect();
    expect(await answer).toMatchObject({ ok: true, data: { slide: 1, rev: 1 } });
    expect(server.app.deck.state()).toMatchObject({ slide: 1, rev: 1 });
    sender.close();
  });
});
