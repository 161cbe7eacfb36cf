// A diagram file → the figure inlined into its slide: both layouts (CSS shows the one that fits
// the deck's current shape) and the source line every figure on a slide carries.
import { escapeXml, renderSvg } from './render-svg';
import { layoutPath } from './path-layout';
import { layoutStack } from './stack-layout';
import type { DiagramSpec } from './spec';
import type { Layout, Variant } from './geometry';

export function layoutDiagram(spec: DiagramSpec, variant: Variant): Layout {
  return spec.kind === 'path' ? layoutPath(spec, variant) : layoutStack(spec, variant);
}

export function renderDiagram(id: string, spec: DiagramSpec): string {
  return (
    `<figure class="diagram" data-diagram="${escapeXml(id)}">` +
    renderSvg(layoutDiagram(spec, 'wide'), spec.title, spec.description) +
    renderSvg(layoutDiagram(spec, 'tall'), spec.title, spec.description) +
    `<figcaption class="source">${escapeXml(spec.source)}</figcaption></figure>`
  );
}
