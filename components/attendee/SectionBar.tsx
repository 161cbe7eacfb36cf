'use client';
// A phone's way around its own page, always in reach at the bottom: the slide, the demo, the
// poll (while the slide has one) and the questions — asking no longer means scrolling past every
// chart. It marks the section being read (aria-current), so it also says where one is. Sideways
// the page is two columns and the bar is not needed.
import { useEffect, useState } from 'react';
import { currentSection } from './current-section';
import styles from './attendee.module.css';

const SECTIONS = [
  { id: 'attendee-slide', label: 'Slide' },
  { id: 'attendee-demo', label: 'Demo' },
  { id: 'attendee-poll', label: 'Poll' },
  { id: 'attendee-questions', label: 'Q&A' },
] as const;

/** A section is being read once its top passes this share of the screen. */
const READING_LINE = 0.35;

export function SectionBar({ poll }: { poll: boolean }) {
  const current = useCurrentSection(poll);
  return (
    <nav className={styles.sectionBar} aria-label="Sections of this page" data-testid="section-bar">
      {SECTIONS.filter((s) => poll || s.id !== 'attendee-poll').map((s) => (
        <button
          key={s.id}
          type="button"
          aria-current={current === s.id ? 'true' : undefined}
          onClick={() => document.getElementById(s.id)?.scrollIntoView({ block: 'start', behavior: 'smooth' })}
          data-testid={`section-${s.label.toLowerCase().replace('&', '')}`}
        >
          {s.label}
        </button>
      ))}
    </nav>
  );
}

/** The section being read, measured on scroll and whenever the page's height changes (a poll
 *  opening, the demo's charts arriving); at most once a frame. */
function useCurrentSection(poll: boolean): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const sections = SECTIONS.flatMap((s) => {
        const el = document.getElementById(s.id);
        return el ? [{ id: s.id, top: el.getBoundingClientRect().top }] : [];
      });
      const root = document.documentElement;
      const bottom = window.scrollY > 0 && window.scrollY + window.innerHeight >= root.scrollHeight - 2;
      setCurrent(currentSection(sections, window.innerHeight * READING_LINE, { bottom, viewportHeight: window.innerHeight }));
    };
    const schedule = () => (frame ||= requestAnimationFrame(measure));
    measure();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    const resized = new ResizeObserver(schedule);
    resized.observe(document.body);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      resized.disconnect();
    };
  }, [poll]);
  return current;
}
