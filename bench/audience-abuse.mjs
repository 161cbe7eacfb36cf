// The abuse scenario of `npm run bench:audience` (issue 15): the presenter's own screen in
// Chromium (1920×1080, /present) clicks Next; a raw presenter socket steps back and times its
// `deck:step` ack; the 2,000 followers of bench/audience-swarm.mjs time each step's arrival —
// first with the room quiet, then while bench/audience-hostile.mjs floods questions from
// throw-away identities, opens 500 connections at once and sends invalid frames; `rounds` times.
// Click → shown is read in the page (capture-phase click listener to the MutationObserver that
// sees reveal.js report the new position), so it includes the round trip, React and reveal.js.
import { io } from 'socket.io-client';
import { monoMs } from './mono-clock.mjs';
import { benchChild, deliveries, launchChromium, percentile, STRAGGLERS_MS } from './support.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = monoMs;

/** `hostileScript` and `hostileStart` (merged into its start message): the attacker of the rounds
 *  (bench/audience-siege.mjs runs its own with these clicks). */
export async function runAbuse({
  root,
  url,
  token,
  askSwarm,
  cpuOf,
  clicks,
  rounds,
  hostileAddress,
  remoteCpu,
  hostileScript = 'bench/audience-hostile.mjs',
  hostileStart = {},
}) {
  const browser = await launchChromium(['--disable-gpu', '--disable-background-networking']);
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await page.goto(`${url}/present?token=${encodeURIComponent(token)}`);
  await page.waitForSelector('[data-testid=presenter-view][data-role=presenter] [data-testid=current-slide][data-ready=true]', { timeout: 30_000 });
  await page.evaluate(() => {
    const deck = document.querySelector('[data-testid=current-slide]');
    window.__shown = [];
    new MutationObserver(() => window.__shown.push({ at: performance.now(), pos: `${deck.dataset.slide}/${deck.dataset.fragment}` })).observe(deck, {
      attributes: true,
      attributeFilter: ['data-slide', 'data-fragment'],
    });
    document.querySelector('[data-testid=next]').addEventListener('click', () => (window.__clickAt = performance.now()), { capture: true });
  });

  const presenter = io(url, { auth: { token }, transports: ['websocket'] });
  await new Promise((r) => presenter.once('connect', r));
  let presenterView = { bytes: 0, pending: 0 };
  presenter.on('audience:presenter', (v) => (presenterView = { bytes: JSON.stringify(v).length, pending: v.waiting ?? 0 }));
  const emit = (event, payload) => new Promise((r) => presenter.timeout(10_000).emit(event, payload, (err, ack) => r(err ? { ok: false } : ack)));
  const shows = (pos) =>
    page.waitForFunction(
      (p) =>
        document.querySelector('[data-testid=current-slide]').dataset.slide + '/' + document.querySelector('[data-testid=current-slide]').dataset.fragment ===
        p,
      pos,
      {
        timeout: 30_000,
      },
    );
  await emit('deck:goto', { slide: 2, fragment: -1 });
  await shows('2/-1');

  const phase = async () => {
    const click = [];
    const ack = [];
    const sent = new Map();
    const cpu0 = cpuOf();
    const t0 = now();
    await askSwarm({ t: 'count' }, 'counting');
    for (let i = 0; i < clicks; i++) {
      await page.evaluate(() => (window.__shown = []));
      await page.click('[data-testid=next]');
      const seen = await page.waitForFunction(() => window.__shown[0], null, { timeout: 30_000, polling: 'raf' });
      const { at, pos } = await seen.jsonValue();
      click.push(at - (await page.evaluate(() => window.__clickAt)));
      await sleep(200);
      const at0 = now();
      const back = await emit('deck:step', { direction: 'prev' });
      ack.push(now() - at0);
      if (back.ok) sent.set(back.data.rev, at0);
      await shows(back.ok ? `${back.data.slide}/${back.data.fragment}` : pos);
      await sleep(200);
    }
    const seconds = (now() - t0) / 1000;
    const cpu = ((cpuOf() - cpu0) / 100 / seconds) * 100;
    await sleep(STRAGGLERS_MS);
    const report = await askSwarm({ t: 'report' }, 'report');
    const { latencies: follow, minReached } = deliveries(sent, report);
    return { click, ack, follow, delivered: minReached, connected: report.connected, cpu };
  };

  // Quiet, then attacked, `rounds` times over (a fresh hostile process each round): a figure is
  // the median over rounds, so one stall of this VM does not decide it.
  const idle = [];
  const abused = [];
  const hostileStats = [];
  for (let r = 0; r < rounds; r++) {
    idle.push(await phase());
    const { ask: askHostile, exit } = benchChild(root, hostileScript, remoteCpu);
    await askHostile({ t: 'start', url, address: hostileAddress, ...hostileStart }, 'started');
    await sleep(5000); // the flood under way, a storm or two opened
    abused.push(await phase());
    hostileStats.push((await askHostile({ t: 'stop' }, 'stopped')).stats);
    await exit();
    await sleep(2000); // its connections closed before the next quiet round
  }
  presenter.disconnect();
  await browser.close();
  return { idle, abused, hostile: hostileStats, presenterView };
}

const round = (x) => (Number.isFinite(x) ? Math.round(x) : '—');
const median = (xs) => percentile(xs, 50);

/** One phase's figures. */
export function figures(p) {
  return {
    clickP50: percentile(p.click, 50),
    clickP99: percentile(p.click, 99),
    clickMax: Math.max(...p.click),
    ackP50: percentile(p.ack, 50),
    ackP99: percentile(p.ack, 99),
    followP50: percentile(p.follow, 50),
    followP99: percentile(p.follow, 99),
    delivered: p.delivered,
    cpu: p.cpu,
  };
}

/** The median over rounds of each figure. */
export function medianFigures(phases) {
  const all = phases.map(figures);
  return Object.fromEntries(Object.keys(all[0]).map((k) => [k, median(all.map((f) => f[k]))]));
}

const row = (label, f) =>
  `| ${label} | ${round(f.clickP50)} | ${round(f.clickP99)} | ${round(f.clickMax)} | ${round(f.ackP50)} | ${round(f.ackP99)} | ${round(f.followP50)} | ${round(f.followP99)} | ${f.delivered} | ${f.cpu.toFixed(0)} |`;

export function printAbuse({ idle, abused, hostile, presenterView }, { attendees, clicks, hostileAddress, pinnedTo }) {
  const rounds = idle.length;
  console.log(
    `\nAbuse — ${attendees} attendees following; the presenter clicks Next ${clicks} times per condition in Chromium (1920×1080 /present), ${rounds} rounds of quiet then attacked; medians over rounds`,
  );
  console.log(
    `hostile process from ${hostileAddress}: question flood from throw-away identities (each earning its identity's work with node:crypto), 500 connections at once every 4 s, invalid 15 KB frames`,
  );
  console.log(
    pinnedTo === null
      ? 'phones and hostile process float over every CPU\n'
      : `phones and hostile process pinned to CPU ${pinnedTo} (other machines in a real room); the server and the presenter's browser keep the rest\n`,
  );
  const header =
    '| condition | click → slide shown p50 ms | p99 ms | max ms | deck:step ack p50 ms | p99 ms | 2,000 phones: step → deck:state p50 ms | p99 ms | phones reached (min per step) | server CPU % |';
  console.log(header);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const quiet = medianFigures(idle);
  const attacked = medianFigures(abused);
  console.log(row('idle', quiet));
  console.log(row('under abuse', attacked));
  console.log(`\nclick → shown p99 under abuse: ${round(attacked.clickP99)} ms (${(attacked.clickP99 / quiet.clickP99).toFixed(2)}× idle)`);
  console.log('\nEach round:\n');
  console.log(header);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (let r = 0; r < rounds; r++) {
    console.log(row(`${r + 1}: idle`, figures(idle[r])));
    console.log(row(`${r + 1}: under abuse`, figures(abused[r])));
  }
  const sum = (k) => hostile.reduce((a, h) => a + h[k], 0);
  console.log(
    `\nhostile, all rounds: ${sum('connectAttempts')} connection attempts, ${sum('connected')} connected, ${sum('refused')} refused, ${sum('dropped')} dropped by the server; ` +
      `${sum('identities')} identities earned (${sum('identityRefused')} claims refused; ${(sum('solveMs') / 1000).toFixed(1)} s in solves, summed over its concurrent workers); ${sum('questionsAccepted')} questions accepted, ${sum('questionsRefused')} refused; ${sum('junkSent')} junk frames sent`,
  );
  console.log(`presenter's audience view at the end: ${presenterView.bytes} B, ${presenterView.pending} waiting`);
}
