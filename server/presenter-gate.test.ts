import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { presenterGate } from './presenter-gate';

function call(url: string) {
  const gate = presenterGate('stage-token-1');
  let status = 0;
  let body = '';
  const res = { writeHead: (s: number) => (status = s), end: (b: string) => (body = b) } as unknown as ServerResponse;
  const handled = gate({ url } as IncomingMessage, res);
  return { handled, status, body };
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

  it('lets the token through and ignores other routes', () => {
    expect(call('/present?token=stage-token-1').handled).toBe(false);
    expect(call('/live').handled).toBe(false);
    expect(call('/presenter-notes').handled).toBe(false);
  });
});
