// Every slide of the deck fits: on the projector (presenter view, 1920×1080, every fragment shown)
// and on an upright phone (390×844), the slide's content is no taller than reveal.js's slide box.
// Screenshots of each slide go to artifacts/screenshots/deck/.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadDeck } from '../server/deck/load-deck';
import { AttendeePage } from './pages/attendee-page';
import { PresenterPage } from './pages/presenter-page';
import { rawClient, resetShared, send } from './support/socket-client';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots/deck';
mkdirSync(SHOTS, { recursive: true });

test.beforeEach(async () => resetShared());

test('every slide fits on the projector and on a phone, and has speaker notes', async ({ browser }) => {
  test.setTimeout(180_000);
  const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const presenter = new PresenterPage(await presenterContext.newPage());
  const phone = new AttendeePage(await phoneContext.newPage());
  await Promise.all([presenter.open(), phone.open()]);
  const driver = await rawClient('presenter');
  const overflow: string[] = [];
  for (const slide of deck.slides) {
    expect(slide.notesHtml, `${slide.id} has speaker notes`).not.toBe('');
    await send(driver, 'deck:goto', { slide: slide.index, fragment: slide.fragments - 1 });
    await presenter.expectAt(slide.index, slide.fragments - 1);
    await phone.expectAt(slide.index, slide.fragments - 1);
    await presenter.page.waitForTimeout(400);
    for (const [who, page, testId] of [['projector', presenter.page, 'current-slide'], ['phone', phone.page, 'attendee-slide']] as const) {
      const { content, box } = await page.evaluate((id) => {
        const root = document.querySelector(`[data-testid="${id}"]`)!;
        const section = root.querySelector('section.present') as HTMLElement;
        return { content: section.scrollHeight, box: root.getAttribute('data-shape') === 'tall' ? 1040 : 720 };
      }, testId);
      if (content > box) overflow.push(`${slide.id} on the ${who}: ${content} px of ${box}`);
    }
    await presenter.deck().screenshot({ path: `${SHOTS}/${String(slide.index).padStart(2, '0')}-${slide.id}-projector.png` });
  }
  driver.disconnect();
  expect(overflow).toEqual([]);
  await Promise.all([presenterContext.close(), phoneContext.close()]);
});
