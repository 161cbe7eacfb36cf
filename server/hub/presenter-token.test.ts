import { describe, expect, it } from 'vitest';
import { resolvePresenterToken, tokenMatches } from './presenter-token';

describe('presenter token', () => {
  it('is random per start unless PRESENTER_TOKEN is set', () => {
    const a = resolvePresenterToken(undefined);
    const b = resolvePresenterToken('');
    expect(a).toMatch(/^[\w-]{24}$/);
    expect(a).not.toBe(b);
    expect(resolvePresenterToken('  my-stage-token ')).toBe('my-stage-token');
    expect(() => resolvePresenterToken('short')).toThrow(/at least 8/);
  });

  it('matches only the exact token', () => {
    expect(tokenMatches('abcdefgh', 'abcdefgh')).toBe(true);
    for (const bad of ['abcdefg', 'abcdefghi', '', undefined, null, 42, { token: 'abcdefgh' }, 'x'.repeat(10_000)]) {
      expect(tokenMatches('abcdefgh', bad)).toBe(false);
    }
  });
});
