// Lays out a stack diagram: layers top to bottom (user space above the kernel, pod above node),
// each with its label and the parts that live there. On the projector the label is a column on
// the left and the parts share the row; on a phone the label heads the layer and the parts wrap
// two to a row.
import { blockHeight, type BoxShape, type FrameShape, type Layout, MAX_WIDTH, type Variant } from './geometry';
import type { StackSpec } from './spec';
import { widestLine, wrapText } from './text-metrics';

const SIZES = {
  wide: { label: 28, layerSub: 22, part: 26, sub: 22, columns: 4 },
  tall: { label: 30, layerSub: 25, part: 28, sub: 25, columns: 2 },
} as const;
const PAD = 10;
const LAYER_PAD = 12;
const GAP = 12;
const BOX_PAD_X = 14;
const BOX_PAD_Y = 10;
const LABEL_COLUMN_MAX = 300;

export function layoutStack(spec: StackSpec, variant: Variant): Layout {
  const s = SIZES[variant];
  const width = MAX_WIDTH[variant];
  const inner = width - 2 * PAD - 2 * LAYER_PAD;
  const frames: FrameShape[] = [];
  const boxes: BoxShape[] = [];

  // Projector: one label column as wide as the widest layer label needs (within a limit).
  const labelColumn =
    variant === 'wide'
      ? Math.min(
          LABEL_COLUMN_MAX,
          Math.max(...spec.layers.map((l) => Math.max(widestLine(l.label.split('\n'), s.label, true), l.sub ? widestLine(l.sub.split('\n'), s.layerSub) : 0))) +
            16,
        )
      : inner;

  let y = PAD;
  for (const layer of spec.layers) {
    const label = { lines: wrapText(layer.label, s.label, labelColumn, true), size: s.label };
    const sub = layer.sub ? { lines: wrapText(layer.sub, s.layerSub, labelColumn), size: s.layerSub } : undefined;
    const headH = blockHeight(label) + blockHeight(sub);
    const partsLeft = variant === 'wide' ? PAD + LAYER_PAD + labelColumn + GAP : PAD + LAYER_PAD;
    const partsTop = variant === 'wide' ? y + LAYER_PAD : y + LAYER_PAD + headH + 8;
    const partsWidth = width - PAD - LAYER_PAD - partsLeft;
    const columns = Math.min(s.columns, layer.parts.length);
    const boxW = (partsWidth - GAP * (columns - 1)) / columns;
    const texts = layer.parts.map((p) => ({
      label: { lines: wrapText(p.label, s.part, boxW - 2 * BOX_PAD_X, true), size: s.part },
      sub: p.sub ? { lines: wrapText(p.sub, s.sub, boxW - 2 * BOX_PAD_X), size: s.sub } : undefined,
    }));
    const rows = Math.ceil(layer.parts.length / columns);
    const rowHeights = Array.from({ length: rows }, (_, r) =>
      Math.max(...texts.slice(r * columns, (r + 1) * columns).map((t) => blockHeight(t.label) + blockHeight(t.sub) + 2 * BOX_PAD_Y)),
    );
    let rowTop = partsTop;
    layer.parts.forEach((part, i) => {
      const r = Math.floor(i / columns);
      if (i > 0 && i % columns === 0) rowTop += rowHeights[r - 1]! + GAP;
      const t = texts[i]!;
      boxes.push({
        type: 'box',
        kind: part.kind,
        x: partsLeft + (i % columns) * (boxW + GAP),
        y: rowTop,
        w: boxW,
        h: rowHeights[r]!,
        label: t.label,
        ...(t.sub ? { sub: t.sub } : {}),
      });
    });
    const partsH = rowHeights.reduce((a, b) => a + b, 0) + GAP * (rows - 1);
    const layerH = variant === 'wide' ? Math.max(headH, partsH) + 2 * LAYER_PAD : headH + 8 + partsH + 2 * LAYER_PAD;
    frames.push({ type: 'frame', kind: 'layer', x: PAD, y, w: width - 2 * PAD, h: layerH, label, ...(sub ? { sub } : {}) });
    y += layerH + GAP;
  }
  return { variant, width, height: Math.ceil(y - GAP + PAD), shapes: [...frames, ...boxes] };
}
