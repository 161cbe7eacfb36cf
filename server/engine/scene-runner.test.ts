// Scenes through the hub, as the console sends them: one command sets a slide's policy, error rate
// and first mode; the next steps walk its modes; arriving on a run="enter" slide runs its scene and
// leaving a scene for a slide without one puts the defaults back.
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../lib/testing/until';
import { buildDeck } from '../../lib/deck/build-deck';
import { DEFAULT_POLICY } from '../../lib/mesh/policies';
import { command, startTestServer } from '../testing/start-test-server';

const deck = buildDeck({ title: 'Scenes', minutes: 5, sections: [{ file: 's.md', title: 'S', minutes: 5 }] }, () =>
  [
    '<!-- .slide: data-demo="panel" -->\n<!-- .scene: modes="none" run="enter" -->\n## Baseline',
    '<!-- .slide: data-demo="panel" -->\n<!-- .scene: modes="sidecar,ambient,ambient-waypoint" errors="10" retries="3x500ms" -->\n## Retries',
    '<!-- .slide: data-demo="panel" -->\n<!-- .scene: modes="ambient-waypoint,ambient" delay="30% 100ms" -->\n## Faults',
    '## Words',
  ].join('\n\n---\n\n'),
);

let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('demo scenes', () => {
  it('one command sets the retries scene: its policy, its 10 % errors and its first mode; the next step walks on', async () => {
    server = await startTestServer({ deck });
    const presenter = await server.presenter();
    const result = await command(presenter, 'scene:run', { slide: 1, step: 0 });
    expect(result).toMatchObject({
      ok: true,
      data: { mode: 'sidecar', load: { errorPercent: 10 }, policy: { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 3, perTryTimeoutMs: 500 } } },
    });
    expect(server.app.demo.state().enforcement).toContainEqual({ key: 'retries', enforced: true });
    const ambient = await command(presenter, 'scene:run', { slide: 1, step: 1 });
    expect(ambient).toMatchObject({ ok: true, data: { mode: 'ambient', load: { errorPercent: 10 } } });
    expect(server.app.demo.state().enforcement).toContainEqual(expect.objectContaining({ key: 'retries', enforced: false }));
  });

  it('the faults scene turns the retries and errors off and sets the slide’s delay', async () => {
    server = await startTestServer({ deck });
    const presenter = await server.presenter();
    await command(presenter, 'scene:run', { slide: 1, step: 0 });
    const result = await command(presenter, 'scene:run', { slide: 2, step: 0 });
    expect(result).toMatchObject({
      ok: true,
      data: {
        mode: 'ambient-waypoint',
        load: { errorPercent: 0 },
        policy: { ...DEFAULT_POLICY, fault: { ...DEFAULT_POLICY.fault, delayPercent: 30, delayMs: 100 } },
      },
    });
  });

  it('refuses attendees, a slide without a scene and a step past its modes — and changes nothing', async () => {
    server = await startTestServer({ deck });
    const presenter = await server.presenter();
    const attendee = await server.attendee();
    expect(await command(attendee, 'scene:run', { slide: 1, step: 0 })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only the presenter can run demo scenes.' },
    });
    expect(await command(presenter, 'scene:run', { slide: 3, step: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('has no demo scene') },
    });
    expect(await command(presenter, 'scene:run', { slide: 1, step: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('3 steps') },
    });
    expect(await command(presenter, 'scene:run', { slide: 1, step: -1 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(server.app.demo.state()).toMatchObject({ mode: 'none', policy: DEFAULT_POLICY, load: { errorPercent: 0 } });
  });

  it('arriving on a run="enter" slide runs its scene; leaving a scene restores the default policy and errors, not the mode', async () => {
    server = await startTestServer({ deck });
    const presenter = await server.presenter();
    await command(presenter, 'deck:goto', { slide: 2, fragment: -1 });
    await command(presenter, 'scene:run', { slide: 2, step: 1 });
    expect(server.app.demo.state()).toMatchObject({ mode: 'ambient', policy: { fault: { delayPercent: 30 } } });
    await command(presenter, 'deck:step', { direction: 'next' }); // onto "Words"
    await until(() => JSON.stringify(server!.app.demo.state().policy) === JSON.stringify(DEFAULT_POLICY));
    expect(server.app.demo.state()).toMatchObject({ mode: 'ambient', load: { errorPercent: 0 } });
    await command(presenter, 'deck:goto', { slide: 1, fragment: -1 });
    await command(presenter, 'scene:run', { slide: 1, step: 0 });
    await command(presenter, 'deck:step', { direction: 'next' }); // retries → faults: nothing of the retries scene stays
    await until(() => server!.app.demo.state().load.errorPercent === 0);
    expect(server.app.demo.state()).toMatchObject({ mode: 'sidecar', policy: DEFAULT_POLICY });
    await command(presenter, 'deck:goto', { slide: 0, fragment: -1 }); // the baseline runs "none" by itself
    await until(() => server!.app.demo.state().mode === 'none');
  });
});
