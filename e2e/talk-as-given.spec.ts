// The talk as given: a live talk recorded with RECORD_SESSION keeps the room — a poll's votes as
// they came in, the questions the room could see — and its replay shows them on the poll slide and
// the Questions slide. The recording holds no attendee id or token.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import type { PublicAudience, QuestionView } from '../lib/audience/types';
import type { Recording } from '../lib/replay/recording';
import { talkTimeline, type Chapter } from '../lib/replay/talk-timeline';
import { loadDeck } from '../content/load-deck';
import { startReplayServer, type ReplayServer } from './support/replay-server';
import { attendeeTokens, rawClient, send, type RawClient } from './support/socket-client';

const PORT = Number(process.env.E2E_TALK_AS_GIVEN_PORT ?? 3120);
const SHOTS = 'artifacts/screenshots';
/** Where the replay finds it: /recordings/<name> is public/recordings/, read when a server starts. */
const NAME = `talk-as-given-e2e-${process.pid}.json`;
const SERVED = path.resolve('public/recordings', NAME);
/** The replay's seek slider moves in quarter seconds. */
const SEEK_STEP_MS = 250;
const deck = loadDeck();
const slideOf = (id: string) => deck.slides.findIndex((s) => s.id === id);
const POLL = 'in-prod';
const ASKED = [
  { text: 'Does ambient mode still need a waypoint for L7 retries?', name: 'Ana' },
  { text: 'What does the eBPF path cost in kernel CPU per request?', name: null },
];

/** The next public view `socket` receives that satisfies `match`. */
function nextPublic(socket: RawClient, match: (view: PublicAudience) => boolean): Promise<PublicAudience> {
  return new Promise((resolve) => {
    const listener = (view: PublicAudience) => {
      if (!match(view)) return;
      socket.off('audience:public', listener);
      resolve(view);
    };
    socket.on('audience:public', listener);
  });
}

/** The live part: the presenter opens the poll, three phones vote, two ask, the Questions slide. */
async function giveTheTalk(server: ReplayServer): Promise<string[]> {
  const at = { url: server.url, token: server.token };
  const presenter = await rawClient('presenter', at);
  const phones = [await rawClient('attendee', at), await rawClient('attendee', at), await rawClient('attendee', at)];
  try {
    const tokens = phones.map((p) => attendeeTokens.get(p)!);
    expect(tokens.every(Boolean)).toBe(true);
    await send(presenter, 'deck:goto', { slide: slideOf('poll-in-prod'), fragment: -1 });
    expect(await send(presenter, 'poll:set', { pollId: POLL, status: 'open' })).toMatchObject({ ok: true });
    const counted = nextPublic(phones[0]!, (v) => v.polls.some((p) => p.id === POLL && p.total === 3));
    for (const [i, option] of ['sidecar', 'sidecar', 'cilium'].entries())
      expect(await send(phones[i]!, 'poll:vote', { pollId: POLL, option })).toMatchObject({ ok: true });
    await counted;
    // Closed on the slide, as a presenter would before moving on (the room sees it: one more
    // broadcast, so the votes are on the slide's record well before it is left).
    const closed = nextPublic(phones[0]!, (v) => v.polls.some((p) => p.id === POLL && p.status === 'closed'));
    await send(presenter, 'poll:set', { pollId: POLL, status: 'closed' });
    await closed;

    await send(presenter, 'deck:goto', { slide: slideOf('questions'), fragment: -1 });
    const published = nextPublic(phones[2]!, (v) => ASKED.every((a) => v.questions.some((q) => q.text === a.text)));
    const asked: QuestionView[] = [];
    for (const [i, q] of ASKED.entries()) {
      const ack = (await send(phones[i]!, 'question:ask', q)) as { ok: boolean; data: QuestionView };
      expect(ack.ok).toBe(true);
      asked.push(ack.data);
      // Published at once, or waiting for the presenter: approved here either way.
      if (ack.data.status === 'pending')
        expect(await send(presenter, 'question:moderate', { id: ack.data.id, status: 'approved' })).toMatchObject({ ok: true });
    }
    await published;
    // Two upvotes for the second question, each seen by the room before the next: the first is on
    // the slide's record well before the talk ends.
    for (const [voter, votes] of [
      [phones[2]!, 1],
      [phones[0]!, 2],
    ] as const) {
      const upvoted = nextPublic(voter, (v) => v.questions.some((q) => q.id === asked[1]!.id && q.votes === votes));
      expect(await send(voter, 'question:upvote', { id: asked[1]!.id })).toMatchObject({ ok: true });
      await upvoted;
    }
    return tokens;
  } finally {
    for (const s of [presenter, ...phones]) s.disconnect();
  }
}

/** The slider position (a multiple of its step) at which the replay shows the recording at recT
 *  or just after, inside `chapter`. */
function seekTo(chapter: Chapter, recT: number): number {
  const talk = chapter.from + (recT - chapter.rec!.from);
  const at = Math.ceil(talk / SEEK_STEP_MS) * SEEK_STEP_MS;
  expect(at, `the recording at ${recT} ms plays inside the ${chapter.slideId} chapter`).toBeLessThan(chapter.to);
  return at;
}

async function lookAt(browser: Browser, url: string, size: { width: number; height: number }, poll: number, questions: number) {
  const phone = size.width < 600;
  const context = await browser.newContext({ viewport: size, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  const tag = `${size.width}x${size.height}`;
  try {
    await page.goto(`${url}/replay?recording=${NAME}#slide=poll-in-prod`);
    await expect(page.getByTestId('replay-slide')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('recorded-badge')).toBeVisible();
    // Where the talk reached the poll, it was not open yet; the replay says so, with no bars.
    await expect(page.getByTestId('replay-poll-note')).toHaveText('The poll was not open yet at this point of the talk.');
    await page.getByTestId('replay-seek').fill(String(poll));
    const card = page.getByTestId('replay-poll');
    await expect(card).toHaveAttribute('data-results', 'shown');
    await expect(card).toContainText('3 votes');
    await expect(page.getByTestId('replay-poll-option-sidecar')).toContainText('67% (2)');
    await expect(page.getByTestId('replay-poll-option-cilium')).toContainText('33% (1)');
    await expect(page.getByTestId('replay-poll-option-none')).toContainText('0% (0)');
    await expect(page.getByTestId('replay-poll-note')).toContainText("The room's votes as they stood at this point of the talk");
    await page.screenshot({ path: `${SHOTS}/talk-as-given-poll-${tag}.png` });

    await page.getByTestId('replay-seek').fill(String(questions));
    await expect(page.getByTestId('replay-position')).toHaveText(`${slideOf('questions') + 1} / ${deck.slides.length}`);
    const list = page.getByTestId('replay-top-questions');
    await expect(list).toHaveAttribute('data-count', '2');
    // Most upvoted first (one or both upvotes by then), each with the name its asker chose, if any.
    const [first, second] = [list.getByTestId('top-question').nth(0), list.getByTestId('top-question').nth(1)];
    await expect(first).toContainText(ASKED[1]!.text);
    await expect(first).toContainText(/^▲ [12] upvotes/);
    await expect(second).toHaveText(`▲ 0 upvotes${ASKED[0]!.text} — Ana`);
    await page.screenshot({ path: `${SHOTS}/talk-as-given-questions-${tag}.png` });
  } finally {
    await context.close();
  }
}

test('a recorded talk keeps its room: the replay shows the poll as it was voted and the questions, and no attendee identity', async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'meshstage-e2e-talk-'));
  const file = path.join(dir, 'talk.json');
  let server = await startReplayServer(PORT, path.join(dir, 'audience.jsonl'), undefined, { RECORD_SESSION: file });
  const tokens = await giveTheTalk(server).finally(() => server.stop()); // SIGTERM: the recording is written

  const json = readFileSync(file, 'utf8');
  const recording = JSON.parse(json) as Recording;
  expect(recording.meta.source).toBe('live');
  for (const token of tokens) {
    const [id, signature] = token.split('.');
    expect(json).not.toContain(id);
    expect(json).not.toContain(signature);
  }
  expect(json).not.toMatch(/"a-[A-Za-z0-9_-]{12}[".]/);

  // Where the replay shows the three votes, and the two questions.
  const chapters = talkTimeline(deck, recording);
  const chapter = (id: string) => chapters.find((c) => c.slideId === id && c.rec)!;
  const voted = recording.events.find((e) => e.k === 'poll' && e.poll.id === POLL && e.poll.total === 3)!;
  expect(voted).toMatchObject({ slideId: 'poll-in-prod', poll: { counts: { sidecar: 2, cilium: 1, ambient: 0, none: 0 } } });
  const upvoted = recording.events.find((e) => e.k === 'question-votes')!;
  expect(recording.events.filter((e) => e.k === 'question' && e.t <= upvoted.t)).toHaveLength(2);
  const at = { poll: seekTo(chapter('poll-in-prod'), voted.t), questions: seekTo(chapter('questions'), upvoted.t) };

  copyFileSync(file, SERVED);
  try {
    server = await startReplayServer(PORT, path.join(dir, 'audience-replay.jsonl'));
    await lookAt(browser, server.url, { width: 1920, height: 1080 }, at.poll, at.questions);
    await lookAt(browser, server.url, { width: 390, height: 844 }, at.poll, at.questions);
    // The shipped tour was scripted, with no room: its poll slide says so and invents no votes.
    const page = await browser.newPage();
    await page.goto(`${server.url}/replay#slide=poll-in-prod`);
    await expect(page.getByTestId('replay-poll-note')).toHaveText(
      'No room was recorded for this poll: this is the scripted lab tour, not a talk given to a room.',
    );
    await expect(page.getByTestId('replay-poll')).toHaveAttribute('data-room', 'none');
    // The handout of the talk as given prints the poll with the room's votes as it last saw them.
    await page.goto(`${server.url}/print?recording=${NAME}`);
    const printed = page.getByTestId(`handout-poll-${POLL}`);
    await expect(printed).toHaveAttribute('data-results', 'shown');
    await expect(printed).toContainText('3 votes in the session');
    await expect(printed.locator('[data-option="sidecar"]')).toContainText('67% (2)');
    await printed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/talk-as-given-print-poll.png` });
    await page.close();
  } finally {
    await server.stop();
    rmSync(SERVED, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});
