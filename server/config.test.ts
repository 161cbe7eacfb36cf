import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('defaults to port 3000 and the lab backend', () => {
    const c = readConfig({ PUBLIC_URL: 'https://talk.example.org/' });
    expect(c).toMatchObject({ port: 3000, backend: 'lab', publicUrl: 'https://talk.example.org', localUrl: 'http://localhost:3000' });
  });

  it('honours PORT, MESH_BACKEND and PRESENTER_TOKEN', () => {
    const c = readConfig({
      PORT: '4100',
      MESH_BACKEND: 'kind',
      PRESENTER_TOKEN: 'stage-token-2026-a',
      ROTATE_PRESENTER_TOKEN: '1',
      LAB_RPS: '250',
      MESHSTAGE_LAB_TIER: 'loopback',
    });
    expect(c).toMatchObject({
      port: 4100,
      backend: 'kind',
      presenterToken: 'stage-token-2026-a',
      rotatePresenterToken: true,
      initialRps: 250,
      labTier: 'loopback',
    });
    expect(c.publicUrl).toMatch(/^http:\/\/[^/]+:4100$/);
  });

  it('takes MODERATOR_TOKEN (held to the presenter token’s length, never equal to it) and ROTATE_MODERATOR_TOKEN', () => {
    expect(readConfig({})).toMatchObject({ moderatorToken: null, rotateModeratorToken: false });
    expect(readConfig({ MODERATOR_TOKEN: ' moderator-token-2026 ', ROTATE_MODERATOR_TOKEN: 'yes' })).toMatchObject({
      moderatorToken: 'moderator-token-2026',
      rotateModeratorToken: true,
    });
    expect(() => readConfig({ MODERATOR_TOKEN: 'short' })).toThrow(/MODERATOR_TOKEN must be at least 16 characters/);
    expect(() => readConfig({ MODERATOR_TOKEN: 'stage-token-2026-a', PRESENTER_TOKEN: 'stage-token-2026-a' })).toThrow(/MODERATOR_TOKEN must differ/);
  });

  it('rejects bad values with a message naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => readConfig({ MESH_BACKEND: 'docker' })).toThrow(/MESH_BACKEND must be one of lab, kind, replay/);
    expect(() => readConfig({ PUBLIC_URL: 'talk.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => readConfig({ LAB_RPS: '-1' })).toThrow(/LAB_RPS/);
    expect(() => readConfig({ MESHSTAGE_LAB_TIER: 'docker' })).toThrow(/MESHSTAGE_LAB_TIER must be auto, loopback or netns/);
  });
});
