// The whole talk as one timeline (pure): every slide of the deck in order is a chapter; a slide the
// recording was on plays the recording's stretch for it (its real length, its real demo data), any
// other slide stays up for as long as a viewer needs to read it and its caption. Fragments appear
// during the first part of their chapter, as a presenter would reveal them.
import type { Deck, DeckPosition, Slide } from '../deck/types';
import type { Recording } from './recording';

export interface Chapter {
  /** Index of the slide in the deck. */
  slide: number;
  slideId: string;
  title: string;
  /** Talk time (ms) the chapter starts and ends. */
  from: number;
  to: number;
  /** The recording's stretch played during this chapter, if the recording was on this slide. */
  rec: { from: number; to: number } | null;
  /** Talk times at which the slide's fragments appear, in order. */
  reveals: number[];
}

/** A reader's pace (≈ 200 words a minute) plus a glance at the slide. */
const READ_MS_PER_CAPTION_WORD = 300;
const READ_MS_PER_SLIDE_WORD = 150;
const GLANCE_MS = 4_000;
const MIN_CHAPTER_MS = 8_000;
const MAX_CHAPTER_MS = 40_000;
/** Fragments are all out by this share of a chapter, so the last one is still up a while. */
const REVEAL_SHARE = 0.6;

const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;

/** How long a slide without recorded demo stays up. */
export function readingMs(slide: Pick<Slide, 'html' | 'captionHtml'>): number {
  const ms = GLANCE_MS + words(slide.captionHtml) * READ_MS_PER_CAPTION_WORD + words(slide.html) * READ_MS_PER_SLIDE_WORD;
  return Math.round(Math.min(MAX_CHAPTER_MS, Math.max(MIN_CHAPTER_MS, ms)));
}

/** Where the recording was on each slide: its first stretch there (from a deck event to the next). */
export function recordedStretches(deck: Deck, rec: Recording): Map<number, { from: number; to: number }> {
  const decks = rec.events.filter((e) => e.k === 'deck');
  const out = new Map<number, { from: number; to: number }>();
  decks.forEach((e, i) => {
    // By id (slides may have been added since the recording), else by the recorded index.
    const byId = e.slideId ? deck.slides.findIndex((s) => s.id === e.slideId) : -1;
    const slide = byId >= 0 ? byId : e.slideId ? -1 : e.position.slide;
    const to = decks[i + 1]?.t ?? rec.meta.durationMs;
    if (slide >= 0 && slide < deck.slides.length && !out.has(slide) && to > e.t) out.set(slide, { from: e.t, to });
  });
  return out;
}

export function talkTimeline(deck: Deck, rec: Recording | null): Chapter[] {
  const stretches = rec ? recordedStretches(deck, rec) : new Map<number, { from: number; to: number }>();
  let at = 0;
  return deck.slides.map((slide) => {
    const stretch = stretches.get(slide.index) ?? null;
    const length = stretch ? stretch.to - stretch.from : readingMs(slide);
    const reveals = Array.from({ length: slide.fragments }, (_, k) => at + Math.round((length * REVEAL_SHARE * (k + 1)) / (slide.fragments + 1)));
    const chapter: Chapter = { slide: slide.index, slideId: slide.id, title: slide.title, from: at, to: at + length, rec: stretch, reveals };
    at += length;
    return chapter;
  });
}

export const timelineEnd = (chapters: Chapter[]) => chapters[chapters.length - 1]?.to ?? 0;

/** The chapter playing at talk time t (the last one at the very end). */
export function chapterAt(chapters: Chapter[], t: number): Chapter | undefined {
  return chapters.find((c) => t < c.to) ?? chapters[chapters.length - 1];
}

export interface TalkFrame {
  chapter: Chapter;
  position: DeckPosition;
  /** The recording's time to show, when this chapter plays a recorded stretch. */
  recT: number | null;
}

export function talkFrameAt(chapters: Chapter[], t: number): TalkFrame | null {
  const chapter = chapterAt(chapters, t);
  if (!chapter) return null;
  const fragment = chapter.reveals.filter((r) => r <= t).length - 1;
  const recT = chapter.rec ? Math.min(chapter.rec.to, chapter.rec.from + Math.max(0, t - chapter.from)) : null;
  return { chapter, position: { slide: chapter.slide, fragment }, recT };
}

/** Talk time at which the recording's time recT plays (for "jump to a data plane"). */
export function talkTimeOf(chapters: Chapter[], recT: number): number | null {
  const c = chapters.find((ch) => ch.rec && recT >= ch.rec.from && recT < ch.rec.to);
  return c?.rec ? c.from + (recT - c.rec.from) : null;
}

/** Every stop in order: each slide's start, its fragments, and `extra` (the demo's beats). */
const stopsOf = (chapters: Chapter[], extra: readonly number[]) =>
  [...chapters.flatMap((c) => [c.from, ...c.reveals]), ...extra]
    .sort((a, b) => a - b)
    // A beat landing a moment after its slide starts is one stop, not two presses for nothing.
    .filter((t, i, all) => i === 0 || t - all[i - 1]! >= MIN_STOP_GAP_MS);

/** Stops closer than this are one. */
const MIN_STOP_GAP_MS = 1_000;

/** Arrow keys step as reveal.js does: to the next fragment, else the next slide — and through a
 *  demo chapter's beats (`extra`), as its chips do. */
export function nextStop(chapters: Chapter[], t: number, extra: readonly number[] = []): number {
  return stopsOf(chapters, extra).find((s) => s > t) ?? t;
}

/** Back one step: the previous fragment or slide start before t (a stop a moment ago counts as
 *  where we are, so a second press goes further back, as a media player's previous does). */
export function previousStop(chapters: Chapter[], t: number, extra: readonly number[] = []): number {
  const JUST_PASSED_MS = 500;
  const stops = stopsOf(chapters, extra).filter((s) => s < t - JUST_PASSED_MS);
  return stops[stops.length - 1] ?? 0;
}
