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

  const shapes: (FrameShape | BoxShape | LinkShape)[] = [];
  const boxes: BoxShape[] = [];
  let width: number;
  let height: number;

  if (variant === 'wide') {
    const top = PAD + band * maxLevel;
    let x = PAD + FRAME_MARGIN * levelStartingAt(0);
    const gaps: { from: number; to: number }[] = [];
    spec.stages.forEach((st, i) => {
      boxes.push({ type: 'box', kind: st.kind, x, y: top, w: widths[i]!, h: boxH, label: texts[i]!.label, ...(texts[i]!.sub ? { sub: texts[i]!.sub } : {}) });
      if (i < spec.stages.length - 1) {
        const closing = FRAME_MARGIN * levelEndingAt(i);
        const opening = FRAME_MARGIN * levelStartingAt(i + 1);
        const arrow = Math.max(s.minArrow, (pills[i]?.w ?? 0) + 16);
        gaps.push({ from: x + widths[i]! + closing, to: x + widths[i]! + closing + arrow });
        x += widths[i]! + closing + arrow + opening;
      }
    });
    width = boxes.at(-1)!.x + boxes.at(-1)!.w + FRAME_MARGIN * levelEndingAt(spec.stages.length - 1) + PAD;
    height = top + boxH + FRAME_MARGIN * maxLevel + PAD;
    spans.forEach(([a, b], g) => {
      const lv = levels[g]!;
      const left = boxes[a]!.x - FRAME_MARGIN * lv;
      const right = boxes[b]!.x + boxes[b]!.w + FRAME_MARGIN * lv;
      const y = top - band * lv;
      shapes.push({ type: 'frame', kind: spec.groups[g]!.kind, x: left, y, w: right - left, h: top + boxH + FRAME_MARGIN * lv - y, label: { lines: [spec.groups[g]!.label], size: s.group } });
    });
    spec.links.forEach((l, i) => {
      const cy = top + boxH / 2;
      const gap = gaps[i]!;
      const pill = pills[i];
      shapes.push({
        type: 'link',
        style: l.style,
        x1: boxes[i]!.x + boxes[i]!.w,
        y1: cy,
        x2: boxes[i + 1]!.x,
        y2: cy,
        ...(pill ? { label: { lines: pill.lines, size: pill.size, w: pill.w, h: pill.h, cx: (gap.from + gap.to) / 2, cy } } : {}),
      });
    });
  } else {
    // On a phone every box takes the whole width: more room for text, one straight line of arrows.
    const boxW = Math.max(...widths, tallInner + 2 * BOX_PAD_X);
    width = boxW + 2 * FRAME_MARGIN * maxLevel + 2 * PAD;
    const left = PAD + FRAME_MARGIN * maxLevel;
    let y = PAD + band * levelStartingAt(0);
    const gaps: { from: number; to: number }[] = [];
    spec.stages.forEach((st, i) => {
      const h = blockHeight(texts[i]!.label) + blockHeight(texts[i]!.sub) + 2 * BOX_PAD_Y;
      boxes.push({ type: 'box', kind: st.kind, x: left, y, w: boxW, h, label: texts[i]!.label, ...(texts[i]!.sub ? { sub: texts[i]!.sub } : {}) });
      if (i < spec.stages.length - 1) {
        const closing = FRAME_MARGIN * levelEndingAt(i);
        const opening = band * levelStartingAt(i + 1);
        const arrow = Math.max(s.minArrow, (pills[i]?.h ?? 0) + 20);
        gaps.push({ from: y + h + closing, to: y + h + closing + arrow });
        y += h + closing + arrow + opening;
      }
    });
    const last = boxes.at(-1)!;
    height = last.y + last.h + FRAME_MARGIN * levelEndingAt(spec.stages.length - 1) + PAD;
    spans.forEach(([a, b], g) => {
      const lv = levels[g]!;
      const fy = boxes[a]!.y - band * lv;
      const bottom = boxes[b]!.y + boxes[b]!.h + FRAME_MARGIN * lv;
      shapes.push({ type: 'frame', kind: spec.groups[g]!.kind, x: left - FRAME_MARGIN * lv, y: fy, w: boxW + 2 * FRAME_MARGIN * lv, h: bottom - fy, label: { lines: [spec.groups[g]!.label], size: s.group } });
    });
    spec.links.forEach((l, i) => {
      const cx = left + boxW / 2;
      const gap = gaps[i]!;
      const pill = pills[i];
      shapes.push({
        type: 'link',
        style: l.style,
        x1: cx,
        y1: boxes[i]!.y + boxes[i]!.h,
        x2: cx,
        y2: boxes[i + 1]!.y,
        ...(pill ? { label: { lines: pill.lines, size: pill.size, w: pill.w, h: pill.h, cx, cy: (gap.from + gap.to) / 2 } } : {}),
      });
    });
  }
  // Outer frames first so inner ones draw on top; links over frames; boxes last.
  const frames = (shapes.filter((sh) => sh.type === 'frame') as FrameShape[]).sort((a, b) => b.w * b.h - a.w * a.h);
  return { variant, width: Math.ceil(width), height: Math.ceil(height), shapes: [...frames, ...shapes.filter((sh) => sh.type === 'link'), ...boxes] };
}
