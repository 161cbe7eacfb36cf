import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseHtml } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { fillPins, loadDeck } from './load-deck';

const readPin = (name: string) => fillPins(`{{pin:${name}}}`, 'test', () => readFileSync('backends/kind/cluster/versions.env', 'utf8'));

describe('the real deck in slides/', () => {
  const deck = loadDeck();

  it('loads with unique ids, titles and speaker notes on every slide', () => {
    expect(deck.slides.length).toBeGreaterThanOrEqual(5);
    expect(new Set(deck.slides.map((s) => s.id)).size).toBe(deck.slides.length);
    for (const slide of deck.slides) {
      expect(slide.title, slide.id).not.toBe('');
      expect(slide.notesHtml, `${slide.id} has speaker notes`).toMatch(/<p>/);
      expect(slide.html, `${slide.id} has no notes leaking onto the slide`).not.toMatch(/Note:/);
    }
  });

  it('has a caption for a viewer of the replay on every slide: its own text, not the notes, no stage directions', () => {
    const text = (html: string) =>
      html
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    for (const slide of deck.slides) {
      const caption = text(slide.captionHtml);
      expect(caption.split(' ').length, `${slide.id} has a caption`).toBeGreaterThanOrEqual(15);
      expect(caption, `${slide.id}: the caption is not the notes`).not.toBe(text(slide.notesHtml));
      expect(slide.html, `${slide.id} has no caption leaking onto the slide`).not.toMatch(/Caption:/);
      // A sentence that tells someone to act is for the presenter, not for a viewer.
      for (const sentence of caption.split(/(?<=[.!?])\s+/))
        expect(sentence, `${slide.id}: a stage direction in the caption`).not.toMatch(
          /^(Switch|Press|Open|Close|Ask|Click|Point|Pause|Go back|Come back|Reveal|Show)\b/,
        );
    }
  });

  it('puts the join QR code on the title slide and binds a slide to the live demo', () => {
    expect(deck.slides[0]?.html).toContain('data-join-qr');
    expect(deck.slides.some((s) => s.demo === 'panel')).toBe(true);
  });

  it('puts the join link in the corner of every demo and poll slide, and the top questions on the Questions slide', () => {
    const withJoin = deck.slides.filter((s) => s.html.includes('class="join-corner" data-join-qr'));
    expect(withJoin.map((s) => s.id)).toEqual(deck.slides.filter((s) => s.demo || s.poll).map((s) => s.id));
    expect(deck.slides.filter((s) => s.poll).length).toBeGreaterThan(0);
    const questions = deck.slides.filter((s) => s.attrs['data-questions']);
    expect(questions.map((s) => s.id)).toEqual(['questions']);
    expect(questions[0]!.html).toContain('data-questions-slot');
  });

  it('plans no more time than the talk has', () => {
    expect(deck.sections.reduce((sum, s) => sum + s.minutes, 0)).toBeLessThanOrEqual(deck.minutes);
  });
});

describe('loadDeck errors', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'deck-'));

  it('names the manifest field that is wrong', () => {
    const d = dir();
    writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({ title: 'x', minutes: 10, sections: [{ file: '../etc/passwd', title: 'a', minutes: 1 }] }));
    expect(() => loadDeck(d)).toThrow(/sections\.0\.file/);
  });

  it('refuses a plan longer than the talk', () => {
    const d = dir();
    writeFileSync(path.join(d, 'a.md'), '# A');
    writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({ title: 'x', minutes: 1, sections: [{ file: 'a.md', title: 'a', minutes: 2 }] }));
    expect(() => loadDeck(d)).toThrow(/more than the talk/);
  });

  it('fills {{pin:NAME}} from versions.env beside the slides, and names the section of an unknown pin', () => {
    const root = dir();
    const d = path.join(root, 'slides');
    mkdirSync(d);
    mkdirSync(path.join(root, 'backends', 'kind', 'cluster'), { recursive: true });
    writeFileSync(path.join(root, 'backends', 'kind', 'cluster', 'versions.env'), '# pins\nISTIO_VERSION=9.8.7\n');
    writeFileSync(path.join(d, 'a.md'), '<!-- .slide: id="a" -->\n# A\n\nIstio {{pin:ISTIO_VERSION}}');
    writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({ title: 'x', minutes: 5, sections: [{ file: 'a.md', title: 'a', minutes: 2 }] }));
    expect(loadDeck(d).slides[0]!.html).toContain('Istio 9.8.7');
    writeFileSync(path.join(d, 'a.md'), '# A\n\nCilium {{pin:CILIUM_VERSION}}');
    expect(() => loadDeck(d)).toThrow(/a\.md: \{\{pin:CILIUM_VERSION\}\} is not in backends\/kind\/cluster\/versions\.env/);
  });

  it('refuses duplicate slide ids', () => {
    const d = dir();
    writeFileSync(path.join(d, 'a.md'), '<!-- .slide: id="x" -->\n# A\n---\n<!-- .slide: id="x" -->\n# B');
    writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({ title: 'x', minutes: 5, sections: [{ file: 'a.md', title: 'a', minutes: 2 }] }));
    expect(() => loadDeck(d)).toThrow(/Duplicate slide id "x"/);
  });
});

describe('the shipped deck', () => {
  const deck = loadDeck();
  it('quotes the versions the kind path installs from versions.env (no placeholder left, none typed by hand)', () => {
    const all = deck.slides.map((s) => s.html + s.notesHtml + s.captionHtml).join('\n');
    expect(all).not.toMatch(/\{\{pin:/);
    expect(all).toContain(`Istio ${readPin('ISTIO_VERSION')}`);
    expect(all).toContain(`Cilium ${readPin('CILIUM_VERSION')}`);
  });
  // A figure is a number with a unit, a table or a diagram. Live demo slides and the calculator
  // are exempt: their components label what they show (live from which backend, or recorded;
  // the calculator prints its published inputs and their source).
  const FIGURE = /\d[\d.,]*\s*(ms|µs|%|vCPU|MB|rps|queries|×)|<table|<figure/;
  it('names a source on every slide that shows a figure', () => {
    const unsourced = deck.slides
      .filter((s) => !s.demo && !s.html.includes('data-calc-slot') && FIGURE.test(s.html) && !s.html.includes('class="source"'))
      .map((s) => s.id);
    expect(unsourced).toEqual([]);
  });

  it('is a 50-minute talk of 30–40 slides, every slide with speaker notes and every section timed', () => {
    expect(deck.slides.length).toBeGreaterThanOrEqual(30);
    expect(deck.slides.length).toBeLessThanOrEqual(40);
    expect(deck.slides.filter((s) => s.notesHtml === '').map((s) => s.id)).toEqual([]);
    expect(deck.sections.reduce((sum, s) => sum + s.minutes, 0)).toBeCloseTo(deck.minutes, 6);
  });

  it('keeps every slide to 40 words outside tables, code, diagrams and its source line (depth goes to the notes)', () => {
    const words = (html: string) =>
      html
        .replace(/<(table|pre|figure|svg)\b[\s\S]*?<\/\1>/g, ' ')
        .replace(/<p class="source">[\s\S]*?<\/p>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&[#\w]+;/g, ' ')
        .split(/\s+/)
        .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    // The sources slide is a list of links, read later, not from the back of the room.
    const wordy = deck.slides.filter((s) => s.id !== 'sources' && words(s.html) > 40).map((s) => `${s.id}: ${words(s.html)} words`);
    expect(wordy).toEqual([]);
  });

  // A fragment on a phrasing element shows its line without that word: "out → :15001, in →" and the
  // port still hidden. Every fragment is a block (li, p, table…) unless its author said data-inline.
  it('reveals whole blocks: no fragment on an inline element without data-inline', () => {
    const INLINE = new Set('a abbr b br cite code em i img kbd mark q s samp small span strong sub sup u'.split(' '));
    const inline = deck.slides.flatMap((s) =>
      parseHtml(s.html)
        .querySelectorAll('.fragment')
        .filter((el) => INLINE.has(el.tagName.toLowerCase()) && !el.hasAttribute('data-inline'))
        .map((el) => `${s.id}: <${el.tagName.toLowerCase()}>${el.text}`),
    );
    expect(inline).toEqual([]);
  });

  it('links every source on the sources slide', () => {
    const sources = deck.slides.find((s) => s.id === 'sources')!;
    expect((sources.html.match(/<a href="https:\/\//g) ?? []).length).toBeGreaterThanOrEqual(15);
  });
});
