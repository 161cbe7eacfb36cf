// A restart puts every screen back where the talk stood: the slide and fragment (by slide id),
// the pacing timer, the demo's mode, policy and load — and the new process's states carry a new
// epoch, which an open screen takes at once although its revisions start again at 0.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../lib/testing/until';
import { DEFAULT_POLICY } from '../../lib/mesh/policies';
import { command, startTestServer } from '../testing/start-test-server';
import { StageStore } from './stage-store';
import { DeckController } from './deck-controller';
import { testDeck } from '../../lib/testing/test-deck';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('where the talk stands, across a restart', () => {
  it('comes back: slide, fragment, timer, light room, mode, policy and load; with a new epoch', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-stage-')), 'audience.jsonl.stage.json');
    server = await startTestServer({ stageStore: new StageStore(file) });
    const presenter = await server.presenter();
    expect(await command(presenter, 'deck:goto', { slide: 2, fragment: -1 })).toMatchObject({ ok: true });
    const policy = { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 2, perTryTimeoutMs: 250 } };
    await command(presenter, 'mode:set', { mode: 'sidecar' });
    await command(presenter, 'policy:set', policy);
    await command(presenter, 'load:set', { rps: 321, payloadBytes: 2048, errorPercent: 3 });
    expect(await command(presenter, 'deck:light', { light: true })).toMatchObject({ ok: true });
    const before = { deck: server.app.deck.state(), demo: server.app.demo.state() };
    await server.close();

    server = await startTestServer({ stageStore: new StageStore(file) });
    const deck = server.app.deck.state();
    expect(before.deck.timer.running).toBe(true);
    expect(deck).toMatchObject({ slide: 2, fragment: -1, rev: 0, timer: before.deck.timer, light: true });
    expect(deck.epoch).not.toBe(before.deck.epoch);
    await until(() => server!.app.demo.state().mode === 'sidecar', 5000);
    expect(server.app.demo.state()).toMatchObject({ mode: 'sidecar', policy, load: { rps: 321, payloadBytes: 2048, errorPercent: 3 } });
    expect(server.app.demo.state().epoch).toBe(deck.epoch);
    expect(server.app.demo.state().epoch).not.toBe(before.demo.epoch);
  });

  it('a snapshot written before the light room reads as one without it; the light room outlives a slide the deck lost', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-stage-')), 'stage.json');
    const old = {
      slideId: 'intro',
      fragment: -1,
      timer: { running: false, startedAt: null, accumulatedMs: 0 },
      mode: 'none',
      policy: DEFAULT_POLICY,
      load: { rps: 1, payloadBytes: 0, errorPercent: 0 },
    };
    writeFileSync(file, JSON.stringify(old));
    expect(new StageStore(file).read()).toMatchObject({ slideId: 'intro', light: false });
    const deck = new DeckController(testDeck(), Date.now, 'e1', { slide: 999, fragment: -1, timer: old.timer, light: true });
    expect(deck.state()).toMatchObject({ slide: 0, light: true });
  });

  it('a snapshot that does not parse is ignored with a warning: the talk starts from the first slide', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-stage-')), 'stage.json');
    writeFileSync(file, '{"slideId": "intro", "fragment": "one"}');
    const warnings: string[] = [];
    expect(new StageStore(file, (m) => warnings.push(m)).read()).toBeNull();
    expect(warnings[0]).toMatch(/not a stage snapshot/);
    writeFileSync(file, '{"slideId": "intro", "frag');
    expect(new StageStore(file, (m) => warnings.push(m)).read()).toBeNull();
    expect(warnings[1]).toMatch(/unreadable/);
  });
});
