// The IPC contract between the lab controller and the Rust data plane, held by one fixture from
// both sides: one sample of every message of ipc.ts, each direction. Here the samples are typed
// by ipc.ts's unions (a renamed or missing field does not compile) and must equal the fixture;
// the crate's `contract` test (npm run test:dataplane) parses every controller→child sample into
// its serde types, which refuse unknown and missing fields, and serialises its own child→controller
// samples to what the fixture holds. A field renamed on one side only fails one of the two.
// After a deliberate change of a message, on both sides:
// UPDATE_FIXTURES=1 npx vitest run backends/lab/ipc-contract.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ChildToController, ListenerSpec, ToFloorClient, ToFloorRelay, ToLoadgen, ToProxy, ToWorkload } from './ipc';

const FIXTURE = fileURLToPath(new URL('./dataplane/tests/ipc-fixtures.json', import.meta.url));

/** One sample per `t` of a union, each of its own variant: a variant added without a sample does not compile. */
type OneOfEach<U extends { t: string }> = { [K in U['t']]: Extract<U, { t: K }> };

const identity = (sa: string) => ({
  spiffe: `spiffe://cluster.local/ns/demo/sa/${sa}`,
  certPem: `-----BEGIN CERTIFICATE-----\n${sa}\n-----END CERTIFICATE-----\n`,
  keyPem: `-----BEGIN PRIVATE KEY-----\n${sa}\n-----END PRIVATE KEY-----\n`,
  caPem: '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n',
});

const policy = {
  retries: { enabled: true, attempts: 3, perTryTimeoutMs: 500 },
  timeout: { enabled: true, ms: 2000 },
  fault: { abortPercent: 10, abortStatus: 503, delayPercent: 30, delayMs: 100 },
  mtls: true,
};

/** Every listener kind, route selection, L7 upstream and L4 upstream the controller can send. */
const listeners: ListenerSpec[] = [
  {
    id: 'outbound',
    proto: 'h1',
    host: '0.0.0.0',
    port: 15001,
    select: 'original-dst',
    routes: {
      '10.96.0.12:80': {
        upstream: { kind: 'h1-mtls', host: '10.244.1.12', port: 8080, identity: 'web', peer: 'spiffe://cluster.local/ns/demo/sa/catalog' },
        enforcePolicy: true,
      },
      '10.96.0.13:80': { upstream: { kind: 'h1', host: '10.244.2.13', port: 8080 }, enforcePolicy: true },
    },
  },
  {
    id: 'inbound',
    proto: 'h1-permissive',
    host: '0.0.0.0',
    port: 15006,
    identities: ['catalog'],
    routes: { '*': { upstream: { kind: 'h1', host: '10.244.1.12', port: 8080, source: '127.0.0.6' }, enforcePolicy: false } },
  },
  {
    id: 'hbone',
    proto: 'hbone',
    host: '0.0.0.0',
    port: 15008,
    identities: ['waypoint'],
    byAuthority: {
      '10.244.2.13:8080': {
        upstream: {
          kind: 'hbone',
          host: '10.0.0.2',
          port: 15008,
          identity: 'waypoint',
          peer: 'spiffe://cluster.local/ns/demo/sa/inventory',
          authority: '10.244.2.13:8080',
        },
        enforcePolicy: true,
      },
      '10.244.1.12:8080': { kind: 'direct', host: '10.244.1.12', port: 8080 },
    },
  },
  {
    id: 'out/client/web',
    proto: 'tcp',
    host: '127.0.0.1',
    port: 40001,
    select: 'listener',
    routes: {
      '*': {
        kind: 'hbone',
        host: '10.0.0.1',
        port: 15008,
        identity: 'client',
        peer: 'spiffe://cluster.local/ns/demo/sa/web',
        authority: '10.244.1.11:8080',
      },
    },
  },
  {
    id: 'outbound-l4',
    proto: 'tcp',
    host: '0.0.0.0',
    port: 15002,
    select: 'source+original-dst',
    routes: { '10.244.1.10>10.96.0.11:80': { kind: 'direct', host: '10.244.1.11', port: 8080 } },
  },
];

const toProxy = {
  config: {
    t: 'config',
    id: 'waypoint',
    kind: 'waypoint',
    identities: { waypoint: identity('waypoint') },
    listeners,
    policy,
    statsEveryMs: 250,
  },
  policy: { t: 'policy', policy },
  routes: { t: 'routes', listeners },
  'stats-now': { t: 'stats-now', reqId: 'req-1' },
} satisfies OneOfEach<ToProxy>;

const toWorkload = {
  config: {
    t: 'config',
    id: 'catalog',
    listen: { host: '0.0.0.0', port: 8080 },
    upstream: { host: '10.96.0.13', port: 80 },
    payloadBytes: 1024,
    errorPercent: 2.5,
  },
  upstream: { t: 'upstream', upstream: null },
  workload: { t: 'workload', payloadBytes: 2048, errorPercent: 10 },
} satisfies OneOfEach<ToWorkload>;

const toLoadgen = {
  config: { t: 'config', id: 'loadgen', target: { host: '10.96.0.11', port: 80 }, rps: 500, windowMs: 250, mode: 'none' },
  load: { t: 'load', rps: 250, target: { host: '127.0.0.1', port: 40002 }, mode: 'sidecar', settling: true, restart: true },
  probe: { t: 'probe', reqId: 'req-2', requestId: '0123456789abcdef0123456789abcdef' },
  counters: { t: 'counters', reqId: 'req-3' },
} satisfies OneOfEach<ToLoadgen>;

const toFloorRelay = {
  config: { t: 'config', id: 'floor/catalog', listen: { host: '0.0.0.0', port: 9000 }, upstream: { host: '10.244.2.13', port: 9000 }, responseBytes: 1024 },
} satisfies OneOfEach<ToFloorRelay>;

const toFloorClient = {
  config: { t: 'config', id: 'floor/client', target: { host: '10.244.1.11', port: 9000 }, rounds: 2000, responseBytes: 1024, intervalUs: 1000 },
} satisfies OneOfEach<ToFloorClient>;

const summary = { count: 1200, p50Us: 180, p90Us: 240, p99Us: 410, maxUs: 1900 };

const childToController = {
  ready: { t: 'ready', id: 'sidecar/web' },
  fatal: { t: 'fatal', id: 'proxy', message: 'bad config: unknown field `statsEvery`' },
  stats: {
    t: 'stats',
    id: 'sidecar/web',
    kind: 'sidecar',
    l7: true,
    counters: {
      requests: 120,
      retries: 3,
      faults: 1,
      upstreamErrors: 2,
      connections: 4,
      bytes: 65536,
      hboneIn: 5,
      hboneOut: 6,
      peers: { 'spiffe://cluster.local/ns/demo/sa/client': 4 },
      tlsVersions: { 'TLSv1.3': 4 },
      alpn: { 'istio-http/1.1': 4 },
      recentRequestIds: ['0123456789abcdef0123456789abcdef'],
    },
    self: summary,
    selfByListener: { inbound: summary, outbound: summary },
    cpuPercent: 12.5,
    rssMb: 8.25,
    reqId: 'req-1',
  },
  window: {
    t: 'window',
    id: 'loadgen',
    mode: 'sidecar',
    windowMs: 250,
    window: summary,
    cumulative: { ...summary, distributionUs: [180, 200, 240, 260, 410, 900] },
    sendLag: { count: 1200, p50Us: 3, p90Us: 5, p99Us: 20, maxUs: 60, distributionUs: [3, 4, 5, 6, 20, 50] },
    completed: 125,
    errors: 1,
    firstError: 'answered 503',
    targetRps: 500,
    cpuPercent: 7.5,
  },
  'probe-result': { t: 'probe-result', reqId: 'req-2', status: 200, via: ['sidecar/web', 'web'], error: 'probe timed out' },
  'floor-result': { t: 'floor-result', id: 'floor/client', summary, error: 'connection refused' },
  'loadgen-counters': { t: 'loadgen-counters', reqId: 'req-3', sent: 10, ok: 7, failed: 2, inflight: 1 },
} satisfies OneOfEach<ChildToController>;

const samples = {
  controllerToChild: { proxy: toProxy, workload: toWorkload, loadgen: toLoadgen, 'floor-relay': toFloorRelay, 'floor-client': toFloorClient },
  childToController,
};

describe('the IPC contract with the Rust data plane (dataplane/tests/ipc-fixtures.json)', () => {
  if (process.env.UPDATE_FIXTURES) writeFileSync(FIXTURE, JSON.stringify(samples, null, 2) + '\n');
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as typeof samples;

  it('holds every message the controller sends, as ipc.ts types them', () => {
    expect(fixture.controllerToChild).toEqual(samples.controllerToChild);
  });

  it('holds every message a child sends, as ipc.ts types them (the Rust side serialises exactly these)', () => {
    expect(fixture.childToController).toEqual(samples.childToController);
  });
});
