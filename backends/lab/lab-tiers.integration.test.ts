// Both lab tiers started for real: separate processes, real TLS, real HBONE — and in the netns
// tier real namespaces with iptables capture. Paths are proven by what the processes themselves
// saw (via headers, request ids, TLS peers, HBONE streams), never by timing.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MODE_IDS } from '../../lib/mesh/modes';
import { DEFAULT_POLICY, type L7Policy } from '../../lib/mesh/policies';
import { until } from '../../lib/testing/until';
import { LabController } from './controller/lab-controller';
import type { ProxyStats } from './ipc';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { inNs, run } from './netns/run';
import { BPF_PIN_ROOT, CGROUP_ROOT, podNs } from './netns/names';
import { listLabNamespaces } from './netns/network';
import { chooseTier } from './netns/preflight';
import { liveLabOwner } from './netns/lab-lock';

const netnsDecision = await chooseTier('auto');
// One netns lab per machine: a talk running here (`npm start`) owns the namespaces; these tests
// must not fight it for them.
const liveLab = liveLabOwner();
const netnsSkipReason =
  netnsDecision.tier !== 'netns' ? netnsDecision.reason : liveLab !== null ? `another netns lab is running (pid ${liveLab}); stop it to run them` : null;
if (netnsSkipReason) console.warn(`netns tier tests skipped: ${netnsSkipReason} (CI runs them as root)`);
/** What a netns lab leaves in the kernel while it runs: its namespaces, pinned BPF objects, cgroups. */
const kernelLabState = async () => ({
  namespaces: await listLabNamespaces(),
  bpfPinned: existsSync(BPF_PIN_ROOT),
  cgroups: existsSync(CGROUP_ROOT) ? readdirSync(CGROUP_ROOT).filter((d) => d.startsWith('meshstage-')) : [],
});
const TIERS = [
  { tier: 'loopback' as const, skip: null },
  { tier: 'netns' as const, skip: netnsSkipReason },
];

for (const { tier, skip } of TIERS)
  describe.skipIf(skip !== null)(`${tier} tier`, () => {
    let lab: LabController;
    const byId = (stats: ProxyStats[]) => Object.fromEntries(stats.map((s) => [s.id, s]));
    const sawRequest = (stats: ProxyStats[], requestId: string) =>
      stats
        .filter((s) => s.counters.recentRequestIds.includes(requestId))
        .map((s) => s.id)
        .sort();
    const retriesOn: L7Policy = { ...DEFAULT_POLICY, retries: { enabled: true, attempts: 5, perTryTimeoutMs: 2000 } };

    beforeAll(async () => {
      // No background load: every counter change comes from the probes below.
      lab = await LabController.start({ bundleDir: 'dist/lab', tier, load: { rps: 0, payloadBytes: 256, errorPercent: 0 } });
      expect(lab.tier).toBe(tier);
    }, 60_000);
    afterAll(async () => lab?.stop());

    describe('what each mode puts on the path', () => {
      it('none: the request passes only the three services', async () => {
        await lab.setMode('none');
        const probe = await lab.probe();
        expect(probe.status).toBe(200);
        expect(probe.via).toEqual(['web', 'catalog', 'inventory']);
        expect(lab.runningProxies()).toEqual([]);
      });

      it('sidecar: exactly two sidecars per call, TLS 1.3 between them with the callers’ SPIFFE ids', async () => {
        await lab.setMode('sidecar');
        const probe = await lab.probe();
        expect(probe.status).toBe(200);
        expect(probe.via).toEqual([
          'sidecar/client',
          'sidecar/web',
          'web',
          'sidecar/web',
          'sidecar/catalog',
          'catalog',
          'sidecar/catalog',
          'sidecar/inventory',
          'inventory',
        ]);
        const stats = await lab.proxyStats();
        expect(sawRequest(stats, probe.requestId)).toEqual(['sidecar/catalog', 'sidecar/client', 'sidecar/inventory', 'sidecar/web']);
        const s = byId(stats);
        expect(Object.keys(s['sidecar/web']!.counters.peers)).toEqual(['spiffe://cluster.local/ns/demo/sa/client']);
        expect(Object.keys(s['sidecar/inventory']!.counters.peers)).toEqual(['spiffe://cluster.local/ns/demo/sa/catalog']);
        for (const id of ['sidecar/web', 'sidecar/catalog', 'sidecar/inventory']) {
          expect(Object.keys(s[id]!.counters.tlsVersions), id).toEqual(['TLSv1.3']);
          expect(Object.keys(s[id]!.counters.alpn), id).toEqual(['istio-http/1.1']);
        }
      });

      // Only the netns tier has pod IPs; the loopback tier's sidecar reaches its app on loopback.
      it.skipIf(tier !== 'netns')('sidecar: the inbound sidecar hands the request to its app on the pod IP, from 127.0.0.6 (Istio ≥ 1.10)', async () => {
        await lab.setMode('sidecar');
        expect((await lab.probe()).status).toBe(200);
        // What catalog's app accepted, as its pod's kernel has it: the pooled connection the
        // sidecar opened to 10.244.1.12:8080 (the pod IP) from 127.0.0.6 — not 127.0.0.1.
        const ss = await run(inNs(podNs('catalog'), ['ss', '-Htn', 'state', 'established', '( sport = :8080 )']));
        const conns = ss
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => l.trim().split(/\s+/).slice(-2).join(' > '));
        expect(conns.length).toBeGreaterThan(0);
        for (const c of conns) expect(c).toMatch(/^10\.244\.1\.12:8080 > 127\.0\.0\.6:\d+$/);
      });

      it('sidecar with mTLS off: the same two proxies, no TLS between them', async () => {
        await lab.setPolicy({ ...DEFAULT_POLICY, mtls: false });
        const before = byId(await lab.proxyStats())['sidecar/inventory']!.counters.connections;
        const probe = await lab.probe();
        expect(probe.via).toContain('sidecar/inventory');
        const after = byId(await lab.proxyStats())['sidecar/inventory']!;
        expect(Object.values(after.counters.tlsVersions).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(after.counters.connections);
        expect(after.counters.connections).toBeGreaterThan(before);
        expect(lab.enforcement().find((e) => e.key === 'mtls')).toBeUndefined();
        await lab.setPolicy(DEFAULT_POLICY);
      });

      it('ambient: no L7 proxy sees the request; the cross-node call is an HTTP/2 CONNECT tunnel over TLS 1.3', async () => {
        await lab.setMode('ambient');
        expect(lab.runningProxies()).toEqual(['ztunnel/node-a', 'ztunnel/node-b']);
        const before = byId(await lab.proxyStats());
        const probe = await lab.probe();
        expect(probe.status).toBe(200);
        expect(probe.via).toEqual(['web', 'catalog', 'inventory']); // ztunnels never touch HTTP
        const after = byId(await lab.proxyStats());
        // The switch warmed the path, so the probe's cross-node call rides a tunnel the fresh ztunnels
        // opened then (pooled connections): tunnels exist, and the probe's bytes crossed both ends.
        expect(after['ztunnel/node-a']!.counters.hboneOut).toBeGreaterThanOrEqual(1);
        expect(after['ztunnel/node-b']!.counters.hboneIn).toBeGreaterThanOrEqual(1);
        expect(after['ztunnel/node-a']!.counters.bytes).toBeGreaterThan(before['ztunnel/node-a']!.counters.bytes);
        expect(after['ztunnel/node-b']!.counters.bytes).toBeGreaterThan(before['ztunnel/node-b']!.counters.bytes);
        expect(after['ztunnel/node-b']!.counters.alpn).toHaveProperty('h2');
        expect(after['ztunnel/node-b']!.counters.tlsVersions).toHaveProperty(['TLSv1.3']);
        expect(after['ztunnel/node-b']!.counters.peers).toHaveProperty(['spiffe://cluster.local/ns/demo/sa/catalog']);
        for (const z of Object.values(after)) expect(z.counters.requests).toBe(0);
      });

      it('ambient: same-node calls ride HBONE too — node-a’s ztunnel accepts its own tunnels, mutual TLS 1.3 with each caller’s certificate', async () => {
        // ztunnel has no same-node shortcut (istio/ztunnel src/proxy/outbound.rs build_request;
        // test build_request_known_dest_local_node_hbone): client → web and web → catalog (all on
        // node-a) are tunnels node-a's ztunnel opens to itself.
        await lab.setMode('ambient');
        expect((await lab.probe()).status).toBe(200);
        const a = byId(await lab.proxyStats())['ztunnel/node-a']!.counters;
        expect(a.hboneIn).toBeGreaterThanOrEqual(2);
        expect(a.peers).toHaveProperty(['spiffe://cluster.local/ns/demo/sa/client']);
        expect(a.peers).toHaveProperty(['spiffe://cluster.local/ns/demo/sa/web']);
        expect(Object.keys(a.tlsVersions)).toEqual(['TLSv1.3']);
        expect(a.alpn).toHaveProperty('h2');
      });

      it('ambient: retries are accepted, reported not enforced, and injected 503s reach the client', async () => {
        const report = await lab.setPolicy(retriesOn);
        expect(report.find((e) => e.key === 'retries')).toMatchObject({ enforced: false, reason: expect.stringMatching(/waypoint/) });
        await lab.setLoad({ rps: 0, payloadBytes: 256, errorPercent: 50 });
        const statuses = await Promise.all(Array.from({ length: 30 }, () => lab.probe().then((p) => p.status)));
        expect(statuses.filter((s) => s !== 200).length).toBeGreaterThan(0);
        await lab.setLoad({ rps: 0, payloadBytes: 256, errorPercent: 0 });
      });

      it('ambient + waypoint: the waypoint is the one L7 proxy, reached over HBONE, and its retries recover 503s', async () => {
        await lab.setMode('ambient-waypoint');
        const probe = await lab.probe();
        expect(probe.via).toEqual(['waypoint', 'web', 'waypoint', 'catalog', 'waypoint', 'inventory']);
        const stats = await lab.proxyStats();
        expect(sawRequest(stats, probe.requestId)).toEqual(['waypoint']);
        expect(byId(stats).waypoint!.counters.hboneIn).toBeGreaterThan(0);
        await lab.setLoad({ rps: 0, payloadBytes: 256, errorPercent: 30 });
        const statuses = await Promise.all(Array.from({ length: 30 }, () => lab.probe().then((p) => p.status)));
        await lab.setLoad({ rps: 0, payloadBytes: 256, errorPercent: 0 });
        expect(statuses.every((s) => s === 200)).toBe(true);
        expect(byId(await lab.proxyStats()).waypoint!.counters.retries).toBeGreaterThan(0);
      });

      it('sidecar retries recover injected 503s too', async () => {
        await lab.setMode('sidecar');
        await lab.setLoad({ rps: 0, payloadBytes: 256, errorPercent: 30 });
        const statuses = await Promise.all(Array.from({ length: 30 }, () => lab.probe().then((p) => p.status)));
        await lab.setLoad({ rps: 0, payloadBytes: 256, errorPercent: 0 });
        expect(statuses.every((s) => s === 200)).toBe(true);
        expect(byId(await lab.proxyStats())['sidecar/catalog']!.counters.retries).toBeGreaterThan(0);
      });

      it('eBPF: no user-space proxy on the path; in the netns tier the programs’ own counters rise', async () => {
        const before = await lab.bpfCounters();
        await lab.setMode('ebpf');
        expect(lab.runningProxies()).toEqual([]);
        expect((await lab.probe()).via).toEqual(['web', 'catalog', 'inventory']);
        const after = await lab.bpfCounters();
        if (tier === 'loopback') {
          expect(after).toBeNull();
          expect(lab.kernelPrograms()).toEqual([]);
          return;
        }
        const a = after!['node-a'];
        const b = before!['node-a'];
        // Three calls, three ClusterIPs translated at connect() on node-a (client, web, catalog call out).
        expect(a.translated - b.translated).toBeGreaterThanOrEqual(3);
        // Same-node sockets (client↔web, web↔catalog) were put in the sockmap and messages redirected.
        expect(a.sockets - b.sockets).toBeGreaterThanOrEqual(2);
        expect(a.msgRedirect - b.msgRedirect).toBeGreaterThan(0);
        // The cross-node call is never short-circuited: node-b saw no sockmap socket.
        expect(after!['node-b'].sockets).toBe(0);
        expect(lab.kernelPrograms().length).toBeGreaterThan(0);
      });

      it('eBPF + node L7: the node proxy sees every call and enforces L7 policy', async () => {
        const before = await lab.bpfCounters();
        await lab.setMode('ebpf-l7');
        const probe = await lab.probe();
        expect(probe.via).toEqual(['node-l7/node-a', 'web', 'node-l7/node-a', 'catalog', 'node-l7/node-a', 'inventory']);
        expect(sawRequest(await lab.proxyStats(), probe.requestId)).toEqual(['node-l7/node-a']);
        expect(lab.enforcement().find((e) => e.key === 'retries')).toEqual({ key: 'retries', enforced: true });
        if (tier === 'netns') {
          // connect4 sent each call to the node proxy, which learnt the ClusterIP from getsockopt.
          const a = (await lab.bpfCounters())!['node-a'];
          expect(a.toL7 - before!['node-a'].toL7).toBeGreaterThanOrEqual(3);
          expect(a.origDst - before!['node-a'].origDst).toBeGreaterThanOrEqual(3);
        }
        await lab.setPolicy(DEFAULT_POLICY);
      });

      it("eBPF + node L7 injects no faults, like Cilium's Envoy (built without the fault filter), and says why", async () => {
        expect(lab.mode).toBe('ebpf-l7');
        const enforcement = await lab.setPolicy({ ...DEFAULT_POLICY, fault: { abortPercent: 100, abortStatus: 503, delayPercent: 0, delayMs: 0 } });
        expect(enforcement.find((e) => e.key === 'fault')).toEqual({ key: 'fault', enforced: false, reason: expect.stringMatching(/fault filter/) });
        const probe = await lab.probe();
        expect(probe.status).toBe(200);
        expect(probe.via).toContain('node-l7/node-a');
        await lab.setPolicy(DEFAULT_POLICY);
      });

      it('fault injection aborts at the client-side L7 proxy and is not retried (Envoy semantics)', async () => {
        await lab.setMode('ambient-waypoint');
        await lab.setPolicy({ ...retriesOn, fault: { abortPercent: 100, abortStatus: 503, delayPercent: 0, delayMs: 0 } });
        const probe = await lab.probe();
        expect(probe.status).toBe(503);
        expect(probe.via).toEqual(['waypoint']);
        await lab.setPolicy(DEFAULT_POLICY);
      });
    });

    describe('measurement and teardown', () => {
      it('measures the kernel floor of the path back to back and paced like a load, counting every round', async () => {
        await lab.setMode('none');
        const closed = await lab.kernelFloor(200);
        // The second floor binds the first one's relay ports again: it only starts if they were let go.
        const started = performance.now();
        const paced = await lab.kernelFloor(20, 2000);
        expect(closed.count).toBe(200);
        expect(paced.count).toBe(20);
        for (const f of [closed, paced]) expect(f.p50Us).toBeGreaterThan(0);
        // Paced: 22 rounds (the first tenth uncounted), each waiting out its 2 ms before the next.
        expect(performance.now() - started).toBeGreaterThanOrEqual(21 * 2);
      }, 30_000);

      it('every mode carries continuous open-loop load across switches: answered = sent, and failures only where a policy asks', async () => {
        await lab.stop();
        const errors: string[] = [];
        const loaded = await LabController.start({
          bundleDir: 'dist/lab',
          tier,
          load: { rps: 200, payloadBytes: 1024, errorPercent: 0 },
          onEvent: (e) => e.type === 'window' && e.window.firstError && errors.push(`${e.window.mode}: ${e.window.firstError}`),
        });
        const load = (rps: number) => loaded.setLoad({ rps, payloadBytes: 1024, errorPercent: 0 });
        const faults = async () => (await loaded.proxyStats()).reduce((n, s) => n + s.counters.faults, 0);
        /** Load off and every request answered: the counters are then exact. */
        const quiesce = async () => {
          await load(0);
          await until(async () => (await loaded.loadgenCounters()).inflight === 0, 5000);
          return loaded.loadgenCounters();
        };
        try {
          await loaded.setPolicy(DEFAULT_POLICY);
          // Like the stage and the bench: start in none, switch with the load on, keep it on.
          for (const mode of MODE_IDS) {
            const before = await quiesce();
            await load(200);
            await loaded.setMode(mode);
            // Load through the new mode, answered: 1.5 s of it at 200 rps.
            const switched = await loaded.loadgenCounters();
            await vi.waitFor(async () => expect((await loaded.loadgenCounters()).ok - switched.ok).toBeGreaterThanOrEqual(300), {
              timeout: 15_000,
              interval: 100,
            });
            const after = await quiesce();
            const sent = after.sent - before.sent;
            expect(sent, `${mode}: the load kept flowing`).toBeGreaterThan(250);
            expect({ mode, failed: after.failed - before.failed, ok: after.ok - before.ok }, errors.join('; ')).toEqual({ mode, failed: 0, ok: sent });
          }
          // An abort fault fails exactly the requests the sidecars answered with it.
          await loaded.setMode('sidecar');
          const before = await quiesce();
          const faultsBefore = await faults();
          await loaded.setPolicy({ ...DEFAULT_POLICY, fault: { abortPercent: 20, abortStatus: 503, delayPercent: 0, delayMs: 0 } });
          await load(200);
          await vi.waitFor(
            async () => {
              const now = await loaded.loadgenCounters();
              expect(now.sent - before.sent).toBeGreaterThanOrEqual(300);
              expect(now.failed - before.failed).toBeGreaterThan(0);
            },
            { timeout: 15_000, interval: 100 },
          );
          const after = await quiesce();
          const failed = after.failed - before.failed;
          expect(failed).toBeGreaterThan(0);
          expect(failed).toBe((await faults()) - faultsBefore);
          expect(after.ok - before.ok + failed).toBe(after.sent - before.sent);
        } finally {
          await loaded.stop();
        }
      }, 120_000);

      it('streams latency windows while traffic flows, and leaves no process or namespace behind', async () => {
        await lab.stop();
        // The loopback tier owns no namespace, cgroup or BPF pin, so another lab on this machine (a
        // talk running with `npm start`) may hold some: it must leave them exactly as they were. The
        // netns tier holds the lab lock, so nothing of the kind may be left when it has stopped.
        const expectedAfter = tier === 'loopback' ? await kernelLabState() : { namespaces: [], bpfPinned: false, cgroups: [] };
        const windows: number[] = [];
        const hopSelf = new Map<string, number>();
        const measured = await LabController.start({
          bundleDir: 'dist/lab',
          tier,
          windowMs: 200,
          load: { rps: 50, payloadBytes: 512, errorPercent: 0 },
          onEvent: (e) => {
            if (e.type === 'window') windows.push(e.window.window.count);
            if (e.type === 'hops')
              for (const h of e.sample.hops) hopSelf.set(`${h.proxyId}#${h.listener}`, (hopSelf.get(`${h.proxyId}#${h.listener}`) ?? 0) + h.count);
          },
        });
        // Each sidecar reports its own time separately for the calls it receives and the ones it makes.
        const web = () => [...hopSelf].filter(([k, n]) => k.startsWith('sidecar/web#') && n > 0).map(([k]) => k.split('#')[1]);
        await measured.setMode('sidecar');
        await vi.waitFor(
          () => {
            expect(windows.length).toBeGreaterThanOrEqual(4);
            expect(windows.reduce((a, b) => a + b, 0)).toBeGreaterThan(30);
            expect(web()).toContain('inbound');
            expect(web().length).toBe(2);
          },
          { timeout: 10_000, interval: 50 },
        );
        const pids = measured.pids();
        expect(pids.length).toBe(8); // 3 workloads, the load generator, 4 sidecars
        await measured.stop();
        for (const pid of pids) expect(() => process.kill(pid, 0), `pid ${pid} still alive`).toThrow();
        expect(await kernelLabState()).toEqual(expectedAfter);
      }, 60_000);
    });
  });

describe.skipIf(netnsSkipReason !== null)('netns tier: after a crash', () => {
  it('removes what a crashed run left behind before it starts', async () => {
    // What a SIGKILLed lab leaves: a namespace with its iptables rules, a cgroup, pinned BPF objects.
    await run(['ip', 'netns', 'add', 'ms-crashed-run']);
    await run(inNs('ms-crashed-run', ['iptables', '-w', '-t', 'nat', '-N', 'MS-SIDECAR-OUT']));
    mkdirSync(`${CGROUP_ROOT}/meshstage-crashed-run`, { recursive: true });
    // …and its lock, naming a process that no longer exists.
    const dead = spawnSync('true').pid!;
    mkdirSync('/run/meshstage', { recursive: true });
    writeFileSync('/run/meshstage/lab.pid', String(dead));
    const restarted = await LabController.start({ bundleDir: 'dist/lab', tier: 'netns', load: { rps: 0, payloadBytes: 64, errorPercent: 0 } });
    try {
      expect(await listLabNamespaces()).not.toContain('ms-crashed-run');
      expect(existsSync(`${CGROUP_ROOT}/meshstage-crashed-run`)).toBe(false);
      expect((await restarted.probe()).status).toBe(200);
      // A second lab must not tear down a live one: it refuses the netns tier, or falls back.
      await expect(LabController.start({ bundleDir: 'dist/lab', tier: 'netns', load: { rps: 0, payloadBytes: 64, errorPercent: 0 } })).rejects.toThrow(
        /another netns lab is running/,
      );
      const second = await LabController.start({ bundleDir: 'dist/lab', tier: 'auto', load: { rps: 0, payloadBytes: 64, errorPercent: 0 } });
      expect(second.tier).toBe('loopback');
      expect(second.tierDecision.reason).toMatch(/another netns lab is running/);
      await second.stop();
      expect((await restarted.probe()).status).toBe(200);
    } finally {
      await restarted.stop();
    }
  }, 60_000);
});
