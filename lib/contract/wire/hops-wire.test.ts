import { describe, expect, it } from 'vitest';
import type { HopsSample } from '../../mesh/telemetry';
import { packHops, unpackHops } from './hops-wire';

// A sidecar-mode sample as the lab reports it (from the shipped recording).
const proxies = ['client', 'web', 'catalog', 'inventory'];
const sample: HopsSample = {
  mode: 'sidecar',
  at: 1_796_171_434_992,
  hops: proxies.flatMap((p, i) =>
    (i === 0 ? ['outbound'] : i === 3 ? ['inbound'] : ['inbound', 'outbound']).map((listener) => ({
      proxyId: `sidecar/${p}`,
      listener,
      kind: 'sidecar' as const,
      count: 125,
      selfP50Us: 9,
      selfP90Us: 11,
      l7: true,
    })),
  ),
  resources: proxies.map((p) => ({ proxyId: `sidecar/${p}`, kind: 'sidecar' as const, cpuPercent: 8.633729771261185, rssMb: 7.109375 })),
};

describe('the hop sample on the wire', () => {
  it('comes back whole, CPU and memory to the tenth the views show', () => {
    const back = unpackHops(JSON.parse(JSON.stringify(packHops(sample))));
    expect(back.hops).toEqual(sample.hops);
    expect(back.resources.map((r) => [r.proxyId, r.kind, r.cpuPercent, r.rssMb])).toEqual(proxies.map((p) => [`sidecar/${p}`, 'sidecar', 8.6, 7.1]));
    expect(back).toMatchObject({ mode: 'sidecar', at: sample.at });
  });

  it('carries the window the timings cover when the sample says it, and none when it does not (older recordings)', () => {
    const round = (x: HopsSample) => unpackHops(JSON.parse(JSON.stringify(packHops(x))));
    expect(round({ ...sample, windowMs: 250 }).windowMs).toBe(250);
    expect('windowMs' in round(sample)).toBe(false);
  });

  it('is well under a third of the object form, each proxy id and kind once', () => {
    const packed = JSON.stringify(packHops(sample));
    expect(packed.length).toBeLessThan(JSON.stringify(sample).length / 3);
    expect(packed.split('"sidecar/web"')).toHaveLength(2);
  });
});
