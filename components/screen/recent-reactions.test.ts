import { describe, expect, it } from 'vitest';
import { keepRecent, recentCounts, RECENT_MS } from './recent-reactions';

describe('recent reactions', () => {
  it('adds up each emoji over the bursts of the last minute, in the bar’s order', () => {
    let received = keepRecent([], 1_000, { '🔥': 2 });
    received = keepRecent(received, 2_000, { '👏': 1, '🔥': 1 });
    expect(recentCounts(received, 2_000)).toEqual({
      counts: [
        { emoji: '👏', n: 1 },
        { emoji: '🔥', n: 3 },
      ],
      total: 4,
    });
  });

  it('forgets a burst a minute after it arrived', () => {
    const received = keepRecent(keepRecent([], 0, { '🔥': 5 }), 30_000, { '🤯': 1 });
    expect(recentCounts(received, RECENT_MS - 1).total).toBe(6);
    expect(recentCounts(received, RECENT_MS)).toEqual({ counts: [{ emoji: '🤯', n: 1 }], total: 1 });
    expect(keepRecent(received, RECENT_MS + 30_000)).toEqual([]);
  });

  it('nothing sent, nothing shown', () => {
    expect(recentCounts([], 5_000)).toEqual({ counts: [], total: 0 });
  });
});
