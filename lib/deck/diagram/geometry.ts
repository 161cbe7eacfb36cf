// What a laid-out diagram is made of, in SVG user units (= slide pixels: the SVG is drawn at its
// natural width, so a 26-unit label is 26 px of a 1280 px slide).
import type { LinkStyle, PartKind } from './spec';

export type Variant = 'wide' | 'tall';

export interface TextBlock {
  lines: string[];
  size: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A labelled rectangle: a frame (pod, node, namespace, stack layer) or a part's box. */
interface Labelled extends Rect {
  label: TextBlock;
  sub?: TextBlock;
}

export interface FrameShape extends Labelled {
  type: 'frame';
  kind: 'pod' | 'node' | 'namespace' | 'layer';
}

export interface BoxShape extends Labelled {
  type: 'box';
  kind: PartKind;
}

export interface LinkShape {
  type: 'link';
  style: LinkStyle;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The label sits in a pill centred here, on the line. */
  label?: TextBlock & { cx: number; cy: number; w: number; h: number };
}

export type Shape = FrameShape | BoxShape | LinkShape;

export interface Layout {
  variant: Variant;
  width: number;
  height: number;
  shapes: Shape[];
}

/** Room each variant has in a slide (reveal.js's slide box minus breathing space). */
export const MAX_WIDTH: Record<Variant, number> = { wide: 1200, tall: 700 };

export const LINE_HEIGHT = 1.22;

export function blockHeight(block: TextBlock | undefined): number {
  return block ? block.lines.length * block.size * LINE_HEIGHT : 0;
}
