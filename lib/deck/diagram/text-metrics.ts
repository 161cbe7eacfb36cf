// Text widths for laying out diagrams on the server, where there is no DOM to measure with.
// Per-character advance widths (in em) approximate Atkinson Hyperlegible, the deck's font; the
// estimate errs wide, and the deck's e2e test measures the real glyphs in the browser.

const NARROW = new Set([...'iljtfrI!|.,:;\'"()[]{}/ ']);
const WIDE = new Set([...'mwMW@%']);

export function charWidthEm(ch: string): number {
  if (NARROW.has(ch)) return 0.3;
  if (WIDE.has(ch)) return 0.88;
  if (ch >= 'A' && ch <= 'Z') return 0.66;
  if (ch >= '0' && ch <= '9') return 0.58;
  if (ch === '→' || ch === '—' || ch === '…') return 0.95;
  return 0.55;
}

/** Estimated rendered width of `text` at `size` px, with a margin for font differences; bold
 *  glyphs run about 8% wider. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch);
  return em * size * 1.06 * (bold ? 1.08 : 1);
}

/** Greedy word wrap to `maxWidth`; explicit `\n` always breaks. A single word wider than the
 *  line stays whole (the layout widens instead of cutting a word). */
export function wrapText(text: string, size: number, maxWidth: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate, size, bold) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

export function widestLine(lines: string[], size: number, bold = false): number {
  return Math.max(0, ...lines.map((l) => textWidth(l, size, bold)));
}
