// Messages between the lab controller and the processes it starts (workloads, proxies, load
// generator, kernel floor: roles of the Rust data-plane binary, backends/lab/dataplane), over
// Node's IPC channel as JSON lines: one union per direction, `ControllerToChild` (the union of
// what each role is sent) and `ChildToController`. Every child waits for `config` before
// listening. The Rust side has a serde type for each message (dataplane/src/messages.rs,
// config.rs) that refuses unknown and missing fields; ipc-contract.test.ts and the crate's
// `contract` test hold both sides to one fixture (dataplane/tests/ipc-fixtures.json).
import type { L7Policy } from '../../lib/mesh/policies';
import type { LatencySummary, ProxyKind } from '../../lib/mesh/telemetry';
import type { Identity } from './pki/lab-ca';

export interface Endpoint {
  host: string;
  port: number;
}

/** Where an L7 proxy (or app) sends a request next. */
export type Upstream =
  /** `source`: the local address to connect from (Envoy's upstream_bind_config.source_address). */
  | ({ kind: 'h1'; source?: string } & Endpoint)
  /** Sidecar to sidecar: HTTP/1.1 over mTLS, Istio's default (no HTTP/2 upgrade). */
  | ({ kind: 'h1-mtls'; identity: string; peer: string } & Endpoint)
  | ({ kind: 'hbone'; identity: string; peer: string; authority: string } & Endpoint);

/** Where an L4 proxy (ztunnel) sends a connection next. */
export type L4Upstream = ({ kind: 'direct' } & Endpoint) | ({ kind: 'hbone'; identity: string; peer: string; authority: string } & Endpoint);

export interface L7Route {
  upstream: Upstream;
  /** Client-side L7 proxies enforce retries, timeouts and faults; server-side ones only forward. */
  enforcePolicy: boolean;
}

/**
 * How a listener picks the route of a connection: the listener itself (one call per listener,
 * loopback tier), the connection's original destination before capture (`ip:port` from
 * SO_ORIGINAL_DST), or its source address too (`src>ip:port`: ztunnel speaks for several pods).
 */
export type RouteSelect = 'listener' | 'original-dst' | 'source+original-dst';

export type ListenerSpec =
  | ({ id: string; proto: 'h1'; select: RouteSelect; routes: Record<string, L7Route> } & Endpoint)
  /** A sidecar's inbound port: mTLS or plain HTTP, told apart by the first byte (Istio's PERMISSIVE mode). */
  | ({ id: string; proto: 'h1-permissive'; identities: string[]; routes: Record<string, L7Route> } & Endpoint)
  /** HBONE server: each CONNECT authority maps to an L7 route (waypoint) or an L4 upstream (ztunnel). */
  | ({ id: string; proto: 'hbone'; identities: string[]; byAuthority: Record<string, L7Route | L4Upstream> } & Endpoint)
  | ({ id: string; proto: 'tcp'; select: RouteSelect; routes: Record<string, L4Upstream> } & Endpoint);

export interface ProxyConfig {
  t: 'config';
  id: string;
  kind: ProxyKind;
  /** Certificates by service-account name. */
  identities: Record<string, Identity>;
  listeners: ListenerSpec[];
  policy: L7Policy;
  statsEveryMs: number;
}

export interface WorkloadConfig {
  t: 'config';
  id: string;
  listen: Endpoint;
  /** Where this app sends its one downstream call, or null for a leaf service. */
  upstream: Endpoint | null;
  payloadBytes: number;
  errorPercent: number;
}

export interface LoadgenConfig {
  t: 'config';
  id: string;
  target: Endpoint;
  rps: number;
  windowMs: number;
  mode: string;
}

/** A kernel-floor relay (kernel-floor.ts): answers `responseBytes` per request, after asking `upstream` when it has one. */
export interface FloorRelayConfig {
  t: 'config';
  id: string;
  listen: Endpoint;
  upstream: Endpoint | null;
  responseBytes: number;
}

/** The kernel-floor client: `rounds` ping-pongs, one every `intervalUs` (0: back to back). */
export interface FloorClientConfig {
  t: 'config';
  id: string;
  target: Endpoint;
  rounds: number;
  responseBytes: number;
  intervalUs: number;
}

/** What a proxy is sent: its config, then new policies and routes, and stats requests. */
export type ToProxy =
  | ProxyConfig
  | { t: 'policy'; policy: L7Policy }
  /** The listeners' new routes (same listener ids and kinds: they stay bound). */
  | { t: 'routes'; listeners: ListenerSpec[] }
  | { t: 'stats-now'; reqId: string };

export type ToWorkload = WorkloadConfig | { t: 'upstream'; upstream: Endpoint | null } | { t: 'workload'; payloadBytes: number; errorPercent: number };

export type ToLoadgen =
  | LoadgenConfig
  /** `settling`: a ramp step after a switch; `restart`: a new condition (policy, load, error
   *  rate) — the cumulative figures start afresh once it settles. A new mode restarts too. */
  | { t: 'load'; rps: number; target: Endpoint; mode: string; settling?: boolean; restart?: boolean }
  | { t: 'probe'; reqId: string; requestId: string }
  | { t: 'counters'; reqId: string };

export type ToFloorRelay = FloorRelayConfig;
export type ToFloorClient = FloorClientConfig;

export type ControllerToChild = ToProxy | ToWorkload | ToLoadgen | ToFloorRelay | ToFloorClient;

export interface ProxyCounters {
  requests: number;
  retries: number;
  faults: number;
  upstreamErrors: number;
  connections: number;
  bytes: number;
  hboneIn: number;
  hboneOut: number;
  /** Peer SPIFFE ids and TLS versions seen on inbound mTLS/HBONE connections. */
  peers: Record<string, number>;
  tlsVersions: Record<string, number>;
  alpn: Record<string, number>;
  /** The last request ids an L7 proxy handled (proof of path). */
  recentRequestIds: string[];
}

export interface ProxyStats {
  t: 'stats';
  id: string;
  kind: ProxyKind;
  l7: boolean;
  counters: ProxyCounters;
  self: LatencySummary;
  /** Own time per listener id (e.g. a sidecar's `inbound` and `outbound`). */
  selfByListener: Record<string, LatencySummary>;
  cpuPercent: number;
  rssMb: number;
  reqId?: string;
}

export interface LoadgenWindow {
  t: 'window';
  id: string;
  mode: string;
  windowMs: number;
  window: LatencySummary;
  /** Successful requests since the current condition settled (see `restart` on `load`). */
  cumulative: LatencySummary;
  /** How late the generator sent, over the same span: part of every request's latency. */
  sendLag: LatencySummary;
  /** Answered, failed or timed out in the window; errors are 5xx, resets, refusals, timeouts. */
  completed: number;
  errors: number;
  /** What the window's first error was. */
  firstError?: string;
  targetRps: number;
  cpuPercent: number;
}

export interface ProbeResult {
  t: 'probe-result';
  reqId: string;
  status: number;
  via: string[];
  error?: string;
}

/** The kernel floor's ping-pong (kernel-floor.ts). */
export interface FloorResult {
  t: 'floor-result';
  id: string;
  summary?: LatencySummary;
  error?: string;
}

/** The load generator's totals since it started: sent = ok + failed + inflight. */
export interface LoadgenCounters {
  t: 'loadgen-counters';
  reqId: string;
  sent: number;
  ok: number;
  failed: number;
  inflight: number;
}

/** From any role; `fatal` is a start-up failure (the controller rejects the child's `ready()`). */
export type ChildToController =
  { t: 'ready'; id: string } | { t: 'fatal'; id: string; message: string } | ProxyStats | LoadgenWindow | ProbeResult | FloorResult | LoadgenCounters;

export const VIA_HEADER = 'x-meshstage-via';
export const REQUEST_ID_HEADER = 'x-request-id';
