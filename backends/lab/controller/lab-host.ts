// The lab's ground, set up once per start: which tier it runs on (netns where Linux, root and the
// tools allow, else loopback), the network namespaces and their lock, the eBPF programs, the
// workload identities from the lab's CA — and where each process it starts goes (its pod's or
// node's namespace, its cgroup, its CPU). Undone by teardown(), also after a half-built start.
import path from 'node:path';
import type { ChildToController } from '../ipc';
import { EbpfDataPlane } from '../netns/ebpf';
import { acquireLabLock, releaseLabLock } from '../netns/lab-lock';
import { createNetwork, removeNamespaces } from '../netns/network';
import { netnsPath, nodeNs, podCgroup, podNs, proxyCgroup, PROXY_UID } from '../netns/names';
import { chooseTier, type TierDecision, type TierRequest } from '../netns/preflight';
import { createLabCa, type Identity } from '../pki/lab-ca';
import { pod as podSpec, PODS, spiffeId, type NodeName } from '../topology';
import { loopbackAddressing, netnsAddressing, type Addressing } from './addressing';
import { LabChild } from './child-process';
import type { PlannedProxy } from './mode-plan';

const SERVICE_ACCOUNTS = [...PODS.map((p) => p.name), 'waypoint'];

export interface HostOptions {
  bundleDir: string;
  tier?: TierRequest;
  /** Pin the measured chain to this CPU (Linux); null to leave scheduling alone. */
  cpu?: number | null;
}

/** Where a process runs: in a pod (workloads, the generator, the floor), or as a planned proxy. */
export type Placement = { pod: string; cgroups?: boolean } | { proxy: PlannedProxy };

export class LabHost {
  #decision!: TierDecision;
  #at!: Addressing;
  #ebpf: EbpfDataPlane | null = null;
  #lockToken: string | null = null;
  readonly identities: Record<string, Identity> = {};

  private constructor(private readonly options: HostOptions) {}

  static async prepare(options: HostOptions): Promise<LabHost> {
    const host = new LabHost(options);
    host.#decision = await chooseTier(options.tier ?? 'auto');
    if (host.#decision.tier === 'netns') {
      try {
        await host.#buildNetns();
      } catch (error) {
        // Never a half-built lab: undo everything and run on loopback, saying why — but never
        // touch what another live lab owns.
        if (host.#lockToken) {
          await removeNamespaces();
          releaseLabLock(host.#lockToken);
          host.#lockToken = null;
        }
        if (options.tier === 'netns') throw error;
        const reason = `netns tier failed to set up (${(error as Error).message})`;
        host.#decision = { tier: 'loopback', reason, ebpf: { available: false, reason: `loopback tier (${reason}): no eBPF programs are loaded` } };
      }
    }
    try {
      if (host.#decision.tier === 'loopback') host.#at = await loopbackAddressing();
      const ca = await createLabCa();
      for (const sa of SERVICE_ACCOUNTS) host.identities[sa] = await ca.issue(spiffeId(sa));
    } catch (error) {
      await host.teardown();
      throw error;
    }
    return host;
  }

  get at(): Addressing {
    return this.#at;
  }

  /** Why this tier (and whether eBPF can load), in words for the UI. */
  get decision(): TierDecision {
    return this.#decision;
  }

  get netns(): boolean {
    return this.#decision.tier === 'netns';
  }

  get ebpf(): EbpfDataPlane | null {
    return this.#ebpf;
  }

  /** Starts one data-plane process where it belongs. */
  spawn(
    id: string,
    role: DataplaneRole,
    where: Placement,
    on: { message: (m: ChildToController) => void; exit: (code: number | null, signal: NodeJS.Signals | null) => void },
  ): LabChild {
    const cgroups = this.#ebpf !== null;
    const prefix = !this.netns ? [] : 'proxy' in where ? proxyPrefix(where.proxy, cgroups) : podPrefix(where.pod, where.cgroups ?? cgroups);
    return new LabChild({
      id,
      command: [path.join(this.options.bundleDir, DATAPLANE_BINARY), role],
      prefix,
      cpu: process.platform === 'linux' ? (this.options.cpu === undefined ? 0 : this.options.cpu) : null,
      onMessage: on.message,
      onExit: on.exit,
    });
  }

  /** Idempotent: a second call finds nothing left to undo. */
  async teardown(): Promise<void> {
    const ebpf = this.#ebpf;
    this.#ebpf = null;
    await ebpf?.unload().catch((e: Error) => console.error(`lab: eBPF teardown: ${e.message}`));
    if (this.#decision?.tier === 'netns' && this.#lockToken) {
      await removeNamespaces();
      releaseLabLock(this.#lockToken);
      this.#lockToken = null;
    }
  }

  async #buildNetns(): Promise<void> {
    this.#lockToken = acquireLabLock();
    const leftovers = await removeNamespaces();
    if (leftovers.length) console.error(`lab: removed ${leftovers.length} namespaces left by an earlier run`);
    await createNetwork();
    this.#at = netnsAddressing();
    if (this.#decision.ebpf.available) {
      try {
        this.#ebpf = await EbpfDataPlane.load(path.join(this.options.bundleDir, 'native', 'bpf'));
      } catch (error) {
        // The lab still runs; the eBPF modes take the plain kernel path and say why.
        this.#decision = { ...this.#decision, ebpf: { available: false, reason: `loading the eBPF programs failed: ${(error as Error).message}` } };
      }
    }
  }
}

// The lab's data plane is one Rust binary (backends/lab/dataplane), built by
// scripts/build-dataplane.mjs into the lab's build folder. Its name is the Cargo package's name;
// a unit test keeps the two equal.
export const DATAPLANE_BINARY = 'meshstage-dataplane';

/** The binary's first argument: what the process is (see its src/main.rs). */
export type DataplaneRole = 'proxy' | 'workload' | 'loadgen' | 'floor-relay' | 'floor-client';

export function dataplaneBuildHint(): string {
  return 'it is built by npm start, npm run build or node scripts/build-dataplane.mjs, which need cargo (Rust, https://rustup.rs)';
}

// Where each lab process runs in the netns tier: the command prefix that puts it into its pod's
// or node's network namespace (nsenter keeps /sys visible, unlike `ip netns exec`), and drops a
// sidecar to UID 1337 so the capture rules leave its own traffic alone, as istio-init's do.
// With eBPF loaded, a pod's processes also start inside their node's pod cgroup (eBPF cgroup
// programs cover processes, and a server only when it starts inside the cgroup).
const enter = (ns: string) => ['nsenter', `--net=${netnsPath(ns)}`, '--'];
const asProxyUser = ['setpriv', `--reuid=${PROXY_UID}`, `--regid=${PROXY_UID}`, '--clear-groups', '--'];
const inCgroup = (dir: string) => ['sh', '-c', 'echo $$ > "$0" && exec "$@"', `${dir}/cgroup.procs`];

export function podPrefix(pod: string, cgroups: boolean): string[] {
  return [...enter(podNs(pod)), ...(cgroups ? inCgroup(podCgroup(podSpec(pod).node)) : [])];
}

export function proxyPrefix(proxy: { id: string; kind: string; node: NodeName; pod?: string }, cgroups: boolean): string[] {
  switch (proxy.kind) {
    case 'sidecar':
      return [...enter(podNs(proxy.pod!)), ...asProxyUser];
    case 'waypoint':
      return enter(podNs('waypoint'));
    case 'node-l7':
      return [...enter(nodeNs(proxy.node)), ...(cgroups ? inCgroup(proxyCgroup(proxy.node)) : [])];
    default:
      return enter(nodeNs(proxy.node)); // ztunnel lives on the node
  }
}
