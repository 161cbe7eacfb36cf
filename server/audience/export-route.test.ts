import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TokenAttempts } from '../guards/token-attempts';
import type { AudienceService } from './audience-service';
import { audienceExport } from './export-route';

const TOKEN = 'stage-token-2026-export';
const audience = { state: { export: () => ({ polls: [], questions: [] }) } } as unknown as AudienceService;

function call(route: ReturnType<typeof audienceExport>, url: string, headers: Record<string, string> = {}, address = '192.0.2.7') {
  let status = 0;
  const sent: Record<string, unknown> = {};
  const res = {
    writeHead: (s: number, h: Record<string, string> = {}) => ((status = s), Object.assign(sent, h), res),
    end: () => res,
  } as unknown as ServerResponse;
  const handled = route({ url, headers, socket: { remoteAddress: address } } as unknown as IncomingMessage, res);
  return { handled, status, headers: sent };
}

describe('the audience export route', () => {
  it('counts wrong tokens with the presenter door: after five from an address a wrong one waits (429); the right one still exports; no token is not a guess', () => {
    const attempts = new TokenAttempts(() => 0);
    const route = audienceExport(audience, TOKEN, attempts);
    for (let i = 0; i < 3; i++) expect(call(route, '/api/audience/export.csv').status).toBe(403);
    for (let i = 0; i < 5; i++) expect(call(route, `/api/audience/export.csv?token=guess-${i}`).status).toBe(403);
    const waiting = call(route, '/api/audience/export.json', { authorization: 'Bearer guess-5' });
    expect(waiting.status).toBe(429);
    expect(waiting.headers['retry-after']).toMatch(/^\d+$/);
    expect(call(route, `/api/audience/export.csv?token=${TOKEN}`).status).toBe(200);
    expect(call(route, '/api/audience/export.json', { authorization: `Bearer ${TOKEN}` }).status).toBe(200);
    // The same door as the presenter's connections: its wrong tokens count there too.
    expect(attempts.check(TOKEN, '192.0.2.7', 'guess-6').kind).toBe('wait');
    expect(call(route, '/other').handled).toBe(false);
  });
});
