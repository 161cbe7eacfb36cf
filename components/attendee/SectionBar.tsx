'use client';
// A phone's way around its own page, always in reach at the bottom: the slide, the demo, the
// poll (while the slide has one) and the questions — asking no longer means scrolling past every
// chart. Sideways the page is two columns and the bar is not needed.
import styles from './attendee.module.css';

const SECTIONS = [
  { id: 'attendee-slide', label: 'Slide' },
  { id: 'attendee-demo', label: 'Demo' },
  { id: 'attendee-poll', label: 'Poll' },
  { id: 'attendee-questions', label: 'Q&A' },
] as const;

export function SectionBar({ poll }: { poll: boolean }) {
  return (
    <nav className={styles.sectionBar} aria-label="Sections of this page" data-testid="section-bar">
      {SECTIONS.filter((s) => poll || s.id !== 'attendee-poll').map((s) => (
        <button
          key={s.id}
          type="button"
          onClick={() => document.getElementById(s.id)?.scrollIntoView({ block: 'start', behavior: 'smooth' })}
          data-testid={`section-${s.label.toLowerCase().replace('&', '')}`}
        >
          {s.label}
        </button>
      ))}
    </nav>
  );
}
