#!/usr/bin/env node
// How much React work one latency window costs each screen: React commits, and components that
// rendered, per latency window the page received, on a demo slide, in Chromium against a
// running production server. Prints a markdown table.
//   PRESENTER_TOKEN=<token> node bench/react-commits.mjs [base-url] [--slide demo-latency] [--seconds 10] [--json <file>]
// It opens the console (/present?token=…, 1920×1080) and a phone (/live, 390×844), moves the
// deck to the slide with a presenter socket (and back afterwards), waits 2 s, then counts.
//
// How it counts: a stub React DevTools hook (window.__REACT_DEVTOOLS_GLOBAL_HOOK__, installed
// before the page's scripts; production react-dom reports to it too) sees every commit. After
// each one it walks the committed fiber tree; a function, class, forwardRef or memo component
// rendered if it is new or its props or state object differs from what it had at the last commit
// that included it (react-scan's heuristic, kept per fiber pair, so a subtree React skipped is
// not counted from an older alternate). Windows are counted in the websocket frames that start
// `42["latency:windows"` (one each to the console, two to a phone). Production builds minify component names: a component whose name is
// gone is labelled by the first test id in its code, else by its first element (`‹div.layout›`).
import { writeFileSync } from 'node:fs';
import { io } from 'socket.io-client';
import { launchChromium, takeFlag } from './support.mjs';

const args = process.argv.slice(2);
const seconds = Number(takeFlag(args, '--seconds', '10'));
const slideId = takeFlag(args, '--slide', 'demo-latency');
const jsonFile = takeFlag(args, '--json', null);
const top = Number(takeFlag(args, '--top', '10'));
const base = (args[0] ?? 'http://localhost:3000').replace(/\/$/, '');
const token = process.env.PRESENTER_TOKEN;
if (!token) {
  console.error("Set PRESENTER_TOKEN to the running server's presenter token (the console is one of the two screens measured).");
  process.exit(2);
}

/** Runs in the page before any of its scripts. */
function installHook() {
  const FUNCTION = 0;
  const CLASS = 1;
  const FORWARD_REF = 11;
  const SIMPLE_MEMO = 15;
  const COMPONENT_TAGS = new Set([FUNCTION, CLASS, FORWARD_REF, SIMPLE_MEMO]);
  const HOST_TAGS = new Set([5, 26, 27]); // HostComponent, HostHoistable, HostSingleton
  const stats = { counting: false, commits: 0, rendered: 0, byName: {} };
  const seen = new WeakMap(); // fiber (and its alternate) → { props, state } at its last commit
  const labels = new WeakMap(); // component type → label

  // The first element a component draws; `+n` when n components lie between (a chart and the
  // frame it draws into share their first element).
  const hostLabel = (fiber) => {
    const stack = [[fiber.child, 0]];
    while (stack.length) {
      const [f, between] = stack.pop();
      if (!f) continue;
      if (HOST_TAGS.has(f.tag) && typeof f.type === 'string') {
        const p = f.memoizedProps ?? {};
        const cls = typeof p.className === 'string' ? p.className.split(' ')[0].replace(/^[\w-]*?_/, '') : '';
        return `‹${f.type}${p['data-testid'] ? `[${p['data-testid']}]` : cls ? `.${cls}` : ''}›${between ? ` +${between}` : ''}`;
      }
      stack.push([f.sibling, between], [f.child, between + (COMPONENT_TAGS.has(f.tag) ? 1 : 0)]);
    }
    return '‹nothing›';
  };
  const label = (fiber) => {
    const type = fiber.tag === FORWARD_REF ? fiber.type?.render : fiber.type;
    if (!type) return '?';
    const known = labels.get(type);
    if (known) return known;
    let name = type.displayName || type.name || '';
    if (name.length <= 2) {
      const src = Function.prototype.toString.call(type);
      const id = src.match(/(?:"data-testid"|testId):\s*"([^"]+)"/);
      name = id ? `«${id[1]}»` : hostLabel(fiber);
      if (id) labels.set(type, name); // a host label depends on the instance: not cached
    } else labels.set(type, name);
    return name;
  };

  const walk = (root) => {
    const stack = [root.current?.child];
    while (stack.length) {
      const f = stack.pop();
      if (!f) continue;
      if (COMPONENT_TAGS.has(f.tag)) {
        const before = seen.get(f) ?? (f.alternate ? seen.get(f.alternate) : undefined);
        const rendered = !before || before.props !== f.memoizedProps || before.state !== f.memoizedState;
        const now = before ?? {};
        now.props = f.memoizedProps;
        now.state = f.memoizedState;
        seen.set(f, now);
        if (f.alternate) seen.set(f.alternate, now);
        if (rendered && stats.counting) {
          stats.rendered++;
          const n = label(f);
          stats.byName[n] = (stats.byName[n] ?? 0) + 1;
        }
      }
      stack.push(f.sibling, f.child);
    }
  };

  let nextId = 1;
  window.__reactCommits = stats;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) {
      const id = nextId++;
      this.renderers.set(id, renderer);
      return id;
    },
    onCommitFiberRoot(_id, root) {
      if (stats.counting) stats.commits++;
      walk(root);
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
}

const browser = await launchChromium(['--disable-gpu']);
const screens = [
  { route: '/present', url: `${base}/present?token=${encodeURIComponent(token)}`, viewport: { width: 1920, height: 1080 }, deck: 'current-slide' },
  { route: '/live', url: `${base}/live`, viewport: { width: 390, height: 844 }, deck: 'attendee-slide', mobile: true },
];

const presenter = io(base, { auth: { token }, transports: ['websocket'] });
await new Promise((resolve, reject) => {
  presenter.once('connect', resolve);
  presenter.once('connect_error', reject);
});
const emit = (event, payload) => new Promise((resolve) => presenter.emit(event, payload, resolve));
const sync = await emit('state:sync', {});
// Where to put the deck back afterwards (nowhere if the server would not say: never a guess).
const before = sync.ok ? { slide: sync.data.deck.slide, fragment: sync.data.deck.fragment } : null;

for (const s of screens) {
  const context = await browser.newContext({ viewport: s.viewport, isMobile: Boolean(s.mobile), hasTouch: Boolean(s.mobile) });
  await context.addInitScript(installHook);
  s.page = await context.newPage();
  s.frames = { window: 0, windowFrames: 0, hops: 0, all: 0 };
  s.page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (!s.counting || typeof payload !== 'string') return;
      s.frames.all++;
      // One frame carries one window to the console, two to a phone (lib/contract/events.ts).
      if (payload.startsWith('42["latency:windows"')) {
        s.frames.window += JSON.parse(payload.slice(2))[1].length;
        s.frames.windowFrames++;
      } else if (payload.startsWith('42["hops:sample"')) s.frames.hops++;
    }),
  );
  await s.page.goto(s.url);
  await s.page.waitForSelector(`[data-testid=${s.deck}][data-ready=true]`);
}

const slideIndex = await screens[0].page.evaluate(
  (id) => [...document.querySelectorAll('[data-testid=current-slide] section[data-slide-id]')].findIndex((e) => e.getAttribute('data-slide-id') === id),
  slideId,
);
if (slideIndex < 0) throw new Error(`no slide with id "${slideId}"`);
const moved = await emit('deck:goto', { slide: slideIndex, fragment: -1 });
if (!moved.ok) throw new Error(`deck:goto refused: ${moved.error.message}`);
for (const s of screens) await s.page.waitForSelector(`[data-testid=${s.deck}][data-slide="${slideIndex}"]`);
await new Promise((r) => setTimeout(r, 2000)); // the slide's charts mount and lay out; fonts settle

for (const s of screens) {
  s.counting = true;
  await s.page.evaluate(() => Object.assign(window.__reactCommits, { counting: true, commits: 0, rendered: 0, byName: {} }));
}
await new Promise((r) => setTimeout(r, seconds * 1000));
const rows = [];
for (const s of screens) {
  const stats = await s.page.evaluate(() => ((window.__reactCommits.counting = false), window.__reactCommits));
  s.counting = false;
  const windows = s.frames.window;
  const per = (n) => (windows ? +(n / windows).toFixed(2) : null);
  const ranked = Object.entries(stats.byName)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, n]) => ({ name, per_window: per(n) }));
  rows.push({
    route: s.route,
    viewport: `${s.viewport.width}×${s.viewport.height}`,
    windows,
    window_frames: s.frames.windowFrames,
    hops_samples: s.frames.hops,
    frames: s.frames.all,
    commits: stats.commits,
    rendered: stats.rendered,
    commits_per_window: per(stats.commits),
    commits_per_s: +(stats.commits / seconds).toFixed(1),
    rendered_per_window: per(stats.rendered),
    top: ranked,
  });
}
if (before) await emit('deck:goto', before);
presenter.disconnect();
await browser.close();

console.log(`React work per latency window on slide "${slideId}" (#${slideIndex + 1}), ${seconds} s, ${base}\n`);
console.log(
  "Per window: all of the page's commits and renders in the time, divided by the latency windows it received — hop samples, the scoreboard, the pacing timer and the rest included (their own rates are in the row). Socket frames count pings too.\n",
);
console.log(
  '| route | viewport | latency windows (frames) | hop samples | socket frames | commits | commits / s | commits / window | components rendered / window |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
const d = (v) => v ?? '— (no window received)';
for (const r of rows)
  console.log(
    `| ${r.route} | ${r.viewport} | ${r.windows} (${r.window_frames}) | ${r.hops_samples} | ${r.frames} | ${r.commits} | ${r.commits_per_s} | ${d(r.commits_per_window)} | ${d(r.rendered_per_window)} |`,
  );
for (const r of rows) {
  console.log(
    `\nMost rendered on ${r.route} (renders per window; a minified name is shown as the test id in its code «…» or its first element ‹…›, +n: n components in between):\n`,
  );
  console.log('| component | renders / window |');
  console.log('|---|---|');
  for (const t of r.top) console.log(`| ${t.name.replace(/\|/g, '\\|')} | ${t.per_window} |`);
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ base, slideId, seconds, rows }, null, 2));
