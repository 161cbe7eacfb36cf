// Where everything in the topology is drawn (pure; D3 scales, no DOM). Pods keep their place
// whatever the mode — the layout depends only on nodes and pods — so a mode switch changes only
// which proxies appear and how the paths run. Wide: nodes side by side; tall (phones): stacked.
import { scaleBand } from 'd3-scale';
import { monoWidth } from './chart-text';
import { fitText } from './fit-text';
import type { ProxyKind } from '../mesh/telemetry';
import type { LinkProtocol, TopologySnapshot } from '../mesh/topology';
import { WORKLOAD_APPS } from '../mesh/workload';

export type Orientation = 'wide' | 'tall';
export type Point = [number, number];

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LaidOutPod extends Box {
  name: string;
  node: string;
  service: string | null;
  /** Where its name is written (the text's start and baseline). */
  labelAt: Point;
  /** Where the app itself sits (left part of the pod). */
  app: Point;
  /** Where its sidecar sits if it has one (right part of the pod). */
  sidecarSlot: Point;
}

export interface LaidOutProxy {
  id: string;
  kind: ProxyKind;
  node: string;
  at: Point;
  /** A waypoint is a pod of its own: its box, and where its name is written. */
  box?: Box & { labelAt: Point };
  /** A node proxy's pill (ztunnel, node L7 proxy): its size around `at`. */
  pill?: { w: number; h: number };
}

export interface LaidOutSegment {
  from: Point;
  to: Point;
  /** The drawn line: a gentle arc sampled as points, bent more for each further path so
   *  parallel calls stay apart (particles ride the same points). */
  curve: Point[];
  protocol: LinkProtocol;
  /** Whether the segment starts at a proxy that processes L7 (HTTP) for this call. */
  l7: boolean;
}

export interface LaidOutPath {
  from: string;
  to: string;
  points: Point[];
  segments: LaidOutSegment[];
}

export interface TopologyLayout {
  width: number;
  height: number;
  text: LayoutText;
  nodes: (Box & { name: string })[];
  pods: LaidOutPod[];
  proxies: LaidOutProxy[];
  /** Per node, the kernel strip where eBPF programs act (drawn when programs are loaded). */
  kernel: (Box & { node: string })[];
  paths: LaidOutPath[];
}

/** Call order first (the workload's apps: client, web, catalog, inventory), then by name: stable across modes. */
const ORDER: readonly string[] = WORKLOAD_APPS;
const rank = (name: string) => {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
};

/**
 * Text sizes the layout makes room for (lib/viz/chart-text.ts): node names, pod names, the text in
 * a proxy's glyph and the kernel strip. `labelBeside`: a pod's name is written left of its app,
 * centred on the row (big text on a projector), rather than above it (a page).
 */
export interface LayoutText {
  node: number;
  label: number;
  glyph: number;
  labelBeside: boolean;
}

export const PAGE_LAYOUT_TEXT: LayoutText = { node: 14, label: 13, glyph: 12, labelBeside: false };

const PAD = 10;
const TALL_ROW = 58;
const NODE_GAP = 14;
/** The longest name written in a node proxy's pill ("node proxy · L7"). */
const PILL_CHARS = 15;
/** The app's dot (radius) and a sidecar hexagon's. */
export const APP_R = 9;
export const hexRadius = (text: LayoutText) => Math.max(17, Math.round(text.glyph * 1.1));

/** Room the text needs: the node's header, the node-proxy row with its pill, the kernel strip. */
function rows(text: LayoutText) {
  const pill = { w: Math.max(124, Math.ceil(monoWidth(PILL_CHARS, text.glyph)) + 16), h: Math.max(30, text.glyph + 14) };
  const strip = Math.max(24, text.glyph + 12);
  return { header: Math.max(34, text.node + 20), pill, strip, nodeLayer: pill.h + strip + 22 };
}

/** `height` is the wide layout's; a tall layout computes its own (see `TopologyLayout.height`). */
export function layoutTopology(
  topology: Pick<TopologySnapshot, 'nodes' | 'pods' | 'proxies' | 'paths'>,
  width: number,
  height: number,
  orientation: Orientation = 'wide',
  text: LayoutText = PAGE_LAYOUT_TEXT,
): TopologyLayout {
  const { header: HEADER, pill, strip, nodeLayer: NODE_LAYER } = rows(text);
  const nodeNames = [...topology.nodes].sort();
  const podsOn = (n: string) => topology.pods.filter((p) => p.node === n).length;
  let nodes: (Box & { name: string })[];
  if (orientation === 'wide') {
    const band = scaleBand<string>().domain(nodeNames).range([0, width]).paddingInner(0.06);
    nodes = nodeNames.map((name) => ({ name, x: band(name)!, y: 0, w: band.bandwidth(), h: height }));
  } else {
    // A phone scrolls: each node is as tall as its own pods need (plus the waypoint slot), so a
    // node with one pod does not take as much room as one with three. `height` is ignored.
    let y = 0;
    nodes = nodeNames.map((name) => {
      const h = HEADER + (podsOn(name) + 1) * TALL_ROW + NODE_LAYER + PAD;
      const box = { name, x: 0, y, w: width, h };
      y += h + NODE_GAP;
      return box;
    });
    height = Math.max(0, y - NODE_GAP);
  }
  const waypoint = topology.proxies.find((p) => p.kind === 'waypoint');

  // Slots per node: its pods in call order, plus one for a waypoint scheduled there.
  const slotsOf = (node: string) => {
    const names = topology.pods
      .filter((p) => p.node === node)
      .map((p) => p.name)
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    return waypoint?.node === node ? [...names, waypoint.id] : names;
  };
  // One slot more than the fullest node has pods, always: a waypoint appearing in ambient +
  // waypoint takes it, and no pod moves.
  const maxSlots = 1 + Math.max(1, ...nodeNames.map(podsOn));
  // The waypoint's name counts whether or not one runs: apps never move when it appears.
  const longestName = Math.max('waypoint'.length, ...topology.pods.map((p) => p.name.length));

  const pods: LaidOutPod[] = [];
  const proxies: LaidOutProxy[] = [];
  const kernel: TopologyLayout['kernel'] = [];
  for (const n of nodes) {
    const slots = slotsOf(n.name);
    const inner = { x: n.x + PAD, y: n.y + HEADER, w: n.w - 2 * PAD, h: n.h - HEADER - NODE_LAYER - PAD };
    const slotCount = orientation === 'wide' ? maxSlots : podsOn(n.name) + 1;
    const band = scaleBand<number>()
      .domain([...Array(slotCount).keys()])
      .range([inner.y, inner.y + inner.h])
      .paddingInner(0.18);
    const podW = Math.min(inner.w, 320);
    const x = inner.x + (inner.w - podW) / 2;
    // Beside: every app dot in one column right of the longest name, so the pods line up.
    const appX = text.labelBeside ? Math.max(podW * 0.3, 10 + monoWidth(longestName, text.label) + 16 + APP_R) : podW * 0.3;
    slots.forEach((name, i) => {
      const box = { x, y: band(i)!, w: podW, h: band.bandwidth() };
      const mid = box.y + box.h / 2;
      const labelAt: Point = text.labelBeside ? [box.x + 10, mid + text.label * 0.35] : [box.x + 10, box.y + 16];
      if (waypoint && name === waypoint.id) {
        proxies.push({ id: waypoint.id, kind: 'waypoint', node: n.name, at: [box.x + box.w / 2, mid], box: { ...box, labelAt } });
        return;
      }
      const pod = topology.pods.find((p) => p.name === name)!;
      pods.push({ ...box, name, node: n.name, service: pod.service, labelAt, app: [box.x + appX, mid], sidecarSlot: [box.x + box.w * 0.78, mid] });
    });
    const layerY = n.y + n.h - NODE_LAYER;
    kernel.push({ node: n.name, x: n.x + PAD, y: layerY + pill.h + 14, w: n.w - 2 * PAD, h: strip });
    // A pill stays inside its node however wide its text.
    const pillX = (share: number) => Math.min(n.x + n.w - PAD - pill.w / 2, Math.max(n.x + PAD + pill.w / 2, n.x + n.w * share));
    for (const p of topology.proxies) {
      if (p.node !== n.name) continue;
      if (p.kind === 'ztunnel') proxies.push({ id: p.id, kind: p.kind, node: n.name, at: [pillX(0.33), layerY + pill.h / 2 + 3], pill });
      if (p.kind === 'node-l7') proxies.push({ id: p.id, kind: p.kind, node: n.name, at: [pillX(0.67), layerY + pill.h / 2 + 3], pill });
    }
  }
  for (const p of topology.proxies) {
    if (p.kind !== 'sidecar') continue;
    const pod = pods.find((q) => q.name === p.pod);
    if (pod) proxies.push({ id: p.id, kind: 'sidecar', node: p.node, at: pod.sidecarSlot });
  }

  const where = (hop: { id: string; kind: string; node: string }): Point | null => {
    if (hop.kind === 'app' || hop.kind === 'client') return pods.find((p) => p.name === hop.id)?.app ?? null;
    if (hop.kind === 'kernel') {
      const k = kernel.find((b) => b.node === hop.node);
      return k ? [k.x + k.w / 2, k.y + k.h / 2] : null;
    }
    return proxies.find((p) => p.id === hop.id)?.at ?? null;
  };

  const paths: LaidOutPath[] = topology.paths.map((path, index) => {
    const located = path.hops.map((h) => ({ hop: h, at: where(h) })).filter((x): x is { hop: (typeof path.hops)[number]; at: Point } => x.at !== null);
    const segments: LaidOutSegment[] = [];
    for (let i = 0; i + 1 < located.length; i++) {
      const a = located[i]!;
      const to = located[i + 1]!.at;
      segments.push({ from: a.at, to, curve: arc(a.at, to, 10 + 9 * index), protocol: a.hop.next ?? 'tcp', l7: a.hop.l7 });
    }
    const points = segments.length ? [segments[0]!.from, ...segments.flatMap((s) => s.curve.slice(1))] : located.map((l) => l.at);
    return { from: path.from, to: path.to, points, segments };
  });

  return { width, height, text, nodes, pods, proxies, kernel, paths };
}

/** A quadratic arc from `a` to `b` bulging `bend` px to the right of the direction of travel,
 *  sampled at `n` + 1 points (short hops stay nearly straight). */
export function arc(a: Point, b: Point, bend: number, n = 10): Point[] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  // A hop to the same proxy (ambient on one node: ztunnel tunnels to itself) is a small loop
  // above it, leaving and returning at `a`, so the link and its particles stay visible.
  if (len === 0) return loop(a, Math.max(16, bend), n * 3);
  const k = Math.min(bend, len / 3);
  const c: Point = [(a[0] + b[0]) / 2 - (dy / len) * k, (a[1] + b[1]) / 2 + (dx / len) * k];
  const out: Point[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push([u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]]);
  }
  return out;
}

/**
 * Every box the topology writes text in: node and pod names, the waypoint's name, each proxy's
 * glyph (a sidecar's or waypoint's hexagon, a node proxy's pill with "ztunnel · L4") and the
 * kernel strip's label (`kernelLabel`, as the view writes it, cut to its strip). The particles
 * are drawn over the SVG, and the paths run through the proxies: none is drawn in these boxes
 * (lib/viz/particles.ts, `clearOf`), so a particle enters a proxy and comes out of it without
 * ever covering its name.
 */
export function labelBoxes(layout: TopologyLayout, kernelLabel: string): Box[] {
  const t = layout.text;
  // A line of mono text from its start and baseline: ascenders above, descenders below.
  const line = ([x, y]: Point, chars: number, px: number): Box => ({ x, y: y - px * 0.8, w: monoWidth(chars, px), h: px * 1.05 });
  const boxes: Box[] = [];
  for (const n of layout.nodes) boxes.push(line([n.x + 12, n.y + t.node + 8], n.name.length, t.node));
  for (const p of layout.pods) boxes.push(line(p.labelAt, p.name.length, t.label));
  const r = hexRadius(t);
  for (const p of layout.proxies) {
    const [x, y] = p.at;
    if (p.pill) boxes.push({ x: x - p.pill.w / 2, y: y - p.pill.h / 2, w: p.pill.w, h: p.pill.h });
    else boxes.push({ x: x - r, y: y - r, w: 2 * r, h: 2 * r });
    if (p.box) boxes.push(line(p.box.labelAt, 'waypoint'.length, t.label));
  }
  for (const k of layout.kernel) {
    const chars = [...fitText(kernelLabel, k.w - 16, t.glyph)].length;
    boxes.push({ x: k.x + 8, y: k.y, w: monoWidth(chars, t.glyph), h: k.h });
  }
  return boxes;
}

/** Node → box lookup for callers that draw labels. */
export const boxOf = (layout: TopologyLayout, node: string) => layout.nodes.find((n) => n.name === node);

/** A circle of radius `r` standing on `a` (it starts and ends there), sampled at `n` + 1 points. */
function loop(a: Point, r: number, n: number): Point[] {
  const c: Point = [a[0], a[1] - r];
  const out: Point[] = [];
  for (let i = 0; i <= n; i++) {
    const t = Math.PI / 2 + (2 * Math.PI * i) / n;
    out.push([c[0] + r * Math.cos(t), c[1] + r * Math.sin(t)]);
  }
  return out;
}

/** The longest figure an edge label writes after its call's name: "≥0.003 ms", "not timed". */
export const EDGE_FIGURE_CHARS = 9;

/** Where one call's figure is written (lib/viz/edge-figures.ts says what): its box, the text's
 *  centre and baseline, and the point of its link it belongs to (a leader is drawn to it). */
export interface EdgeLabelSlot {
  from: string;
  to: string;
  /** What the label starts with: the call's callee ("→web"), so a figure names its link. */
  call: string;
  box: Box;
  at: Point;
  /** The point on the call's drawn line the label stands beside. */
  anchor: Point;
  /** Font size of the label (the layout's label size). */
  px: number;
}

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
const within = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

/** The padlock drawn at an encrypted segment's middle (TopologyView's Lock: 12 × 16 px around it). */
export function lockBoxes(layout: TopologyLayout): Box[] {
  return layout.paths.flatMap((p) =>
    p.segments
      .filter((s) => s.protocol === 'mtls' || s.protocol === 'hbone')
      .map((s) => {
        const [x, y] = s.curve[Math.floor(s.curve.length / 2)]!;
        return { x: x - 8, y: y - 10, w: 16, h: 20 };
      }),
  );
}

/** What an edge label must not cover: every text box (`labelBoxes`), the padlocks, the app dots
 *  and the kernel strips. */
export function edgeLabelObstacles(layout: TopologyLayout, kernelLabel: string): Box[] {
  return [
    ...labelBoxes(layout, kernelLabel),
    ...lockBoxes(layout),
    ...layout.pods.map((p) => ({ x: p.app[0] - APP_R - 2, y: p.app[1] - APP_R - 2, w: 2 * APP_R + 4, h: 2 * APP_R + 4 })),
    ...layout.kernel,
  ];
}

/**
 * One label per drawn call, for its figure: beside one of the call's segments (the longest first,
 * its middle first, then further along either way, on either side, further out), in a box as wide
 * as the longest figure so the label never moves as the figure changes. It covers none of
 * `edgeLabelObstacles` nor a label placed before it, stays inside the drawing, and rather not
 * straddles a node's, pod's or waypoint's border (it sits inside one or outside all); when nothing
 * is clear (never in the lab's topologies: topology-layout.test.ts) it takes the place covering least.
 */
export function edgeLabelSlots(layout: TopologyLayout, kernelLabel: string): EdgeLabelSlot[] {
  const px = layout.text.label;
  const h = Math.round(px * 1.35);
  const taken = edgeLabelObstacles(layout, kernelLabel);
  const frames: Box[] = [...layout.nodes, ...layout.pods, ...layout.proxies.flatMap((p) => (p.box ? [p.box] : []))];
  const slots: EdgeLabelSlot[] = [];
  for (const path of layout.paths) {
    if (path.segments.length === 0) continue;
    const call = `→${path.to}`;
    const w = Math.ceil(monoWidth(call.length + 1 + EDGE_FIGURE_CHARS, px)) + 10;
    const length = (c: Point[]) => c.slice(1).reduce((n, p, i) => n + Math.hypot(p[0] - c[i]![0], p[1] - c[i]![1]), 0);
    const bySize = [...path.segments].sort((a, b) => length(b.curve) - length(a.curve));
    let best: { box: Box; anchor: Point; cost: number } | null = null;
    let order = 0;
    for (const seg of bySize) {
      const c = seg.curve;
      for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
        const i = Math.min(c.length - 2, Math.floor(t * (c.length - 1)));
        const [x, y] = c[i]!;
        const [x2, y2] = c[i + 1]!;
        const len = Math.hypot(x2 - x, y2 - y) || 1;
        // The normal to the line there; the box is pushed out along it until its edge clears the line.
        const n: Point = [-(y2 - y) / len, (x2 - x) / len];
        const u: Point = [(x2 - x) / len, (y2 - y) / len];
        // A point of the line right by an app or a name reads as that one's: rather not there.
        const anchorCost = taken.some((b) => x > b.x - 6 && x < b.x + b.w + 6 && y > b.y - 6 && y < b.y + b.h + 6) ? 300 : 0;
        for (const gap of [6, 16, 30, 48]) {
          for (const side of [1, -1]) {
            // Along the line too: between two stacked pods the room is above or below the middle.
            for (const along of [0, -0.75 * h, 0.75 * h]) {
              const d = Math.abs(n[0]) * (w / 2) + Math.abs(n[1]) * (h / 2) + gap;
              const cx = x + side * n[0] * d + u[0] * along;
              const cy = y + side * n[1] * d + u[1] * along;
              const box = { x: Math.round(cx - w / 2), y: Math.round(cy - h / 2), w, h };
              const outside = box.x < 0 || box.y < 0 || box.x + box.w > layout.width || box.y + box.h > layout.height;
              const straddles = frames.filter((f) => overlap(box, f) > 0 && !within(box, f)).length;
              // A little air around the box, so two labels or a label and a name never touch.
              const air = { x: box.x - 3, y: box.y - 3, w: box.w + 6, h: box.h + 6 };
              // Covering anything weighs most, then straddling a border, then the anchor, then the order tried.
              const cost = (outside ? 1e9 : 0) + 1e3 * taken.reduce((sum, b) => sum + overlap(air, b), 0) + 500 * straddles + anchorCost + 0.1 * order++;
              if (!best || cost < best.cost) best = { box, anchor: [x, y], cost };
            }
          }
        }
      }
    }
    const { box, anchor } = best!;
    taken.push(box);
    slots.push({ from: path.from, to: path.to, call, box, at: [box.x + box.w / 2, box.y + h / 2 + px * 0.35], anchor, px });
  }
  return slots;
}
