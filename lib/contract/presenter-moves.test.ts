import { describe, expect, it } from 'vitest';
import { describeMove } from './presenter-moves';

describe('describeMove', () => {
  const move = { client: 'ben-remote-01', name: 'Ben', kind: 'remote' as const, command: 'deck:step', at: 10_000 };
  it('names who, from which window, what and when', () => {
    expect(describeMove(move, 14_200)).toBe('Ben (phone remote) stepped the deck 4 s ago');
    expect(describeMove({ ...move, command: 'mode:set' }, 10_000 + 125_000)).toBe('Ben (phone remote) switched the data plane 2 min ago');
  });
  it('says "You" for the window that did it', () => {
    expect(describeMove(move, 10_000, 'ben-remote-01')).toBe('You stepped the deck just now');
  });
  it('marks a mover whose window has gone', () => {
    expect(describeMove(move, 14_200, null, [{ client: 'ana-console-1' }])).toBe('Ben (phone remote, since left) stepped the deck 4 s ago');
  });
});
