// The speaker console's ergonomics (issue 28, item 7), at the laptop sizes it runs on: the next
// slide stays in sight, opening the policy values pushes no control out of reach, an open overlay
// owns the keys (the overview's arrows pick a slide and only Enter moves the deck; the help lets
// no deck key through), a typed slide number shows before its Enter, and J scrolls the notes.
import { expect, test, type Page } from '@playwright/test';
import { PresenterPage } from './pages/presenter-page';
import { resetShared } from './support/socket-client';
import { loadDeck } from '../content/load-deck';

const deck = loadDeck();
const SHOTS = 'artifacts/screenshots/console';

test.beforeEach(async () => resetShared());

/** Every position the console's deck shows from now on (reveal.js's own, as it shows them). */
async function watchDeck(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="current-slide"]') as HTMLElement;
    const w = window as unknown as { deckShown: string[]; deckWatch?: MutationObserver };
    w.deckShown = [];
    w.deckWatch?.disconnect();
    w.deckWatch = new MutationObserver(() => {
      const at = `${el.dataset.slide}/${el.dataset.fragment}`;
      if (w.deckShown.at(-1) !== at) w.deckShown.push(at);
    });
    w.deckWatch.observe(el, { attributes: true, attributeFilter: ['data-slide', 'data-fragment'] });
  });
}
const deckShown = (page: Page) => page.evaluate(() => (window as unknown as { deckShown: string[] }).deckShown);

/** Where each control of the demo panel is: in view, or brought into view by its own scroll
 *  container (never by scrolling the page, which must not overflow). */
async function controlReach(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    // In the window and not clipped by its scroll container nor covered: what is at its centre is it.
    const inView = (e: Element) => {
      const r = e.getBoundingClientRect();
      if (!(r.height > 0 && r.top >= -1 && r.left >= -1 && r.bottom <= window.innerHeight + 1 && r.right <= window.innerWidth + 1)) return false;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit !== null && (hit === e || e.contains(hit));
    };
    const panel = document.querySelector('[data-testid="demo-controls"]')!;
    const controls = [...panel.querySelectorAll<HTMLElement>('button, input')].filter((e) => e.getClientRects().length > 0);
    const scrolled: string[] = [];
    const unreachable: string[] = [];
    for (const e of controls) {
      const id = e.dataset.testid ?? `${e.tagName.toLowerCase()}:${e.textContent?.trim()}`;
      if (inView(e)) continue;
      e.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      if (inView(e) && root.scrollTop === 0 && root.scrollLeft === 0) scrolled.push(id);
      else unreachable.push(id);
    }
    return {
      ids: controls.map((e) => e.dataset.testid ?? e.textContent?.trim()),
      scrolled,
      unreachable,
      pageOverflow: { y: root.scrollHeight - window.innerHeight, x: root.scrollWidth - window.innerWidth },
    };
  });
}

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`the console at ${width}×${height}: next slide in sight, every demo control reachable with the policy values open`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const presenter = new PresenterPage(await context.newPage());
    const page = presenter.page;
    await presenter.open();
    await expect(page.getByTestId('demo-controls').getByTestId('backend-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    // The retries slide: a scene bar, the live numbers and every toggle — the fullest side column.
    const retries = deck.slides.findIndex((s) => s.scene?.retries?.enabled);
    await page.keyboard.type(String(retries + 1));
    await page.keyboard.press('Enter');
    await presenter.expectAt(retries, -1);
    await expect(page.getByTestId('scene-bar')).toBeVisible();

    const next = page.getByTestId('next-slide');
    await expect(next).toBeVisible();
    const box = (await next.boundingBox())!;
    expect(box.height, `next-slide preview ${box.width}×${box.height} px`).toBeGreaterThanOrEqual(120);
    expect(box.y + box.height).toBeLessThanOrEqual(height);

    await page.getByText('Policy values').click();
    await expect(page.getByTestId('policy-details')).toBeInViewport({ ratio: 1 });
    // The values open last in the panel: the data plane, the toggles and the load stay where they were, in view.
    for (const id of ['mode-sidecar', 'mode-ebpf-l7', 'policy-retries', 'policy-mtls', 'load-rps', 'load-apply', 'policy-apply']) {
      await expect(page.getByTestId(id), `${id} in view`).toBeInViewport({ ratio: 1 });
    }
    await page.mouse.move(0, height - 1); // no hover highlight in the picture
    await page.screenshot({ path: `${SHOTS}/console-${width}x${height}.png` });
    const reach = await controlReach(page);
    test.info().annotations.push({ type: 'reached by scrolling the side column', description: reach.scrolled.join(', ') || 'none' });
    expect(reach.pageOverflow.y, 'the page itself does not overflow').toBeLessThanOrEqual(0);
    expect(reach.pageOverflow.x, 'the page itself does not overflow').toBeLessThanOrEqual(0);
    expect(reach.unreachable).toEqual([]);
    for (const id of [
      'mode-none',
      'mode-sidecar',
      'mode-ebpf-l7',
      'policy-retries',
      'policy-mtls',
      'policy-attempts',
      'policy-apply',
      'load-rps',
      'load-apply',
    ]) {
      expect(reach.ids, `${id} is a control of the panel`).toContain(id);
    }
    await context.close();
  });

  test(`the console at ${width}×${height}: the overview and the help own the keys, a typed number shows, J scrolls the notes`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const presenter = new PresenterPage(await context.newPage());
    const page = presenter.page;
    await presenter.open();

    // A slide number shows what Enter will do before it is pressed; Esc forgets it.
    await page.keyboard.type('25');
    await expect(page.getByTestId('typed-hint')).toHaveText(`Go to 25 ↵ ${deck.slides[24]!.title}`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('typed-hint')).toHaveCount(0);
    await page.keyboard.press('m');
    await expect(page.getByTestId('typed-hint')).toHaveText('M… (1–6: data plane)');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('typed-hint')).toHaveCount(0);

    // The slide with the longest notes: J scrolls them down, K back up, no mouse.
    const longest = deck.slides.reduce((a, b) => (b.notesHtml.length > a.notesHtml.length ? b : a));
    await page.keyboard.type(String(longest.index + 1));
    await expect(page.getByTestId('typed-hint')).toContainText(`Go to ${longest.index + 1} ↵`);
    await page.keyboard.press('Enter');
    await presenter.expectAt(longest.index, -1);
    await expect(page.getByTestId('typed-hint')).toHaveCount(0);
    const notes = page.getByTestId('speaker-notes');
    const overflow = await notes.evaluate((n) => n.scrollHeight - n.clientHeight);
    expect(overflow, 'the longest notes overflow their panel (else there is nothing to scroll)').toBeGreaterThan(0);
    await page.keyboard.press('j');
    await expect.poll(() => notes.evaluate((n) => n.scrollTop)).toBeGreaterThan(0);
    await page.keyboard.press('k');
    await expect.poll(() => notes.evaluate((n) => n.scrollTop)).toBe(0);
    await presenter.expectAt(longest.index, -1); // J and K never step the deck

    // The help open: the deck keys wait. Esc closes it, and the next key is the deck's again.
    await watchDeck(page);
    await page.keyboard.press('?');
    await expect(page.getByTestId('key-help')).toContainText('scroll the speaker notes');
    for (const key of ['ArrowRight', 'PageDown', ' ', 'n', '5', 'Enter']) await page.keyboard.press(key);
    await page.keyboard.press('?');
    await expect(page.getByTestId('key-help')).toHaveCount(0);
    await page.keyboard.press('ArrowLeft');
    const back = deck.slides[longest.index - 1]!;
    await presenter.expectAt(longest.index - 1, back.fragments - 1);
    expect(await deckShown(page), 'the only move is the ArrowLeft after the help closed').toEqual([`${back.index}/${back.fragments - 1}`]);

    // The overview: the arrows move its cursor, the deck stays; Enter goes to the cursor's slide.
    const from = back.index;
    await watchDeck(page);
    await page.keyboard.press('o');
    const overview = page.getByTestId('slide-overview');
    await expect(overview).toHaveAttribute('data-cursor', String(from));
    const tile = (slide: number) => page.getByTestId(`overview-slide-${slide + 1}`);
    await expect(tile(from)).toHaveAttribute('data-cursor', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(overview).toHaveAttribute('data-cursor', String(from + 1));
    // Tile b's top minus tile a's, both measured at once (the overview scrolls to keep its cursor in
    // view, so positions taken at different moments do not compare).
    const drop = (a: number, b: number) =>
      overview.evaluate(
        (o, [a, b]: [number, number]) => {
          const top = (s: number) => o.querySelector(`[data-testid="overview-slide-${s + 1}"]`)!.getBoundingClientRect().top;
          return top(b) - top(a);
        },
        [a, b] as [number, number],
      );
    await page.keyboard.press('ArrowDown');
    await expect(overview).not.toHaveAttribute('data-cursor', String(from + 1));
    const picked = Number(await overview.getAttribute('data-cursor'));
    expect(await drop(from + 1, picked), 'ArrowDown moved the cursor a row down').toBeGreaterThan(10);
    // ArrowUp goes back to the row above (to the same column: from + 1 itself only when the rows
    // line up), and ArrowDown from there to the same tile again.
    await page.keyboard.press('ArrowUp');
    await expect(overview).not.toHaveAttribute('data-cursor', String(picked));
    const up = Number(await overview.getAttribute('data-cursor'));
    expect(Math.abs(await drop(from + 1, up)), 'ArrowUp: back on the row above').toBeLessThan(1);
    await page.keyboard.press('ArrowDown');
    await expect(overview).toHaveAttribute('data-cursor', String(picked));
    await expect(tile(picked)).toBeInViewport();
    await page.screenshot({ path: `${SHOTS}/console-overview-${width}x${height}.png` });
    await page.keyboard.press('Enter');
    await expect(overview).toHaveCount(0);
    await presenter.expectAt(picked, -1);
    expect(await deckShown(page), 'the deck moved once, on Enter, to the picked slide').toEqual([`${picked}/-1`]);

    // Esc closes the overview and leaves the deck where it is.
    await page.keyboard.press('o');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Escape');
    await expect(overview).toHaveCount(0);
    await page.keyboard.press('n');
    await expect.poll(() => deckShown(page)).toHaveLength(2);
    expect((await deckShown(page))[1]).toMatch(new RegExp(`^${picked}/0$|^${picked + 1}/-1$`));
    await context.close();
  });
}
