// The kernel floor of the workload's path: raw TCP relays in the same pods, over the same veths,
// bridges and node link, with the least user space possible (the data-plane binary's
// floor-relay/floor-client roles: blocking sockets, no HTTP). A ping-pong over it is the latency
// below which no data plane on this machine can go; the bench prints it beside every mode.
// `intervalUs` paces the rounds like an open-loop load (0: back to back): at 1000 rps the CPU
// idles between requests and each one pays the wake-up, which back to back never does. Its processes join no cgroup, so no eBPF program touches them.
import type { LatencySummary } from '../../../lib/mesh/telemetry';
import type { ChildToController, Endpoint } from '../ipc';
import { edges, type WorkloadPath } from '../topology';
import type { Addressing } from './addressing';
import type { LabChild } from './child-process';

export type FloorRole = 'floor-relay' | 'floor-client';
export type SpawnFloor = (id: string, role: FloorRole, pod: string, onMessage: (m: ChildToController) => void) => LabChild;

export async function measureKernelFloor(
  at: Addressing,
  path: WorkloadPath,
  spawn: SpawnFloor,
  opts: { rounds: number; responseBytes: number; intervalUs?: number },
): Promise<LatencySummary> {
  const calls = edges(path);
  const children: LabChild[] = [];
  try {
    // Leaf first, so every relay's upstream is listening before it connects.
    let upstream: Endpoint | null = null;
    for (const { to } of [...calls].reverse()) {
      const relay = spawn(`floor/${to.name}`, 'floor-relay', to.name, () => undefined);
      children.push(relay);
      relay.send({ t: 'config', id: `floor/${to.name}`, listen: at.floor(to.name).bind, upstream, responseBytes: opts.responseBytes });
      await relay.ready();
      upstream = at.floor(to.name).dial;
    }
    const result = new Promise<LatencySummary>((resolve, reject) => {
      const client = spawn('floor/client', 'floor-client', calls[0]!.from.name, (m) => {
        if (m.t !== 'floor-result') return;
        if (m.summary) resolve(m.summary);
        else reject(new Error(`kernel floor: ${m.error ?? 'no result'}`));
      });
      children.push(client);
      client.send({
        t: 'config',
        id: 'floor/client',
        target: upstream!,
        rounds: opts.rounds,
        responseBytes: opts.responseBytes,
        intervalUs: opts.intervalUs ?? 0,
      });
    });
    return await result;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}
