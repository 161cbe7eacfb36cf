// SVG text does not wrap or clip: a label wider than its box runs into the next one. Charts cut
// their labels to the box instead (the whole text goes in a <title>), measured in monospace
// advances — every chart label is set in the mono font.

/** A monospace glyph's advance, in em (DejaVu Sans Mono and its kin: 0.6). */
export const MONO_ADVANCE_EM = 0.6;

/** `text` as it fits in `widthPx` at `fontPx` of the mono font: whole, or cut with an ellipsis. */
export function fitText(text: string, widthPx: number, fontPx: number): string {
  const max = Math.floor(widthPx / (fontPx * MONO_ADVANCE_EM));
  if ([...text].length <= max) return text;
  if (max <= 1) return '';
  return `${[...text]
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
