// A server restart mid-talk, with a presenter window and a phone open: both come back on the
// slide where the talk stood, the presenter's window still presents (its token is kept beside the
// audience log), and the next step reaches the phone at once — the restarted server's revisions
// start again at 0, and its new epoch is what makes the screens take them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startReplayServer } from './support/replay-server';

const PORT = Number(process.env.E2E_RESTART_PORT ?? 3117);
const URL = `http://localhost:${PORT}`;

const position = async (page: Page, testId: string) => {
  const deck = page.getByTestId(testId);
  return { slide: await deck.getAttribute('data-slide'), fragment: await deck.getAttribute('data-fragment') };
};

test('a restart mid-talk: every open screen back where the talk stood, the presenter still presenting, the next step followed at once', async ({ browser }) => {
  test.setTimeout(120_000);
  const audienceLog = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-e2e-restart-')), 'audience.jsonl');
  let server = await startReplayServer(PORT, audienceLog);
  const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const token = server.token;
    const presenter = await presenterContext.newPage();
    await presenter.goto(`${URL}/present?token=${token}`);
    await expect(presenter.getByTestId('presenter-view')).toHaveAttribute('data-role', 'presenter');
    const phone = await phoneContext.newPage();
    await phone.goto(`${URL}/live`);
    await expect(phone.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
    for (let i = 0; i < 4; i++) await presenter.getByTestId('next').click();
    await expect(presenter.getByTestId('current-slide')).not.toHaveAttribute('data-slide', '0');
    const stood = await position(presenter, 'current-slide');
    await expect(phone.getByTestId('attendee-slide')).toHaveAttribute('data-slide', stood.slide!);

    await server.stop();
    await expect(phone.getByTestId('connection')).not.toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
    server = await startReplayServer(PORT, audienceLog);

    for (const [page, testId] of [
      [phone, 'attendee-slide'],
      [presenter, 'current-slide'],
    ] as const) {
      await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
      await expect(page.getByTestId(testId)).toHaveAttribute('data-slide', stood.slide!);
      await expect(page.getByTestId(testId)).toHaveAttribute('data-fragment', stood.fragment!);
    }
    await expect(presenter.getByTestId('presenter-view')).toHaveAttribute('data-role', 'presenter');
    await presenter.getByTestId('next').click();
    await expect.poll(async () => JSON.stringify(await position(presenter, 'current-slide'))).not.toBe(JSON.stringify(stood));
    const next = await position(presenter, 'current-slide');
    await expect(phone.getByTestId('attendee-slide')).toHaveAttribute('data-slide', next.slide!, { timeout: 3_000 });
    await expect(phone.getByTestId('attendee-slide')).toHaveAttribute('data-fragment', next.fragment!, { timeout: 3_000 });
  } finally {
    await Promise.all([presenterContext.close(), phoneContext.close()]);
    await server.stop();
  }
});
