// The placement calculator's numbers: the console sets them, every screen is sent them (on connect
// and on change), nobody else can set them, and bad numbers change nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALCULATOR } from '../../lib/talk/calculator-state';
import { command, nextEvent, startTestServer } from '../testing/start-test-server';

let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('the calculator’s numbers', () => {
  it('go from the console to every screen, on change and to a screen that connects later', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const projector = await server.attendee();
    const room = nextEvent(projector, 'calc:state', (s) => s.inputs.pods === 1200);
    const typed = { ...DEFAULT_CALCULATOR, pods: 1200, l7Percent: 5, basis: 'usage' as const };
    expect(await command(presenter, 'calc:set', typed)).toMatchObject({ ok: true, data: { rev: 1, inputs: typed } });
    expect((await room).inputs).toEqual(typed);
    let seen: unknown = null;
    const late = await server.client(undefined, (c) => c.on('calc:state', (s) => (seen = s)));
    await command(late, 'state:sync', {});
    expect(seen).toMatchObject({ rev: 1, inputs: typed });
  });

  it('refuses an attendee and numbers out of range, and keeps what it had', async () => {
    server = await startTestServer();
    const presenter = await server.presenter();
    const attendee = await server.attendee();
    expect(await command(attendee, 'calc:set', DEFAULT_CALCULATOR)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only the presenter can change the calculator.' },
    });
    for (const bad of [
      { ...DEFAULT_CALCULATOR, pods: -1 },
      { ...DEFAULT_CALCULATOR, l7Percent: 101 },
      { ...DEFAULT_CALCULATOR, nodes: 1.5 },
      { ...DEFAULT_CALCULATOR, basis: 'vibes' },
      { pods: 5 },
    ]) {
      expect(await command(presenter, 'calc:set', bad)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(server.app.hub.snapshot({ role: 'attendee' }).find(([e]) => e === 'calc:state')?.[1]).toMatchObject({ rev: 0, inputs: DEFAULT_CALCULATOR });
  });
});
