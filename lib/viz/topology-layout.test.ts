import { describe, expect, it } from 'vitest';
import { MODE_IDS } from '../mesh/modes';
import { labTopology } from '../testing/lab-topology.fixture';
import { clearOf, particlesAt, PARTICLE_REACH, track } from './particles';
import { APP_R, edgeLabelSlots, labelBoxes, layoutTopology, lockBoxes, type Box } from './topology-layout';

const inside = (p: [number, number], b: { x: number; y: number; w: number; h: number }) => p[0] >= b.x && p[0] <= b.x + b.w && p[1] >= b.y && p[1] <= b.y + b.h;

describe('layoutTopology', () => {
  it('pods keep their boxes in every mode (only proxies and paths change)', () => {
    const boxes = MODE_IDS.map((m) => JSON.stringify(layoutTopology(labTopology(m), 1000, 560).pods.filter((p) => p.name !== 'waypoint')));
    // ambient + waypoint adds the waypoint's slot in its node; every pod box stays the same.
    expect(new Set(boxes).size).toBe(1);
  });

  it('every pod sits inside its node, in call order, and every path hop is placed', () => {
    for (const mode of MODE_IDS) {
      const t = labTopology(mode);
      const l = layoutTopology(t, 1000, 560);
      for (const p of l.pods)
        expect(
          inside(
            [p.x, p.y],
            l.nodes.find((n) => n.name === p.node)!,
          ),
        ).toBe(true);
      const nodeA = l.pods.filter((p) => p.node === 'node-a');
      expect(nodeA.map((p) => p.name)).toEqual(['client', 'web', 'catalog']);
      expect(nodeA.map((p) => p.y)).toEqual([...nodeA.map((p) => p.y)].sort((a, b) => a - b));
      // Every hop of every path is on the drawn line: nothing on the path is left undrawn.
      for (const [i, path] of l.paths.entries()) {
        expect(path.segments).toHaveLength(t.paths[i]!.hops.length - 1);
        for (const seg of path.segments) {
          expect(seg.curve[0]).toEqual(seg.from);
          expect(seg.curve.at(-1)![0]).toBeCloseTo(seg.to[0], 6);
          expect(path.points).toContainEqual(seg.from);
        }
      }
    }
  });

  it('sidecars sit in their pod, ztunnels and node proxies at their node, the waypoint in a slot of its own', () => {
    const side = layoutTopology(labTopology('sidecar'), 1000, 560);
    const web = side.pods.find((p) => p.name === 'web')!;
    expect(side.proxies.find((p) => p.id === 'sidecar/web')!.at).toEqual(web.sidecarSlot);
    expect(inside(web.sidecarSlot, web)).toBe(true);
    const wp = layoutTopology(labTopology('ambient-waypoint'), 1000, 560);
    const waypoint = wp.proxies.find((p) => p.kind === 'waypoint')!;
    expect(waypoint.box).toBeDefined();
    expect(wp.pods.some((p) => p.y === waypoint.box!.y && p.node === waypoint.node)).toBe(false);
    const zt = wp.proxies.filter((p) => p.kind === 'ztunnel');
    expect(zt.map((z) => z.node).sort()).toEqual(['node-a', 'node-b']);
    for (const z of zt)
      expect(
        inside(
          z.at,
          wp.nodes.find((n) => n.name === z.node)!,
        ),
      ).toBe(true);
  });

  it('segments carry the protocol of the link: HBONE between ztunnels, mTLS between sidecars', () => {
    const amb = layoutTopology(labTopology('ambient'), 1000, 560);
    const cross = amb.paths.find((p) => p.to === 'inventory')!;
    expect(cross.segments.map((s) => s.protocol)).toEqual(['tcp', 'hbone', 'tcp']);
    const side = layoutTopology(labTopology('sidecar'), 1000, 560);
    expect(side.paths[0]!.segments.map((s) => [s.protocol, s.l7])).toEqual([
      ['http', false],
      ['mtls', true],
      ['http', true],
    ]);
  });

  it('arcs bend to the right of travel and stay nearly straight on short hops', async () => {
    const { arc } = await import('./topology-layout');
    const down = arc([0, 0], [0, 100], 20);
    expect(down[5]![0]).toBeLessThan(0); // travelling down, "right" is −x in screen coordinates
    expect(Math.abs(down[5]![0])).toBeCloseTo(10, 6); // a quadratic reaches half its control offset
    const short = arc([0, 0], [0, 9], 20);
    expect(Math.abs(short[5]![0])).toBeLessThanOrEqual(1.5);
  });

  it('tall (phone): nodes stack vertically, full width, each as tall as its own pods need', () => {
    const l = layoutTopology(labTopology('sidecar'), 360, 0, 'tall');
    expect(l.nodes.map((n) => [n.x, n.w])).toEqual([
      [0, 360],
      [0, 360],
    ]);
    expect(l.nodes[0]!.y + l.nodes[0]!.h).toBeLessThan(l.nodes[1]!.y);
    expect(l.nodes[0]!.h - l.nodes[1]!.h).toBe(2 * 58); // three pods against one
    expect(l.height).toBe(l.nodes[1]!.y + l.nodes[1]!.h);
    // Same pod boxes with or without the waypoint: its slot is always there.
    const wp = layoutTopology(labTopology('ambient-waypoint'), 360, 0, 'tall');
    expect(wp.pods).toEqual(l.pods);
  });
});

describe('layoutTopology with a projector’s text', () => {
  const SLIDE = { node: 20, label: 19, glyph: 19, labelBeside: true };

  it('writes each pod’s name left of its app, clear of it, and keeps pods and apps still across modes', () => {
    const layouts = MODE_IDS.map((m) => layoutTopology(labTopology(m), 730, 330, 'wide', SLIDE));
    expect(new Set(layouts.map((l) => JSON.stringify(l.pods))).size).toBe(1);
    for (const p of layouts[0]!.pods) {
      const labelEnd = p.labelAt[0] + p.name.length * SLIDE.label * 0.6;
      expect(labelEnd, p.name).toBeLessThan(p.app[0] - 9);
      // Centred on the row: the text's middle within a few pixels of the app's.
      expect(Math.abs(p.labelAt[1] - SLIDE.label * 0.35 - p.app[1])).toBeLessThan(3);
    }
  });

  it('makes room for the bigger text: a taller header and node row, a pill as wide as its name and inside its node', () => {
    const l = layoutTopology(labTopology('ebpf-l7'), 730, 330, 'wide', SLIDE);
    const page = layoutTopology(labTopology('ebpf-l7'), 730, 330);
    expect(l.pods[0]!.y).toBeGreaterThan(page.pods[0]!.y);
    expect(l.kernel[0]!.h).toBeGreaterThanOrEqual(SLIDE.glyph + 10);
    for (const proxy of l.proxies.filter((p) => p.kind === 'node-l7')) {
      const node = l.nodes.find((n) => n.name === proxy.node)!;
      expect(proxy.pill!.w).toBeGreaterThanOrEqual('node proxy · L7'.length * SLIDE.glyph * 0.6);
      expect(proxy.at[0] - proxy.pill!.w / 2).toBeGreaterThanOrEqual(node.x);
      expect(proxy.at[0] + proxy.pill!.w / 2).toBeLessThanOrEqual(node.x + node.w);
    }
  });
  it('ambient: every call has a visible HBONE link, the same-node ones a loop over node-a’s ztunnel', () => {
    const l = layoutTopology(labTopology('ambient'), 1000, 560);
    for (const path of l.paths) {
      const hbone = path.segments.filter((s) => s.protocol === 'hbone');
      expect(hbone.length, `${path.from}→${path.to}`).toBe(1);
      const xs = hbone[0]!.curve.map((p) => p[0]);
      const ys = hbone[0]!.curve.map((p) => p[1]);
      expect(Math.max(...xs) - Math.min(...xs) + Math.max(...ys) - Math.min(...ys), `${path.from}→${path.to}`).toBeGreaterThan(10);
    }
    const web = l.paths.find((p) => p.from === 'web')!.segments.find((s) => s.protocol === 'hbone')!;
    expect(web.from).toEqual(web.to);
    expect(web.curve[0]).toEqual(web.from);
  });
});

describe('labels and particles', () => {
  const SLIDE = { node: 20, label: 19, glyph: 19, labelBeside: true };
  /** The particles at 40 moments of a crossing, at a rate that fills every path. */
  const particles = (l: ReturnType<typeof layoutTopology>) => {
    const tracks = l.paths.map((p) => track(p.points));
    return [...Array(40).keys()].flatMap((i) => particlesAt(tracks, i * 40, { rps: 500, errorRate: 0.2, crossMs: 1600 }));
  };
  const covers = (p: { x: number; y: number }, b: Box) =>
    p.x > b.x - PARTICLE_REACH && p.x < b.x + b.w + PARTICLE_REACH && p.y > b.y - PARTICLE_REACH && p.y < b.y + b.h + PARTICLE_REACH;

  it('a phone in ambient: the paths run through the ztunnel pill, and every letter of "ztunnel · L4" lies in a box particles keep out of', () => {
    const l = layoutTopology(labTopology('ambient'), 366, 0, 'tall');
    const boxes = labelBoxes(l, 'kernel');
    for (const z of l.proxies.filter((p) => p.kind === 'ztunnel')) {
      const w = 'ztunnel · L4'.length * l.text.glyph * 0.6;
      const text: Box = { x: z.at[0] - w / 2, y: z.at[1] - l.text.glyph * 0.6, w, h: l.text.glyph * 1.05 };
      expect(
        boxes.some((b) => b.x <= text.x && b.x + b.w >= text.x + text.w && b.y <= text.y && b.y + b.h >= text.y + text.h),
        z.id,
      ).toBe(true);
      // Without the rule, particles are drawn right over the label (the reviewer's phone).
      expect(particles(l).some((p) => covers(p, text))).toBe(true);
    }
  });

  it('in every mode, wide and tall, page and projector text: no particle drawn over a label, most still drawn', () => {
    for (const mode of MODE_IDS) {
      const t = labTopology(mode);
      const kernel = 'kernel · eBPF: sockops · tc';
      for (const l of [layoutTopology(t, 366, 0, 'tall'), layoutTopology(t, 1000, 560), layoutTopology(t, 730, 330, 'wide', SLIDE)]) {
        const boxes = labelBoxes(l, kernel);
        const all = particles(l);
        const drawn = clearOf(all, boxes);
        expect(
          drawn.filter((p) => boxes.some((b) => covers(p, b))),
          `${mode} ${l.width}`,
        ).toEqual([]);
        expect(drawn.length, `${mode} ${l.width}: particles left to see`).toBeGreaterThan(all.length / 2);
      }
    }
  });
});

describe('edge labels (one figure per call)', () => {
  const SLIDE = { node: 20, label: 19, glyph: 19, labelBeside: true };
  const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const kernel = 'kernel · eBPF: connect4 · sockops · sk_msg';
  /** The sizes the views draw at: a page, the projector's topology slide and panel, phones. */
  const layouts = (mode: (typeof MODE_IDS)[number]) => {
    const t = labTopology(mode);
    return [
      layoutTopology(t, 1000, 560),
      layoutTopology(t, 1180, 400, 'wide', SLIDE),
      layoutTopology(t, 730, 330, 'wide', SLIDE),
      layoutTopology(t, 640, 352),
      layoutTopology(t, 358, 0, 'tall'),
      layoutTopology(t, 600, 0, 'tall'),
    ];
  };

  it('in every mode, wide and tall, page and projector text: one label per call, clear of every other label, padlock, app and each other, inside the drawing', () => {
    for (const mode of MODE_IDS) {
      for (const l of layouts(mode)) {
        const where = `${mode} ${l.width}×${l.height} ${l.text.label}px`;
        const slots = edgeLabelSlots(l, kernel);
        expect(
          slots.map((s) => `${s.from}→${s.to}`),
          where,
        ).toEqual(l.paths.map((p) => `${p.from}→${p.to}`));
        const others = [
          ...labelBoxes(l, kernel),
          ...lockBoxes(l),
          ...l.pods.map((p) => ({ x: p.app[0] - APP_R, y: p.app[1] - APP_R, w: 2 * APP_R, h: 2 * APP_R })),
          ...l.kernel,
        ];
        for (const [i, s] of slots.entries()) {
          expect(
            others.filter((b) => overlaps(s.box, b)),
            `${where} ${s.call}`,
          ).toEqual([]);
          expect(
            slots.filter((o, j) => j !== i && overlaps(s.box, o.box)).map((o) => o.call),
            `${where} ${s.call}`,
          ).toEqual([]);
          expect(s.box.x >= 0 && s.box.y >= 0 && s.box.x + s.box.w <= l.width && s.box.y + s.box.h <= l.height, `${where} ${s.call} inside`).toBe(true);
          // Beside its own link: the anchor is a point of the call's drawn line, near the box.
          const path = l.paths.find((p) => p.from === s.from && p.to === s.to)!;
          expect(
            path.segments.some((g) => g.curve.some((q) => q[0] === s.anchor[0] && q[1] === s.anchor[1])),
            `${where} ${s.call} anchor`,
          ).toBe(true);
          const far = Math.max(s.box.x - s.anchor[0], s.anchor[0] - (s.box.x + s.box.w), s.box.y - s.anchor[1], s.anchor[1] - (s.box.y + s.box.h));
          // Pushed out along the line's normal by at most 48 px past its edge (further on a slant: the leader shows the way).
          expect(far, `${where} ${s.call} near its link`).toBeLessThanOrEqual(48 + 1.75 * s.box.h + s.box.w / 4);
        }
      }
    }
  });

  it('the label is as wide as its call and the longest figure, so it never moves as the figure changes', () => {
    const l = layoutTopology(labTopology('sidecar'), 1180, 400, 'wide', SLIDE);
    const slots = edgeLabelSlots(l, kernel);
    for (const s of slots) expect(s.box.w).toBeGreaterThanOrEqual((s.call.length + 1 + 9) * 19 * 0.6);
    expect(edgeLabelSlots(l, kernel)).toEqual(slots);
  });
});
