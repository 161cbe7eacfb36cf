import { describe, expect, it } from 'vitest';
import { currentSection } from './current-section';

const page = (tops: Record<string, number>) => Object.entries(tops).map(([id, top]) => ({ id, top }));
const middle = { bottom: false, viewportHeight: 844 };

describe('currentSection', () => {
  it('is the section whose top last passed the reading line, in page order whatever the bar’s order', () => {
    expect(currentSection(page({ slide: 44, poll: 900, demo: 1400, qa: 2600 }), 280, middle)).toBe('slide');
    expect(currentSection(page({ slide: -600, poll: 250, demo: 750, qa: 1950 }), 280, middle)).toBe('poll');
    expect(currentSection(page({ qa: 52, demo: -1150, slide: -2000, poll: -1600 }), 280, middle)).toBe('qa');
  });

  it('before any section reaches the line, the first is current', () => {
    expect(currentSection(page({ slide: 400, demo: 900 }), 280, middle)).toBe('slide');
  });

  it('at the bottom of the page, the lowest section on screen, even short of the line', () => {
    const tops = page({ slide: -2000, demo: -700, qa: 500 });
    expect(currentSection(tops, 280, middle)).toBe('demo');
    expect(currentSection(tops, 280, { bottom: true, viewportHeight: 844 })).toBe('qa');
  });

  it('none without sections', () => {
    expect(currentSection([], 280, middle)).toBeNull();
  });
});
