// Cases 5 and 6 of `npm run bench:audience -- --scenario siege` (issue 31) about what one person may
// cost the others behind an anonymous audience tool:
// - **honest phones behind an attacked address**: phones sharing the attacker's address (a venue
//   NAT) — some connected for a while, some joining during the attack — vote, ask and upvote while
//   bench/audience-hostile.mjs floods from that address; how much of theirs got through;
// - **stuffing**: a script on one CPU cycling through 49 addresses, earning identities as fast as
//   it can (node:crypto) and voting and upvoting with each, for 69 s (issue 31's attack: 14,700
//   votes and 14,700 upvotes before identities cost work).
import { io } from 'socket.io-client';
import { claimNative } from './identity-native.mjs';
import { benchChild, procStat } from './support.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const emit = (s, event, payload, ms = 10_000) =>
  new Promise((r) => s.timeout(ms).emit(event, payload, (err, ack) => r(err ? { ok: false, error: { code: 'timeout' } } : ack)));
/** The server's ESTABLISHED_MS (server/hub/address-limits.ts) and the phone's claim retry (lib/channel/identity-earner.ts). */
const ESTABLISHED_MS = 60_000;
const CLAIM_RETRY_MS = 20_000;

/** A connection from `address`; `before` subscribes to what the server sends right on connect
 *  (the hello and the snapshot arrive together: a listener added after would miss them). */
function connect(url, address, auth = {}, before = () => {}) {
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, localAddress: address, auth, autoConnect: false });
  before(s);
  const hello = new Promise((resolve) => s.once('session:hello', resolve));
  s.connect();
  return new Promise((resolve, reject) => {
    s.once('connect', () => hello.then((h) => resolve({ s, hello: h })));
    s.once('connect_error', reject);
  });
}

/** A phone as the page does it: solves its challenge, claims, and on a passing refusal presents
 *  the same answer again after CLAIM_RETRY_MS, up to `tries` times. Resolves with the token or null. */
async function earn(s, challenge, tries = 3) {
  let number;
  for (let i = 0; i < tries; i++) {
    const claimed = await claimNative(s, challenge, { number, timeoutMs: 10_000 });
    number = claimed.number;
    if (claimed.ack?.ok) return claimed.ack.data.attendeeToken;
    if (claimed.ack && claimed.ack.error.code !== 'rate-limited') return null; // null: no answer in time, try again
    if (i < tries - 1) await sleep(CLAIM_RETRY_MS);
  }
  return null;
}

const tally = () => ({ tried: 0, ok: 0 });
const count = (t, ack) => {
  t.tried++;
  if (ack.ok) t.ok++;
};

async function presenterOf(url, token) {
  let view;
  const { s } = await connect(url, undefined, { token }, (c) => (view = new Promise((resolve) => c.once('audience:presenter', resolve))));
  return { s, view: await view };
}

/** Opens a poll (the deck's `poll`-th, or its last) and a public question to upvote; returns their ids. */
async function stage(presenter, url, address, poll = 0) {
  const view = presenter.view.polls[Math.min(poll, presenter.view.polls.length - 1)];
  const pollId = view?.id;
  if (!pollId) throw new Error('the deck has no poll');
  const opened = await emit(presenter.s, 'poll:set', { pollId, status: 'open' });
  if (!opened.ok) throw new Error(`poll:set: ${opened.error.message}`);
  const { s, hello } = await connect(url, address);
  await earn(s, hello.identityChallenge);
  const asked = await emit(s, 'question:ask', { text: 'Can eBPF and sidecars share one pod?', name: null });
  if (!asked.ok) throw new Error(`seed question: ${asked.error.message}`);
  await emit(presenter.s, 'question:moderate', { id: asked.data.id, status: 'approved' });
  s.disconnect();
  const options = Object.keys(view.counts);
  return { pollId, options, questionId: asked.data.id };
}

/** One phone's part during the attack: vote, ask, upvote — at a person's pace. */
async function participate(s, staged, i, t) {
  await sleep(Math.random() * 10_000);
  count(t.votes, await emit(s, 'poll:vote', { pollId: staged.pollId, option: staged.options[i % staged.options.length] }));
  await sleep(Math.random() * 5_000);
  count(t.questions, await emit(s, 'question:ask', { text: `Honest question ${i}: does ambient mode need a waypoint for retries?`, name: null }));
  count(t.upvotes, await emit(s, 'question:upvote', { id: staged.questionId }));
}

export async function runNat({ root, url, token, hostileAddress, remoteCpu, established = 40, newcomers = 10 }) {
  const presenter = await presenterOf(url, token);
  const staged = await stage(presenter, url, hostileAddress);

  // Phones that joined before the attack, from the attacker's address.
  const old = [];
  for (let i = 0; i < established; i++) {
    const { s, hello } = await connect(url, hostileAddress);
    const tokenOf = await earn(s, hello.identityChallenge);
    if (tokenOf) old.push(s);
  }
  await sleep(ESTABLISHED_MS + 1_000); // the last of them joined just now: all established then

  const { ask: askHostile, exit } = benchChild(root, 'bench/audience-hostile.mjs', remoteCpu);
  await askHostile({ t: 'start', url, address: hostileAddress }, 'started');
  await sleep(5_000); // the flood under way

  const oldTally = { votes: tally(), questions: tally(), upvotes: tally() };
  const newTally = { votes: tally(), questions: tally(), upvotes: tally(), identities: tally(), identityMs: [] };
  const fresh = [];
  await Promise.all([
    ...old.map((s, i) => participate(s, staged, i, oldTally)),
    ...Array.from({ length: newcomers }, async (_, i) => {
      await sleep(Math.random() * 5_000);
      const t0 = Date.now();
      const { s, hello } = await connect(url, hostileAddress);
      fresh.push(s);
      const tokenOf = await earn(s, hello.identityChallenge);
      count(newTally.identities, { ok: !!tokenOf });
      if (!tokenOf) return;
      newTally.identityMs.push(Date.now() - t0);
      await participate(s, staged, established + i, newTally);
    }),
  ]);
  const hostileStats = (await askHostile({ t: 'stop' }, 'stopped')).stats;
  await exit();
  for (const s of [...old, ...fresh]) s.disconnect();
  await emit(presenter.s, 'poll:set', { pollId: staged.pollId, status: 'closed' });
  presenter.s.disconnect();
  return { established: { phones: old.length, ...oldTally }, newcomers: { phones: newcomers, ...newTally }, hostile: hostileStats };
}

export async function runStuffing({ root, url, token, remoteCpu, addresses = 49, seconds = 69 }) {
  const presenter = await presenterOf(url, token);
  const staged = await stage(presenter, url, '127.0.0.1', 1); // another poll than case 5's
  const { child, ask } = benchChild(root, 'bench/audience-stuffer.mjs', remoteCpu);
  const cpu0 = procStat(child.pid).ticks;
  const { stats } = await ask({ t: 'start', url, addresses, seconds, pollId: staged.pollId, option: staged.options[0], questionId: staged.questionId }, 'done');
  const cpuSeconds = (procStat(child.pid).ticks - cpu0) / 100;
  child.kill();
  const poll = await new Promise((resolve) => {
    presenter.s.once('audience:presenter', (v) => resolve(v.polls.find((p) => p.id === staged.pollId)));
    void emit(presenter.s, 'poll:set', { pollId: staged.pollId, status: 'closed' });
  });
  presenter.s.disconnect();
  return { addresses, seconds, cpuSeconds, pollTotal: poll?.total ?? null, ...stats };
}

const pct = (t) => (t.tried ? `${t.ok} / ${t.tried} (${((100 * t.ok) / t.tried).toFixed(0)} %)` : '—');

export function printNat(nat, { hostileAddress }) {
  console.log(
    `\n5. Honest phones behind an attacked address — all from ${hostileAddress} (one venue NAT) while bench/audience-hostile.mjs floods from it (questions from throw-away identities that earn their work with node:crypto, 500 connections at once every 4 s, invalid frames); each phone votes once, asks once and upvotes one public question at a person's pace; a refused identity claim is presented again after ${CLAIM_RETRY_MS / 1000} s, 3 tries, as the page does\n`,
  );
  console.log('| phones | votes accepted | questions accepted | upvotes accepted | identities earned | connect → identity earned (ms, median) |');
  console.log('|---|---|---|---|---|---|');
  const e = nat.established;
  const n = nat.newcomers;
  const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : '—');
  console.log(`| ${e.phones} connected for over a minute before the attack | ${pct(e.votes)} | ${pct(e.questions)} | ${pct(e.upvotes)} | (before) | — |`);
  console.log(
    `| ${n.phones} joining during the attack | ${pct(n.votes)} | ${pct(n.questions)} | ${pct(n.upvotes)} | ${pct(n.identities)} | ${median(n.identityMs)} |`,
  );
  const all = ['votes', 'questions'].map((k) => ({ k, ok: e[k].ok + n[k].ok, tried: e[k].tried + n[k].tried }));
  console.log(
    `\nall honest phones: ${all.map((a) => `${a.k} ${a.ok} / ${a.tried} (${((100 * a.ok) / Math.max(1, a.tried)).toFixed(0)} %)`).join(', ')} — target ≥ 90 %`,
  );
  const h = nat.hostile;
  console.log(
    `hostile meanwhile: ${h.identities} identities earned (${h.identityRefused} claims refused or unanswered in 5 s, ${(h.solveMs / 1000).toFixed(1)} s in solves, summed over its concurrent workers), ${h.questionsAccepted} questions accepted, ${h.questionsRefused} refused; ${h.connected} connections, ${h.refused} refused, ${h.dropped} dropped`,
  );
}

export function printStuffing(st) {
  console.log(
    `\n6. Stuffing — one script process pinned to one CPU, cycling ${st.addresses} source addresses (127.0.0.10…), ${st.concurrency} at once, for ${st.seconds} s: each connection earns an identity (node:crypto SHA-256), votes once and upvotes one public question, and closes. Before identities cost work, issue 31 measured 14,700 votes and 14,700 upvotes in 69 s this way.\n`,
  );
  console.log('| identities earned | claims refused | votes accepted | upvotes accepted | poll total after | script CPU s | identities per CPU-second |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| ${st.identities} | ${st.refused} | ${st.votes} | ${st.upvotes} | ${st.pollTotal} | ${st.cpuSeconds.toFixed(1)} | ${(st.identities / Math.max(0.01, st.cpuSeconds)).toFixed(2)} |`,
  );
}
