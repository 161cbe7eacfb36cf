import { memo } from 'react';
import type { Slide } from '@/lib/deck/types';

/** Slide attributes from markdown as React props (`class` → `className`). */
export function sectionProps(slide: Slide, keepIds: boolean): Record<string, string> {
  const props: Record<string, string> = {};
  for (const [name, value] of Object.entries(slide.attrs)) {
    if (name === 'class') props.className = value;
    else if (name === 'id') {
      if (keepIds) props.id = value;
    } else if (name.startsWith('data-')) props[name] = value;
  }
  return props;
}

// The HTML is the deck's own, rendered from the repository's markdown on the server — not user input.
export const DeckSlides = memo(function DeckSlides({ slides, keepIds }: { slides: Slide[]; keepIds: boolean }) {
  return slides.map((slide) => (
    <section key={slide.id} {...sectionProps(slide, keepIds)} data-slide-id={slide.id} dangerouslySetInnerHTML={{ __html: slide.html }} />
  ));
});
