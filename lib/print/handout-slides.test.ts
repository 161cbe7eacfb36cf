import { describe, expect, it } from 'vitest';
import { testDeck } from '../testing/test-deck';
import { replayDeck } from '../deck/audience-deck';
import type { Slide } from '../deck/types';
import { handoutSlides, LINKS_SLOT } from './handout-slides';
import { handoutLinks, sourcesSlideId } from './handout-links';

describe('handoutSlides', () => {
  it('puts each caption under its slide and never the speaker notes', () => {
    const slides = handoutSlides(replayDeck(testDeck()).slides);
    expect(slides[0]!.html).toContain('<div class="handout-caption" data-handout-caption><p>what a viewer reads</p>');
    expect(slides[0]!.html).not.toContain('first');
    // A slide without a caption gets no empty caption box.
    expect(slides[1]!.html).not.toContain('handout-caption');
  });

  it('puts the handout links where the first slide had its join code, else at its end', () => {
    const title = { html: '<h1>T</h1><div class="join" data-join-qr></div>', captionHtml: '' } as Slide;
    expect(handoutSlides([title])[0]!.html).toBe(`<h1>T</h1>${LINKS_SLOT}`);
    expect(handoutSlides([{ ...title, html: '<h1>T</h1>' }])[0]!.html).toBe(`<h1>T</h1>${LINKS_SLOT}`);
  });
});

describe('handoutLinks', () => {
  it('links the replay, and the replay opened on the sources slide when there is one', () => {
    expect(handoutLinks('https://talk.example/', 'sources')).toEqual({
      replay: 'https://talk.example/replay',
      sources: 'https://talk.example/replay#slide=sources',
    });
    expect(handoutLinks('http://10.0.0.2:3000', null)).toEqual({ replay: 'http://10.0.0.2:3000/replay', sources: null });
  });

  it('finds a sources slide by its id or its class', () => {
    const slide = (id: string, cls = '') => ({ id, attrs: cls ? { class: cls } : {} }) as Slide;
    expect(sourcesSlideId({ slides: [slide('a'), slide('sources')] })).toBe('sources');
    expect(sourcesSlideId({ slides: [slide('a'), slide('refs', 'wide sources-slide')] })).toBe('refs');
    expect(sourcesSlideId(testDeck())).toBeNull();
  });
});
