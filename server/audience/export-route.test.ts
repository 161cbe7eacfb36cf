import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TokenAttempts } from '../guards/token-attempts';
import type { AudienceService } from './audience-service';
import { audienceExport } from './export-route';
import { AudienceState } from '../../lib/audience/audience-state';

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

describe('the audience export: a numeric poll', () => {
  it('CSV has the distribution (n, quartiles, unit) and the measured answer; JSON the answers sorted', () => {
    const state = new AudienceState([
      {
        id: 'guess',
        question: 'Added p99?',
        options: [],
        number: { unit: 'ms', min: 0.1, max: 100, scale: 'log', measures: { figure: 'added-p99', mode: 'sidecar' } },
      },
    ]);
    state.apply({ t: 'poll', pollId: 'guess', status: 'open', at: 1 });
    for (const [a, v] of [
      ['a', 1],
      ['b', 2],
      ['c', 4],
      ['d', 8],
    ] as const)
      state.apply({ t: 'estimate', pollId: 'guess', attendee: a, value: v, at: 2 });
    const answer = { option: null, detail: 'Measured live: Sidecar, added p99 over No mesh 4.25 ms', value: 4.25, unit: 'ms' };
    state.apply({ t: 'poll', pollId: 'guess', status: 'revealed', at: 3, answer });
    let body = '';
    const res = { writeHead: () => res, end: (b: string) => ((body = b), res) } as unknown as ServerResponse;
    const route = audienceExport({ state } as unknown as AudienceService, TOKEN);
    route({ url: `/api/audience/export.csv?token=${TOKEN}`, headers: {}, socket: {} } as unknown as IncomingMessage, res);
    const lines = body.trim().split('\r\n');
    expect(lines).toContain('"poll-estimate","guess","Added p99?","n=4 q1=1.75 median=3 q3=5 ms","4","revealed",""');
    expect(lines).toContain('"poll-answer","guess","Measured live: Sidecar, added p99 over No mesh 4.25 ms","4.25 ms","","revealed",""');
    route({ url: `/api/audience/export.json?token=${TOKEN}`, headers: {}, socket: {} } as unknown as IncomingMessage, res);
    expect(JSON.parse(body).polls[0]).toMatchObject({ values: [1, 2, 4, 8], estimates: { n: 4, median: 3 }, answer: { value: 4.25, unit: 'ms' } });
  });
});
