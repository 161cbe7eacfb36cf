// A live talk's recording, made through the real application with phones that earned their
// identities: the room is in it, the attendees are not.
import { afterEach, describe, expect, it } from 'vitest';
import { testDeckWithPolls } from '../../lib/testing/test-deck';
import { roomAt } from '../../lib/replay/replay-state';
import type { QuestionView } from '../../lib/audience/types';
import { command, startTestServer } from '../testing/start-test-server';
import { Recorder } from './recorder';

let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
afterEach(async () => server?.close());

describe('a recording made with votes and questions', () => {
  it('holds the room as everyone saw it and no attendee id or token', async () => {
    server = await startTestServer({ deck: testDeckWithPolls() });
    const recorder = new Recorder(server.app.deck, server.app.demo, Date.now, server.app.audience);
    const presenter = await server.presenter();
    const phones = await Promise.all([server.phone(), server.phone(), server.phone()]);
    const tokens = phones.map((p) => p.token!);
    expect(tokens.every(Boolean)).toBe(true);

    await command(presenter, 'poll:set', { pollId: 'in-prod', status: 'open' });
    for (const [i, p] of phones.entries())
      expect(await command(p.socket, 'poll:vote', { pollId: 'in-prod', option: i === 0 ? 'no' : 'yes' })).toMatchObject({ ok: true });
    const asked = await command(phones[0]!.socket, 'question:ask', { text: 'Is mTLS on by default in ambient?', name: 'Kim' });
    expect(asked).toMatchObject({ ok: true });
    const question = (asked as { data: QuestionView }).data;
    await command(presenter, 'question:moderate', { id: question.id, status: 'approved' });
    expect(await command(phones[1]!.socket, 'question:upvote', { id: question.id })).toMatchObject({ ok: true });
    await command(phones[2]!.socket, 'reaction:send', { emoji: '🔥' });

    const recording = recorder.finish({
      format: 'meshstage-recording/1',
      title: 't',
      backend: { name: 'memory', detail: 'x' },
      machine: { os: 'linux', kernel: 'k', cpus: 2, cpuModel: 'c', memoryGb: 1, node: 'v20' },
      versions: {},
      source: 'live',
    });
    const room = roomAt(recording, recording.meta.durationMs);
    expect(room?.polls).toEqual([{ id: 'in-prod', status: 'open', counts: { yes: 2, no: 1 }, total: 3, answer: null }]);
    expect(room?.questions).toMatchObject([{ text: 'Is mTLS on by default in ambient?', name: 'Kim', votes: 1, status: 'approved' }]);

    const json = JSON.stringify(recording);
    for (const token of tokens) {
      const [id, signature] = token.split('.');
      expect(json).not.toContain(id);
      expect(json).not.toContain(signature);
    }
    // No attendee id of any phone, in whatever field: they all look like this.
    expect(json).not.toMatch(/"a-[A-Za-z0-9_-]{12}/);
  });
});
