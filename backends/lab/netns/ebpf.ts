// Loads, attaches and removes the lab's eBPF programs (native/bpf/mesh.bpf.c) with clang and
// bpftool: one instance per node (its own maps), attached to that node's pod cgroup (and, for the
// node L7 proxy, its proxy cgroup) only while an eBPF mode runs.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ModeId } from '../../../lib/mesh/modes';
import { NODES, PODS, type NodeName } from '../topology';
import { APP_PORT, BPF_PIN_ROOT, CGROUP_ROOT, nodeIp, NODE_SUBNET, PORT, POD_IP, podCgroup, proxyCgroup, SERVICE_PORT, SERVICE_VIP } from './names';
import { run } from './run';

export const BPF_STATS = ['translated', 'toL7', 'sockets', 'msgRedirect', 'msgPass', 'origDst'] as const;
export type BpfCounters = Record<(typeof BPF_STATS)[number], number>;

const ipHex = (ip: string) => ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'));
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff].map((b) => b.toString(16).padStart(2, '0'));
const pins = (node: NodeName) => ({ progs: `${BPF_PIN_ROOT}/${node}/progs`, maps: `${BPF_PIN_ROOT}/${node}/maps` });

async function mountBpffs(): Promise<void> {
  const mounts = await run(['mount'], { allowFail: true });
  if (!/ on \/sys\/fs\/bpf type bpf /.test(mounts)) await run(['mount', '-t', 'bpf', 'bpf', '/sys/fs/bpf']);
}

/** Detaches and removes everything an earlier run may have left: pins, attachments, cgroups. */
export async function removeBpfLeftovers(): Promise<void> {
  for (const node of NODES) {
    for (const [cg, type] of [
      [podCgroup(node), 'sock_ops'],
      [podCgroup(node), 'connect4'],
      [proxyCgroup(node), 'getsockopt'],
    ] as const) {
      if (!existsSync(cg)) continue;
      const attached = await run(['bpftool', '-j', 'cgroup', 'show', cg], { allowFail: true });
      for (const prog of safeJson<{ id: number; attach_type: string }[]>(attached) ?? []) {
        if (prog.attach_type === type || prog.attach_type === `cgroup_inet4_connect` || prog.attach_type === 'cgroup_getsockopt') {
          await run(['bpftool', 'cgroup', 'detach', cg, type, 'id', String(prog.id)], { allowFail: true });
        }
      }
    }
  }
  rmSync(BPF_PIN_ROOT, { recursive: true, force: true });
  // A cgroup directory goes with rmdir once its processes are gone (its files are virtual); a
  // process that just exited can keep it busy for a few milliseconds more.
  for (const dir of existsSync(CGROUP_ROOT) ? readdirSync(CGROUP_ROOT) : []) {
    if (dir.startsWith('meshstage-')) await removeCgroup(path.join(CGROUP_ROOT, dir));
  }
}

async function removeCgroup(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      rmdirSync(dir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY' || attempt >= 40) {
        const procs = existsSync(`${dir}/cgroup.procs`) ? readFileSync(`${dir}/cgroup.procs`, 'utf8').trim().split('\n').filter(Boolean) : [];
        console.error(`lab: could not remove cgroup ${dir}: ${(error as Error).message}${procs.length ? ` (processes still in it: ${procs.join(', ')})` : ''}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function safeJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export class EbpfDataPlane {
  #attached: ModeId | null = null;

  private constructor() {}

  /** Compiles (≈ 0.3 s) and loads the programs for every node; attaches nothing yet. */
  static async load(sourceDir: string): Promise<EbpfDataPlane> {
    await mountBpffs();
    await removeBpfLeftovers();
    const object = path.join(tmpdir(), `meshstage-mesh-${process.pid}.bpf.o`);
    const arch = (await run(['gcc', '-dumpmachine'])).trim();
    await run(['clang', '-O2', '-g', '-target', 'bpf', `-I/usr/include/${arch}`, '-c', path.join(sourceDir, 'mesh.bpf.c'), '-o', object]);
    for (const node of NODES) {
      for (const cg of [podCgroup(node), proxyCgroup(node)]) mkdirSync(cg, { recursive: true });
      const p = pins(node);
      mkdirSync(path.dirname(p.progs), { recursive: true });
      await run(['bpftool', 'prog', 'loadall', object, p.progs, 'pinmaps', p.maps]);
      for (const pod of PODS.filter((x) => x.service)) {
        const key = [...ipHex(SERVICE_VIP[pod.service!]!), ...u32le(SERVICE_PORT)];
        const value = [...ipHex(POD_IP[pod.name]!), ...u32le(APP_PORT)];
        await run(['bpftool', 'map', 'update', 'pinned', `${p.maps}/ms_services`, 'key', 'hex', ...key, 'value', 'hex', ...value]);
      }
    }
    rmSync(object, { force: true });
    const plane = new EbpfDataPlane();
    await plane.#configure(false);
    return plane;
  }

  async #configure(l7: boolean): Promise<void> {
    for (const node of NODES) {
      const value = [...ipHex(`10.244.${NODE_SUBNET[node]}.0`), ...ipHex('255.255.255.0'), ...ipHex(nodeIp(node)), ...u32le(l7 ? PORT.nodeL7 : 0)];
      await run(['bpftool', 'map', 'update', 'pinned', `${pins(node).maps}/ms_cfg`, 'key', 'hex', '00', '00', '00', '00', 'value', 'hex', ...value]);
    }
  }

  /** Attaches the programs for `mode` (eBPF modes) or detaches them (every other mode). */
  async apply(mode: ModeId): Promise<void> {
    const wanted = mode === 'ebpf' || mode === 'ebpf-l7' ? mode : null;
    if (wanted === this.#attached) return;
    if (this.#attached) await this.#detach();
    if (wanted) {
      await this.#configure(wanted === 'ebpf-l7');
      for (const node of NODES) {
        const p = pins(node);
        await run(['bpftool', 'prog', 'attach', 'pinned', `${p.progs}/ms_msg`, 'msg_verdict', 'pinned', `${p.maps}/ms_sock_hash`]);
        await run(['bpftool', 'cgroup', 'attach', podCgroup(node), 'sock_ops', 'pinned', `${p.progs}/ms_sockops`]);
        await run(['bpftool', 'cgroup', 'attach', podCgroup(node), 'connect4', 'pinned', `${p.progs}/ms_connect4`]);
        if (wanted === 'ebpf-l7') await run(['bpftool', 'cgroup', 'attach', proxyCgroup(node), 'getsockopt', 'pinned', `${p.progs}/ms_getsockopt`]);
      }
    }
    this.#attached = wanted;
  }

  async #detach(): Promise<void> {
    for (const node of NODES) {
      const p = pins(node);
      await run(['bpftool', 'cgroup', 'detach', podCgroup(node), 'connect4', 'pinned', `${p.progs}/ms_connect4`], { allowFail: true });
      await run(['bpftool', 'cgroup', 'detach', podCgroup(node), 'sock_ops', 'pinned', `${p.progs}/ms_sockops`], { allowFail: true });
      await run(['bpftool', 'cgroup', 'detach', proxyCgroup(node), 'getsockopt', 'pinned', `${p.progs}/ms_getsockopt`], { allowFail: true });
      await run(['bpftool', 'prog', 'detach', 'pinned', `${p.progs}/ms_msg`, 'msg_verdict', 'pinned', `${p.maps}/ms_sock_hash`], { allowFail: true });
    }
    await this.#configure(false);
  }

  /** The programs' own counters, per node (BPF map `ms_stats`). */
  async counters(): Promise<Record<NodeName, BpfCounters>> {
    const out = {} as Record<NodeName, BpfCounters>;
    for (const node of NODES) {
      const dump =
        safeJson<{ key: number | string[]; value: number | string[]; formatted?: { key: number; value: number } }[]>(
          await run(['bpftool', '-j', 'map', 'dump', 'pinned', `${pins(node).maps}/ms_stats`]),
        ) ?? [];
      const counters = Object.fromEntries(BPF_STATS.map((s) => [s, 0])) as BpfCounters;
      for (const entry of dump) {
        const index = entry.formatted?.key ?? toNumber(entry.key);
        const value = entry.formatted?.value ?? toNumber(entry.value);
        const name = BPF_STATS[index];
        if (name) counters[name] = value;
      }
      out[node] = counters;
    }
    return out;
  }

  programs(mode: ModeId): string[] {
    if (mode === 'ebpf') return ['cgroup/connect4: ClusterIP → pod at connect()', 'sock_ops + sk_msg: same-node socket redirect'];
    if (mode === 'ebpf-l7')
      return [
        'cgroup/connect4: ClusterIP → node L7 proxy',
        'sock_ops + sk_msg: same-node socket redirect',
        'cgroup/getsockopt: original destination for the proxy',
      ];
    return [];
  }

  async unload(): Promise<void> {
    if (this.#attached) await this.#detach();
    this.#attached = null;
    await removeBpfLeftovers();
  }
}

function toNumber(v: number | string[]): number {
  if (typeof v === 'number') return v;
  // little-endian hex bytes, e.g. ["0x05","0x00",…]
  return v.reduce((n, b, i) => n + parseInt(b, 16) * 2 ** (8 * i), 0);
}
