#!/usr/bin/env node
// Presenter step → what an attendee's reveal.js actually shows, measured end to end in Chromium:
// a raw presenter socket steps the deck; a MutationObserver in a 390×844 phone page timestamps
// the moment reveal.js reports the new position. Same machine, same clock.
// Needs a running server: PRESENTER_TOKEN=<token> node bench/follow-latency.mjs [base-url] [steps]
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { io } from 'socket.io-client';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const steps = Number(process.argv[3] ?? 40);
const token = process.env.PRESENTER_TOKEN;
if (!token) {
  console.error("Set PRESENTER_TOKEN to the running server's presenter token.");
  process.exit(2);
}

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
await page.goto(`${base}/live`);
await page.waitForSelector('[data-testid=attendee-slide][data-ready=true]');
await page.evaluate(() => {
  const el = document.querySelector('[data-testid=attendee-slide]');
  window.__seen = [];
  new MutationObserver(() => window.__seen.push({ at: Date.now(), pos: `${el.dataset.slide}/${el.dataset.fragment}` })).observe(el, {
    attributes: true,
    attributeFilter: ['data-slide', 'data-fragment'],
  });
});

const presenter = io(base, { auth: { token }, transports: ['websocket'] });
await new Promise((r) => presenter.once('connect', r));
const emit = (event, payload) => new Promise((r) => presenter.emit(event, payload, r));
await emit('deck:goto', { slide: 0, fragment: -1 });
await page.waitForTimeout(500);

const samples = [];
for (let i = 0; i < steps; i++) {
  // Forward and back over the first slides: every step changes what the phone must show.
  const direction = i % 8 < 4 ? 'next' : 'prev';
  await page.evaluate(() => (window.__seen = []));
  const sent = Date.now();
  const ack = await emit('deck:step', { direction });
  if (!ack.ok) throw new Error(ack.error.message);
  const target = `${ack.data.slide}/${ack.data.fragment}`;
  const seen = await page.waitForFunction((t) => window.__seen.find((s) => s.pos === t), target, { timeout: 5000 });
  samples.push((await seen.jsonValue()).at - sent);
  await page.waitForTimeout(150); // below the rate limit (10/s), like a presenter clicking briskly
}
presenter.disconnect();
await browser.close();

samples.sort((a, b) => a - b);
const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
console.log(`presenter step → phone shows it (${samples.length} steps, 390×844 Chromium, loopback)`);
console.log('p50 ms  p90 ms  p99 ms  max ms');
console.log(`${String(q(0.5)).padStart(6)}  ${String(q(0.9)).padStart(6)}  ${String(q(0.99)).padStart(6)}  ${String(samples.at(-1)).padStart(6)}`);
