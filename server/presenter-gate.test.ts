import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { presenterGate } from './presenter-gate';

const TOKEN = 'stage-token-2026-a';

function call(url: string, gate = presenterGate(TOKEN), address = '192.0.2.7') {
  let status = 0;
  let body = '';
  const headers: Record<string, unknown> = {};
  const res = {
    writeHead: (s: number, h: Record<string, string> = {}) => ((status = s), Object.assign(headers, h)),
    setHeader: (name: string, value: unknown) => ((headers[name.toLowerCase()] = value), res),
    end: (b: string) => (body = b),
  } as unknown as ServerResponse;
  const handled = gate({ url, socket: { remoteAddress: address } } as unknown as IncomingMessage, res);
  return { handled, status, body, headers, res };
}

describe('presenterGate', () => {
  it('refuses /present without the right token with a 403 that says what to do', () => {
    for (const url of ['/present', '/present?token=wrong', '/present/?token=', '/present?_rsc=1']) {
      const r = call(url);
      expect(r, url).toMatchObject({ handled: true, status: 403 });
      expect(r.body).toContain('Presenter view refused');
      expect(r.body).toContain('npm start');
    }
  });

  it('guards the phone remote as it guards the console: the presenter token only, not the moderator’s', () => {
    const gate = presenterGate(TOKEN, undefined, 'moderator-token-2026');
    for (const url of ['/remote', '/remote?token=wrong', '/remote?token=moderator-token-2026']) {
      expect(call(url, gate), url).toMatchObject({ handled: true, status: 403 });
    }
    const ok = call(`/remote?token=${TOKEN}`, gate);
    expect(ok.handled).toBe(false);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(call('/remotely').handled).toBe(false);
  });

  it('lets the token through, never to be cached (whatever Next sets after), and ignores other routes', () => {
    const ok = call(`/present?token=${TOKEN}`);
    expect(ok.handled).toBe(false);
    expect(ok.headers['cache-control']).toBe('no-store');
    ok.res.setHeader('Cache-Control', 's-maxage=31536000');
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(call('/live').handled).toBe(false);
    expect(call('/presenter-notes').handled).toBe(false);
  });

  it('an address that sent five wrong tokens waits (429) with a wrong one; the right one still opens the page from it', () => {
    const gate = presenterGate(TOKEN);
    for (let i = 0; i < 5; i++) expect(call(`/present?token=guess-${i}`, gate).status).toBe(403);
    const blocked = call('/present?token=guess-5', gate);
    expect(blocked).toMatchObject({ handled: true, status: 429 });
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
    expect(blocked.body).toMatch(/Too many wrong presenter tokens; try again in \d+ s/);
    expect(call(`/present?token=${TOKEN}`, gate).handled).toBe(false);
    expect(call('/present?token=guess-6', gate, '198.51.100.9').status).toBe(403);
    // A bare /present (no token offered) is not a guess.
    expect(call('/present', presenterGate(TOKEN)).status).toBe(403);
  });

  it('/moderate opens with the moderator’s token or the presenter’s; /present refuses the moderator’s without counting it as a guess', () => {
    const MODERATOR = 'moderator-token-2026';
    const gate = presenterGate(TOKEN, undefined, MODERATOR);
    for (const token of [MODERATOR, TOKEN]) {
      const ok = call(`/moderate?token=${token}`, gate);
      expect(ok.handled, token).toBe(false);
      expect(ok.headers['cache-control']).toBe('no-store');
    }
    const refused = call('/moderate?token=wrong', gate);
    expect(refused).toMatchObject({ handled: true, status: 403 });
    expect(refused.body).toContain('Moderation refused');
    expect(call('/moderate', gate).status).toBe(403);
    // The moderator's link pasted into /present: refused, and ten of them do not make the address wait.
    for (let i = 0; i < 10; i++) expect(call(`/present?token=${MODERATOR}`, gate)).toMatchObject({ handled: true, status: 403 });
    expect(call('/present?token=guess', gate).status).toBe(403);
    expect(call(`/present?token=${TOKEN}`, gate).handled).toBe(false);
    expect(call('/moderately-interesting').handled).toBe(false);
  });
});
