// The lab's ground, set up once per start: which tier it runs on (netns where Linux, root and the
// tools allow, else loopback), the network namespaces and their lock, the eBPF programs, the
// workload identities from the lab's CA — and where each process it starts goes (its pod's or
// node's namespace, its cgroup, its CPU). Undone by teardown(), also after a half-built start.
import path from 'node:path';
import type { ChildToController } from '../ipc';
import { EbpfDataPlane } from '../netns/ebpf';
import { acquireLabLock, releaseLabLock } from '../netns/lab-lock';
import { createNetwork, removeNamespaces } from '../netns/network';
import { podPrefix, proxyPrefix } from '../netns/placement';
import { chooseTier, type TierDecision, type TierRequest } from '../netns/preflight';
import { createLabCa, type Identity } from '../pki/lab-ca';
import { PODS, spiffeId } from '../topology';
import { loopbackAddressing, netnsAddressing, type Addressing } from './addressing';
import { LabChild } from './child-process';
import { DATAPLANE_BINARY, type DataplaneRole } from './dataplane-binary';
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
