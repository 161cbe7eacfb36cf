// Which tier can run here, and why not the other: the netns tier needs Linux, root and a few
// tools; eBPF needs more. Missing pieces give a reason the UI shows, never a half-built lab.
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { CGROUP_ROOT } from './names';
import { run } from './run';

export type TierRequest = 'auto' | 'loopback' | 'netns';

export interface TierDecision {
  tier: 'netns' | 'loopback';
  reason: string;
  ebpf: { available: boolean; reason: string };
}

async function onPath(tool: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    try {
      await access(path.join(dir, tool), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

async function missing(tools: string[]): Promise<string[]> {
  const found = await Promise.all(tools.map(onPath));
  return tools.filter((_, i) => !found[i]);
}

/** What the decision looks at; tests pass their own. */
export interface HostProbe {
  platform: string;
  uid: number | undefined;
  missing(tools: string[]): Promise<string[]>;
  /** Null when a namespace can be created, else why not. */
  netnsError(): Promise<string | null>;
  cgroupV2Writable(): Promise<boolean>;
}

export const systemProbe: HostProbe = {
  platform: process.platform,
  uid: process.getuid?.(),
  missing,
  async netnsError() {
    try {
      await run(['ip', 'netns', 'add', 'ms-preflight']);
      await run(['ip', 'netns', 'del', 'ms-preflight']);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  },
  async cgroupV2Writable() {
    try {
      await access(path.join(CGROUP_ROOT, 'cgroup.procs'), constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
};

export async function chooseTier(request: TierRequest, host: HostProbe = systemProbe): Promise<TierDecision> {
  const noEbpf = (reason: string) => ({ available: false, reason });
  if (request === 'loopback')
    return { tier: 'loopback', reason: 'loopback tier requested (MESHSTAGE_LAB_TIER=loopback)', ebpf: noEbpf('loopback tier: no eBPF programs are loaded') };
  const refuse = (reason: string): TierDecision => {
    if (request === 'netns') throw new Error(`the netns tier cannot run here: ${reason}`);
    return { tier: 'loopback', reason, ebpf: noEbpf(`loopback tier (${reason}): no eBPF programs are loaded`) };
  };
  if (host.platform !== 'linux') return refuse(`network namespaces need Linux (this is ${host.platform})`);
  if (host.uid !== 0) return refuse('network namespaces, iptables and eBPF need root');
  const lacking = await host.missing(['ip', 'iptables', 'nsenter', 'setpriv', 'taskset']);
  if (lacking.length) return refuse(`missing ${lacking.join(', ')} (Debian: apt-get install iproute2 iptables util-linux)`);
  const netnsError = await host.netnsError();
  if (netnsError) return refuse(`cannot create a network namespace: ${netnsError}`);
  const bpfTools = await host.missing(['clang', 'bpftool']);
  let ebpf = { available: true, reason: 'eBPF programs are compiled with clang and loaded with bpftool' };
  if (bpfTools.length) ebpf = noEbpf(`missing ${bpfTools.join(', ')} (Debian: apt-get install clang llvm libbpf-dev bpftool)`);
  else if (!(await host.cgroupV2Writable())) ebpf = noEbpf(`no writable cgroup v2 hierarchy at ${CGROUP_ROOT}`);
  return { tier: 'netns', reason: 'Linux as root: pods and nodes are network namespaces', ebpf };
}
