import { chromium } from '@playwright/test';
const base = 'http://localhost:3600';
const [target, ...modes] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await p.goto(`${base}/present?token=devtoken123`);
await p.waitForSelector('[data-testid=demo-controls]');
for (let i = 0; i < 60; i++) { await p.keyboard.press('ArrowLeft'); await p.waitForTimeout(30); }
for (let i = 0; i < 60; i++) {
  const id = await p.evaluate(() => document.querySelector('[data-testid=current-slide] section.present')?.getAttribute('data-slide-id') ?? document.querySelector('[data-testid=current-slide] section.present')?.id);
  if (id === target) break;
  await p.keyboard.press('ArrowRight'); await p.waitForTimeout(60);
}
await p.waitForTimeout(800);
const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
await phone.goto(`${base}/live`);
for (const mode of modes) {
  await p.click(`[data-testid=mode-${mode}]`);
  await p.waitForTimeout(Number(process.env.WAIT ?? 4000));
  await p.screenshot({ path: `/tmp/shots/${target}-present-${mode}.png` });
  await phone.screenshot({ path: `/tmp/shots/${target}-phone-${mode}.png`, fullPage: true });
}
await browser.close();
