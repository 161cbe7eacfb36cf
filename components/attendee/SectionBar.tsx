'use client';
// A phone's way around its own page, always in reach at the bottom: the slide, the demo, the
// poll (while the slide has one) and the questions — asking no longer means scrolling past every
// chart. It marks the section being read (aria-current), so it also says where one is. Sideways
// the page is two columns and the bar is not needed.
import { useCallback, useEffect, useRef, useState } from 'react';
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
/** A scroll this much further from where a tap went is the reader's own. */
const AWAY_PX = 8;

export function SectionBar({ poll }: { poll: boolean }) {
  const { current, go } = useCurrentSection(poll);
  return (
    <nav className={styles.sectionBar} aria-label="Sections of this page" data-testid="section-bar">
      {SECTIONS.filter((s) => poll || s.id !== 'attendee-poll').map((s) => (
        <button
          key={s.id}
          type="button"
          aria-current={current === s.id ? 'true' : undefined}
          onClick={() => go(s.id)}
          data-testid={`section-${s.label.toLowerCase().replace('&', '')}`}
        >
          {s.label}
        </button>
      ))}
    </nav>
  );
}

/**
 * The section being read, measured on scroll and whenever the page's height changes (a poll
 * opening, the demo's charts arriving); at most once a frame. A tapped section is current until
 * the reader scrolls away from where the tap took them: the page may not scroll far enough to
 * bring a short section up to the reading line (the demo's one line above the questions), and the
 * bar must still say where it went. The tap's own scroll only ever comes closer.
 */
function useCurrentSection(poll: boolean): { current: string | null; go: (id: string) => void } {
  const [measured, setMeasured] = useState<string | null>(null);
  const [tapped, setTapped] = useState<string | null>(null);
  const tap = useRef<{ to: number; distance: number } | null>(null);
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
      setMeasured(currentSection(sections, window.innerHeight * READING_LINE, { bottom, viewportHeight: window.innerHeight }));
    };
    const schedule = () => (frame ||= requestAnimationFrame(measure));
    const onScroll = () => {
      const t = tap.current;
      if (t) {
        const distance = Math.abs(window.scrollY - t.to);
        if (distance > t.distance + AWAY_PX) {
          tap.current = null;
          setTapped(null);
        } else t.distance = Math.min(t.distance, distance);
      }
      schedule();
    };
    measure();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', schedule);
    const resized = new ResizeObserver(schedule);
    resized.observe(document.body);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', schedule);
      resized.disconnect();
    };
  }, [poll]);
  const go = useCallback((id: string) => {
    const el = document.getElementById(id);
    if (!el) return;
    // Where the scroll will end: the section's top under the position line, or the page's end.
    const margin = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
    const end = document.documentElement.scrollHeight - window.innerHeight;
    const to = Math.max(0, Math.min(end, window.scrollY + el.getBoundingClientRect().top - margin));
    tap.current = { to, distance: Math.abs(window.scrollY - to) };
    setTapped(id);
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
  }, []);
  return { current: tapped ?? measured, go };
}
