import { describe, expect, it } from 'vitest';
import { argsToEnv, readConfig } from './config';

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

  it('takes --processes N (or MESHSTAGE_PROCESSES) for a scale-out, and nothing else on the command line', () => {
    expect(readConfig({}).processes).toBe(1);
    expect(argsToEnv([])).toEqual({});
    expect(readConfig(argsToEnv(['--processes', '4'])).processes).toBe(4);
    expect(readConfig(argsToEnv(['--processes=2'])).processes).toBe(2);
    expect(() => argsToEnv(['--port', '80'])).toThrow(/only --processes N/);
    expect(() => argsToEnv(['--processes'])).toThrow(/only --processes N/);
    expect(() => readConfig({ MESHSTAGE_PROCESSES: '0' })).toThrow(/MESHSTAGE_PROCESSES \(--processes\) must be a whole number from 1 to 32/);
    expect(() => readConfig({ MESHSTAGE_PROCESSES: '2.5' })).toThrow(/MESHSTAGE_PROCESSES/);
    expect(() => readConfig({ MESHSTAGE_PROCESSES: '33' })).toThrow(/MESHSTAGE_PROCESSES/);
    // A scale-out's front starts its own edges: it is never an edge itself.
    expect(() => readConfig({ MESHSTAGE_PROCESSES: '2', MESHSTAGE_ROLE: 'edge', REDIS_URL: 'redis://x' })).toThrow(/leave MESHSTAGE_ROLE unset/);
  });
});
