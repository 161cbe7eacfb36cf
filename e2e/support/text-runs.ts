// Every run of text the eye can see inside some elements, at the size it renders on screen: the
// computed font size times how much it is scaled there (reveal.js scales the whole slide with a
// transform; an SVG may scale its drawing too). Text nobody sees is left out: screen-reader-only
// text (clipped to a pixel), tooltips (<title>), and what is not laid out (display: none).
import type { Locator } from '@playwright/test';

export interface TextRun {
  text: string;
  /** Rendered font size in CSS pixels of the page. */
  px: number;
  /** The run's box lies outside `box` (the slide): cut off on screen. */
  outside: boolean;
}

/** The text runs inside the elements `scope` matches; `box` is a selector for the frame they must stay in. */
export async function textRuns(scope: Locator, box: string): Promise<TextRun[]> {
  return scope.evaluateAll((roots, frameSelector) => {
    const frame = document.querySelector(frameSelector)?.getBoundingClientRect();
    const runs: { text: string; px: number; outside: boolean }[] = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
        const parent = node.parentElement;
        if (!text || !parent || parent.closest('title, script, style')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (rects.length === 0) continue;
        // Screen-reader-only text is clipped to a pixel, and text inside a collapsed box is not seen.
        let hidden = false;
        for (let el: Element | null = parent; el && el !== root.parentElement; el = el.parentElement) {
          const style = getComputedStyle(el);
          const clipped = el instanceof HTMLElement && style.overflow === 'hidden' && (el.offsetWidth <= 1 || el.offsetHeight <= 1);
          if (style.visibility === 'hidden' || style.opacity === '0' || clipped) hidden = true;
        }
        if (hidden) continue;
        const fontPx = parseFloat(getComputedStyle(parent).fontSize);
        let scale: number;
        if (parent instanceof SVGElement) {
          const svg = parent instanceof SVGSVGElement ? parent : parent.ownerSVGElement!;
          const view = svg.viewBox.baseVal;
          const userWidth = view && view.width > 0 ? view.width : svg.width.baseVal.value;
          scale = svg.getBoundingClientRect().width / userWidth;
        } else {
          // HTML inside the root is scaled as the root is (reveal.js's transform on the slides):
          // its drawn width over its own, measured on the widest box for precision.
          scale = root.getBoundingClientRect().width / (root as HTMLElement).offsetWidth;
        }
        const outside = frame
          ? rects.some((r) => r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
          : false;
        runs.push({ text: text.slice(0, 60), px: fontPx * scale, outside });
      }
    }
    return runs;
  }, box);
}
