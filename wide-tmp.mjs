import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
await phone.goto('http://localhost:3600/live');
await phone.waitForTimeout(3000);
const r = await phone.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const b = el.getBoundingClientRect();
    if (b.right > 391 && !el.closest('.reveal')) out.push(`${el.tagName}.${el.className?.baseVal ?? el.className} right=${Math.round(b.right)} w=${Math.round(b.width)}`);
  }
  return [document.documentElement.scrollWidth, ...out.slice(0, 15)];
});
console.log(r.join('\n'));
await browser.close();
