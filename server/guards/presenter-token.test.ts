import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AudienceLog } from '../audience/audience-log';
import { presenterTokenFromEnv, tokenMatches } from './presenter-token';

describe('presenter token', () => {
  it('PRESENTER_TOKEN is taken as set, and refused when short enough to guess', () => {
    expect(presenterTokenFromEnv(undefined)).toBeNull();
    expect(presenterTokenFromEnv('  ')).toBeNull();
    expect(presenterTokenFromEnv('  my-stage-token-2026 ')).toBe('my-stage-token-2026');
    expect(() => presenterTokenFromEnv('eight-ch')).toThrow(/at least 16 characters/);
    expect(() => presenterTokenFromEnv('x'.repeat(15))).toThrow(/at least 16 characters/);
  });

  it('without it, one random token is kept beside the audience log (owner-only) across restarts, and replaced on request', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-token-')), 'audience.jsonl');
    const first = new AudienceLog(file).presenterToken();
    expect(first).toMatch(/^[\w-]{24}$/);
    expect(statSync(`${file}.presenter-token`).mode & 0o777).toBe(0o600);
    expect(new AudienceLog(file).presenterToken()).toBe(first); // the next start
    const rotated = new AudienceLog(file).presenterToken(true);
    expect(rotated).not.toBe(first);
    expect(new AudienceLog(file).presenterToken()).toBe(rotated);
  });

  it('the moderator token is kept beside the log apart from the presenter’s, and MODERATOR_TOKEN is held to the same length', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-token-')), 'audience.jsonl');
    const presenter = new AudienceLog(file).presenterToken();
    const moderator = new AudienceLog(file).moderatorToken();
    expect(moderator).toMatch(/^[\w-]{24}$/);
    expect(moderator).not.toBe(presenter);
    expect(statSync(`${file}.moderator-token`).mode & 0o777).toBe(0o600);
    expect(new AudienceLog(file).moderatorToken()).toBe(moderator);
    expect(new AudienceLog(file).moderatorToken(true)).not.toBe(moderator);
    expect(new AudienceLog(file).presenterToken()).toBe(presenter); // rotating one leaves the other
    expect(() => presenterTokenFromEnv('short', 'MODERATOR_TOKEN')).toThrow(/MODERATOR_TOKEN must be at least 16 characters/);
  });

  it('matches only the exact token', () => {
    expect(tokenMatches('abcdefgh', 'abcdefgh')).toBe(true);
    for (const bad of ['abcdefg', 'abcdefghi', '', undefined, null, 42, { token: 'abcdefgh' }, 'x'.repeat(10_000)]) {
      expect(tokenMatches('abcdefgh', bad)).toBe(false);
    }
  });
});
