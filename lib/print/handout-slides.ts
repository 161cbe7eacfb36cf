// The deck as the handout prints it (pure): every slide's caption — the viewer's text the replay
// shows, never the speaker notes — under it, and the handout's links (replay, sources) on the first
// page where the live talk had its join code (a phone's join link means nothing on paper).
import type { Slide } from '../deck/types';

/** Each page's size in CSS pixels: reveal.js's page for a 1280×720 slide with its 0.06 margin, and
 *  the taller page that leaves room for the caption under the slide (and a demo slide's steps). components/print/handout.css
 *  lays the pages out at these sizes. */
export const PAGE = { width: 1356, height: 763, withCaption: 1160 } as const;

export const BEATS_SLOT = '<div class="handout-beats" data-handout-beats></div>';
export const LINKS_SLOT = '<div class="handout-links" data-handout-links></div>';
const JOIN_SLOT = /<div class="join" data-join-qr><\/div>/;

export function handoutSlides(slides: Slide[]): Slide[] {
  return slides.map((slide, i) => {
    let html = slide.html;
    if (i === 0) html = JOIN_SLOT.test(html) ? html.replace(JOIN_SLOT, LINKS_SLOT) : html + LINKS_SLOT;
    // The caption is the deck's own HTML, rendered from the repository's markdown at build time.
    // A demo slide's story step by step goes first (PrintDeck fills it from the recording).
    const beats = slide.demo ? BEATS_SLOT : '';
    if (slide.captionHtml.trim()) html += `<div class="handout-caption" data-handout-caption>${beats}${slide.captionHtml}</div>`;
    return { ...slide, html };
  });
}
