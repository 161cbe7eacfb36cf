import { describe, expect, it } from 'vitest';
import { syntheticTopology } from './synthetic-topology';
import { layoutTopology } from './topology-layout';

describe('syntheticTopology', () => {
  it('100 pods on 10 nodes, 300 calls of three segments each, all laid out', () => {
    const t = syntheticTopology(100, 300);
    expect(t.nodes).toHaveLength(10);
    expect(t.pods).toHaveLength(100);
    expect(t.paths).toHaveLength(300);
    const l = layoutTopology(t, 1800, 900);
    expect(l.pods).toHaveLength(100);
    expect(l.paths.every((p) => p.segments.length === 3)).toBe(true);
    expect(syntheticTopology(100, 300)).toEqual(t); // seeded: the same every run
  });
});
