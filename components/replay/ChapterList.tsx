'use client';
// The talk's chapters, one per slide, grouped by section: where each starts, the one playing
// marked, a recorded demo flagged; choosing one goes there.
import { useEffect, useRef } from 'react';
import type { DeckSection, Slide } from '@/lib/deck/types';
import type { Chapter } from '@/lib/replay/talk-timeline';
import { formatClock } from '@/lib/deck/pacing';
import styles from './replay.module.css';

interface Props {
  chapters: Chapter[];
  sections: DeckSection[];
  slides: Slide[];
  current: Chapter | undefined;
  onPick: (chapter: Chapter) => void;
}

export function ChapterList({ chapters, sections, slides, current, onPick }: Props) {
  const ref = useRef<HTMLElement>(null);
  // Sideways and on a desktop the list scrolls in a box of its own: keep the chapter playing in
  // the middle of it. Only that box moves — never the page, nor the caption and demo above it.
  useEffect(() => {
    const box = ref.current;
    const item = box?.querySelector<HTMLElement>('[aria-current]');
    if (!box || !item || box.scrollHeight <= box.clientHeight) return;
    const [b, i] = [box.getBoundingClientRect(), item.getBoundingClientRect()];
    box.scrollTop += i.top - b.top - (b.height - i.height) / 2;
  }, [current]);
  return (
    <nav ref={ref} className={styles.chapters} aria-label="Chapters: one per slide" data-testid="replay-chapters">
      {sections.map((section) => (
        <section key={section.id} className={styles.chapterSection}>
          <h3>{section.title}</h3>
          <ol start={section.firstSlide + 1}>
            {chapters.slice(section.firstSlide, section.firstSlide + section.slideCount).map((c) => (
              <li key={c.slideId}>
                <button type="button" onClick={() => onPick(c)} aria-current={c === current ? 'step' : undefined} data-testid={`replay-chapter-${c.slideId}`}>
                  <span className={styles.chapterTime}>{formatClock(c.from)}</span>
                  <span className={styles.chapterTitle}>{c.title}</span>
                  {/* A recorded demo plays here (a live talk's recording runs under every slide; a poll is not a demo). */}
                  {c.rec && slides[c.slide]?.demo && <span className={styles.recordedTag}>demo</span>}
                </button>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </nav>
  );
}
