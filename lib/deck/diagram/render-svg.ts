// Draws a laid-out diagram as an SVG string (inlined into the slide HTML on the server, so it
// uses the deck's font, prints, and works offline). Colours follow the demo's palette, and every
// kind also differs in a second channel — stroke pattern or weight — and in its label.
import { KERNEL_COLOR, L4_COLOR, L7_COLOR } from '../../viz/palette';
import { LINE_HEIGHT, type BoxShape, type FrameShape, type Layout, type LinkShape, type TextBlock } from './geometry';
import type { LinkStyle, PartKind } from './spec';

const TEXT = '#eef2f8';
const MUTED = '#a9b6cc';
const BG = '#0c111b';

const PART_STYLE: Record<PartKind, { stroke: string; fill: string; dash: string; width: number }> = {
  app: { stroke: MUTED, fill: '#1b2436', dash: '', width: 2 },
  l7: { stroke: L7_COLOR, fill: 'rgba(230,159,0,0.16)', dash: '', width: 4 },
  l4: { stroke: L4_COLOR, fill: 'rgba(86,180,233,0.16)', dash: '10 5', width: 3 },
  kernel: { stroke: KERNEL_COLOR, fill: 'rgba(47,191,143,0.14)', dash: '3 4', width: 3 },
  plain: { stroke: '#7cc4ff', fill: '#182133', dash: '', width: 2 },
};

const LINK_STYLE: Record<LinkStyle, { stroke: string; width: number; dash: string }> = {
  plain: { stroke: MUTED, width: 2.5, dash: '' },
  mtls: { stroke: KERNEL_COLOR, width: 4, dash: '' },
  hbone: { stroke: L4_COLOR, width: 9, dash: '' },
  redirect: { stroke: MUTED, width: 2.5, dash: '8 6' },
  kernel: { stroke: KERNEL_COLOR, width: 3, dash: '3 4' },
};

const FRAME_STYLE: Record<FrameShape['kind'], { stroke: string; fill: string; dash: string }> = {
  pod: { stroke: '#5b6f94', fill: 'rgba(124,196,255,0.05)', dash: '' },
  node: { stroke: '#3d4c69', fill: 'rgba(255,255,255,0.02)', dash: '12 6' },
  namespace: { stroke: '#CC79A7', fill: 'rgba(204,121,167,0.06)', dash: '4 4' },
  layer: { stroke: '#2c3a55', fill: '#121a29', dash: '' },
};

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n = (v: number) => String(Math.round(v * 10) / 10);

/** Lines of text; `x`/`y` is the first line's top at `anchor`. */
function text(block: TextBlock, x: number, y: number, anchor: 'start' | 'middle', fill: string, weight = 400): string {
  const lh = block.size * LINE_HEIGHT;
  return block.lines
    .map(
      (line, i) =>
        `<text x="${n(x)}" y="${n(y + i * lh + block.size * 0.95)}" font-size="${block.size}" font-weight="${weight}" text-anchor="${anchor}" fill="${fill}">${escapeXml(line)}</text>`,
    )
    .join('');
}

function frame(f: FrameShape): string {
  const st = FRAME_STYLE[f.kind];
  const inset = f.kind === 'layer' ? 12 : 8;
  return (
    `<g class="dg-frame" data-kind="${f.kind}"><rect x="${n(f.x)}" y="${n(f.y)}" width="${n(f.w)}" height="${n(f.h)}" rx="14" fill="${st.fill}" stroke="${st.stroke}" stroke-width="2"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>` +
    text(f.label, f.x + 12, f.y + inset, 'start', f.kind === 'layer' ? TEXT : MUTED, f.kind === 'layer' ? 700 : 400) +
    (f.sub ? text(f.sub, f.x + 12, f.y + inset + f.label.lines.length * f.label.size * LINE_HEIGHT, 'start', MUTED) : '') +
    `</g>`
  );
}

function box(b: BoxShape): string {
  const st = PART_STYLE[b.kind];
  const textH = b.label.lines.length * b.label.size * LINE_HEIGHT + (b.sub ? b.sub.lines.length * b.sub.size * LINE_HEIGHT : 0);
  const top = b.y + (b.h - textH) / 2;
  const cx = b.x + b.w / 2;
  return (
    `<g class="dg-box" data-kind="${b.kind}"><rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" rx="10" fill="${st.fill}" stroke="${st.stroke}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>` +
    text(b.label, cx, top, 'middle', TEXT, 700) +
    (b.sub ? text(b.sub, cx, top + b.label.lines.length * b.label.size * LINE_HEIGHT, 'middle', MUTED) : '') +
    `</g>`
  );
}

function link(l: LinkShape): string {
  const st = LINK_STYLE[l.style];
  const horizontal = Math.abs(l.y2 - l.y1) < Math.abs(l.x2 - l.x1);
  const head = 12;
  // Stop the line where the arrowhead starts, so thick tunnels do not poke through its tip.
  const x2 = horizontal ? l.x2 - head : l.x2;
  const y2 = horizontal ? l.y2 : l.y2 - head;
  const tip = horizontal
    ? `${n(l.x2)},${n(l.y2)} ${n(l.x2 - head)},${n(l.y2 - 8)} ${n(l.x2 - head)},${n(l.y2 + 8)}`
    : `${n(l.x2)},${n(l.y2)} ${n(l.x2 - 8)},${n(l.y2 - head)} ${n(l.x2 + 8)},${n(l.y2 - head)}`;
  const pill = l.label
    ? `<rect x="${n(l.label.cx - l.label.w / 2)}" y="${n(l.label.cy - l.label.h / 2)}" width="${n(l.label.w)}" height="${n(l.label.h)}" rx="${n(Math.min(16, l.label.h / 2))}" fill="${BG}" stroke="${st.stroke}" stroke-width="1.5"/>` +
      text(l.label, l.label.cx, l.label.cy - l.label.h / 2 + 4, 'middle', TEXT)
    : '';
  return (
    `<g class="dg-link" data-style="${l.style}"><line x1="${n(l.x1)}" y1="${n(l.y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${st.stroke}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>` +
    `<polygon points="${tip}" fill="${st.stroke === MUTED ? MUTED : st.stroke}"/>${pill}</g>`
  );
}

/** The diagram as an `<svg>` drawn at its natural size (CSS lets it shrink to the slide, never grow). */
export function renderSvg(layout: Layout, title: string, description: string): string {
  const body = layout.shapes.map((s) => (s.type === 'frame' ? frame(s) : s.type === 'box' ? box(s) : link(s))).join('');
  return (
    `<svg class="diagram-${layout.variant}" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="${escapeXml(`${title}. ${description}`)}" font-family="Atkinson Hyperlegible, system-ui, sans-serif">` +
    body +
    `</svg>`
  );
}
