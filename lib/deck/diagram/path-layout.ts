// Lays out a path diagram: stages in request order, left → right on the projector and top →
// bottom on a phone, each link's label in a pill on its arrow, pods and nodes as frames whose
// labels get their own band so nested frames never write over each other.
import { blockHeight, type BoxShape, type FrameShape, type Layout, type LinkShape, MAX_WIDTH, type Variant } from './geometry';
import type { PathSpec } from './spec';
import { widestLine, wrapText } from './text-metrics';

const SIZES = {
  wide: { label: 30, sub: 23, link: 22, group: 22, minBox: 130, minArrow: 56 },
  tall: { label: 30, sub: 25, link: 25, group: 25, minBox: 300, minArrow: 44 },
} as const;
const PAD = 10;
const BOX_PAD_X = 16;
const BOX_PAD_Y = 12;
const FRAME_MARGIN = 14;
const PILL_PAD_X = 10;
const PILL_PAD_Y = 4;

/** A group's nesting level: 1 for a frame with no frame inside it, one more per frame it encloses. */
export function groupLevels(spec: PathSpec): number[] {
  const ids = spec.stages.map((s) => s.id);
  const spans = spec.groups.map((g) => [ids.indexOf(g.from), ids.indexOf(g.to)] as const);
  const levels = spans.map(() => 1);
  // Inner frames first: a frame spanning fewer stages can only be inside a wider one.
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]![1] - spans[a]![0] - (spans[b]![1] - spans[b]![0]));
  for (const i of order) {
    const [a, b] = spans[i]!;
    for (const j of order) {
      if (j === i) continue;
      const [c, e] = spans[j]!;
      if (a <= c && e <= b && !(a === c && e === b)) levels[i] = Math.max(levels[i]!, levels[j]! + 1);
    }
  }
  return levels;
}

export function layoutPath(spec: PathSpec, variant: Variant): Layout {
  const s = SIZES[variant];
  const ids = spec.stages.map((st) => st.id);
  const spans = spec.groups.map((g) => [ids.indexOf(g.from), ids.indexOf(g.to)] as const);
  const levels = groupLevels(spec);
  const maxLevel = Math.max(0, ...levels);
  const band = s.group * 1.3 + 8;
  const levelStartingAt = (i: number) => Math.max(0, ...spans.map(([a], g) => (a === i ? levels[g]! : 0)));
  const levelEndingAt = (i: number) => Math.max(0, ...spans.map(([, b], g) => (b === i ? levels[g]! : 0)));

  // Text first: on a phone labels wrap to the box; on the projector a box grows to its label.
  const tallInner = MAX_WIDTH.tall - 2 * PAD - 2 * FRAME_MARGIN * maxLevel - 2 * BOX_PAD_X;
  const texts = spec.stages.map((st) => {
    const wrapAt = variant === 'tall' ? tallInner : Infinity;
    const label = { lines: wrapText(st.label, s.label, wrapAt, true), size: s.label };
    const sub = st.sub ? { lines: wrapText(st.sub, s.sub, wrapAt), size: s.sub } : undefined;
    return { label, sub, width: Math.max(widestLine(label.lines, s.label, true), sub ? widestLine(sub.lines, s.sub) : 0) + 2 * BOX_PAD_X };
  });
  const boxH = Math.max(...texts.map((t) => blockHeight(t.label) + blockHeight(t.sub) + 2 * BOX_PAD_Y));
  const pills = spec.links.map((l) => {
    if (!l.label) return null;
    const lines = l.label.split('\n');
    return { lines, size: s.link, w: widestLine(lines, s.link) + 2 * PILL_PAD_X, h: blockHeight({ lines, size: s.link }) + 2 * PILL_PAD_Y };
  });
  // A frame around one stage must be wide enough for its own label.
  const widths = texts.map((t, i) => {
    let w = Math.max(s.minBox, t.width);
    spans.forEach(([a, b], g) => {
      if (a === i && b === i) w = Math.max(w, widestLine([spec.groups[g]!.label], s.group) + 20 - 2 * FRAME_MARGIN * levels[g]!);
    });
    return w;
  });

  // Each variant places the boxes and the gaps the arrows cross; frames and links follow from them.
  const boxes: BoxShape[] = [];
  const gaps: { from: number; to: number }[] = [];
  const box = (i: number, x: number, y: number, w: number, h: number): BoxShape => {
    const t = texts[i]!;
    return { type: 'box', kind: spec.stages[i]!.kind, x, y, w, h, label: t.label, ...(t.sub ? { sub: t.sub } : {}) };
  };
  let width: number;
  let height: number;
  const last = spec.stages.length - 1;

  if (variant === 'wide') {
    const top = PAD + band * maxLevel;
    let x = PAD + FRAME_MARGIN * levelStartingAt(0);
    spec.stages.forEach((_, i) => {
      boxes.push(box(i, x, top, widths[i]!, boxH));
      if (i === last) return;
      const from = x + widths[i]! + FRAME_MARGIN * levelEndingAt(i);
      const arrow = Math.max(s.minArrow, (pills[i]?.w ?? 0) + 16);
      gaps.push({ from, to: from + arrow });
      x = from + arrow + FRAME_MARGIN * levelStartingAt(i + 1);
    });
    width = boxes[last]!.x + boxes[last]!.w + FRAME_MARGIN * levelEndingAt(last) + PAD;
    height = top + boxH + FRAME_MARGIN * maxLevel + PAD;
  } else {
    // On a phone every box takes the whole width: more room for text, one straight line of arrows.
    const boxW = Math.max(...widths, tallInner + 2 * BOX_PAD_X);
    const left = PAD + FRAME_MARGIN * maxLevel;
    let y = PAD + band * levelStartingAt(0);
    spec.stages.forEach((_, i) => {
      const h = blockHeight(texts[i]!.label) + blockHeight(texts[i]!.sub) + 2 * BOX_PAD_Y;
      boxes.push(box(i, left, y, boxW, h));
      if (i === last) return;
      const from = y + h + FRAME_MARGIN * levelEndingAt(i);
      const arrow = Math.max(s.minArrow, (pills[i]?.h ?? 0) + 20);
      gaps.push({ from, to: from + arrow });
      y = from + arrow + band * levelStartingAt(i + 1);
    });
    width = boxW + 2 * FRAME_MARGIN * maxLevel + 2 * PAD;
    height = boxes[last]!.y + boxes[last]!.h + FRAME_MARGIN * levelEndingAt(last) + PAD;
  }

  // A frame is its stages' boxes grown by its level: margins on three sides, label bands on top.
  const frames: FrameShape[] = spans.map(([a, b], g) => {
    const lv = levels[g]!;
    const inner = boxes.slice(a, b + 1);
    const x = Math.min(...inner.map((bx) => bx.x)) - FRAME_MARGIN * lv;
    const y = Math.min(...inner.map((bx) => bx.y)) - band * lv;
    const right = Math.max(...inner.map((bx) => bx.x + bx.w)) + FRAME_MARGIN * lv;
    const bottom = Math.max(...inner.map((bx) => bx.y + bx.h)) + FRAME_MARGIN * lv;
    return { type: 'frame', kind: spec.groups[g]!.kind, x, y, w: right - x, h: bottom - y, label: { lines: [spec.groups[g]!.label], size: s.group } };
  });
  // A link leaves one box's far edge for the next box's near edge; its label sits mid-gap.
  const links: LinkShape[] = spec.links.map((l, i) => {
    const [from, to, pill, mid] = [boxes[i]!, boxes[i + 1]!, pills[i], (gaps[i]!.from + gaps[i]!.to) / 2];
    const ends =
      variant === 'wide'
        ? { x1: from.x + from.w, y1: from.y + from.h / 2, x2: to.x, y2: to.y + to.h / 2 }
        : { x1: from.x + from.w / 2, y1: from.y + from.h, x2: to.x + to.w / 2, y2: to.y };
    const centre = variant === 'wide' ? { cx: mid, cy: ends.y1 } : { cx: ends.x1, cy: mid };
    return { type: 'link', style: l.style, ...ends, ...(pill ? { label: { lines: pill.lines, size: pill.size, w: pill.w, h: pill.h, ...centre } } : {}) };
  });

  // Outer frames first so inner ones draw on top; links over frames; boxes last.
  frames.sort((a, b) => b.w * b.h - a.w * a.h);
  return { variant, width: Math.ceil(width), height: Math.ceil(height), shapes: [...frames, ...links, ...boxes] };
}
