import { describe, expect, it } from 'vitest';
import { staleMessage } from './stale-message';

describe('staleMessage', () => {
  const by = { client: 'ben-remote-01', name: 'Ben', kind: 'remote' as const };
  it('names who moved first and where the deck is', () => {
    const deck = { slide: 4 } as never;
    expect(staleMessage({ code: 'stale', message: 'm', deck, by }, 'ana')).toBe(
      'Ben (phone remote) moved the deck first (now slide 5); your step was not applied.',
    );
  });
  it("keeps the server's message for other refusals and a stale one without a mover", () => {
    expect(staleMessage({ code: 'forbidden', message: 'no' }, null)).toBe('no');
    expect(staleMessage({ code: 'stale', message: 'moved' }, null)).toBe('moved');
  });
});
