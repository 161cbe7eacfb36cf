// Assembles the deck from the manifest and the section files' text (no file I/O here).
import { parseSlide, splitSlides } from './parse-markdown';
import type { PollSpec } from '../audience/types';
import type { Deck, DeckManifest, DeckSection, Slide } from './types';

export function sectionIdOf(file: string): string {
  return file.replace(/\.md$/, '').replace(/^\d+[-_]/, '');
}

export function buildDeck(manifest: DeckManifest, readSection: (file: string) => string, readDiagram?: (id: string) => string): Deck {
  const slides: Slide[] = [];
  const sections: DeckSection[] = [];
  const ids = new Set<string>();
  const polls: PollSpec[] = [];
  for (const entry of manifest.sections) {
    const sectionId = sectionIdOf(entry.file);
    const sources = splitSlides(readSection(entry.file));
    if (sources.length === 0) throw new Error(`slides/${entry.file} has no slides`);
    sections.push({ id: sectionId, title: entry.title, minutes: entry.minutes, firstSlide: slides.length, slideCount: sources.length });
    sources.forEach((source, n) => {
      const parsed = parseSlide(source, `slides/${entry.file} slide ${n + 1}`, readDiagram);
      const id = parsed.attrs.id ?? `${sectionId}-${n + 1}`;
      if (parsed.scene && !parsed.attrs['data-demo']) throw new Error(`slides/${entry.file} slide ${n + 1}: a scene needs a demo slide (data-demo="…")`);
      if (ids.has(id)) throw new Error(`Duplicate slide id "${id}" in slides/${entry.file}`);
      ids.add(id);
      slides.push({
        index: slides.length,
        id,
        sectionId,
        title: parsed.title,
        subtitle: parsed.subtitle,
        // Demo and poll slides carry the join link too: people arrive late, and a demo or a vote is
        // when they want it.
        html: parsed.attrs['data-demo'] || parsed.poll ? `${parsed.html}<div class="join-corner" data-join-qr></div>` : parsed.html,
        notesHtml: parsed.notesHtml,
        captionHtml: parsed.captionHtml,
        fragments: parsed.fragments,
        attrs: parsed.attrs,
        ...(parsed.attrs['data-demo'] ? { demo: parsed.attrs['data-demo'] } : {}),
        ...(parsed.poll ? { poll: parsed.poll } : {}),
        ...(parsed.scene ? { scene: parsed.scene } : {}),
      });
      if (parsed.poll) {
        if (polls.some((p) => p.id === parsed.poll!.id)) throw new Error(`Duplicate poll id "${parsed.poll.id}" in slides/${entry.file}`);
        polls.push(parsed.poll);
      }
    });
  }
  return { title: manifest.title, minutes: manifest.minutes, sections, slides, polls };
}
