// /present is refused, with a clear page and a real 403, unless the URL carries the token (the
// right one always gets in: server/hub/token-attempts.ts); an address that sent too many wrong
// tokens waits (429). The page it lets through is never cached:
// Next serves the prerendered page with a year's s-maxage, and a shared cache would then hand the
// presenter's page (its token in the URL) to anyone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TokenAttempts } from './hub/token-attempts';

export function presenterGate(expectedToken: string, attempts = new TokenAttempts()) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/present' && !url.pathname.startsWith('/present/')) return false;
    const verdict = attempts.check(expectedToken, req.socket?.remoteAddress ?? 'unknown', url.searchParams.get('token'));
    if (verdict.kind === 'wait') {
      const seconds = Math.ceil(verdict.waitMs / 1000);
      res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(seconds) });
      res.end(`${verdict.message}\n`);
      return true;
    }
    if (verdict.kind === 'right') {
      noStore(res);
      return false;
    }
    res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(REFUSED_PAGE);
    return true;
  };
}

/** `Cache-Control: no-store`, kept whatever the handler after this sets. */
function noStore(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  setHeader('cache-control', 'no-store');
  res.setHeader = ((name: string, value: number | string | readonly string[]) =>
    name.toLowerCase() === 'cache-control' ? res : setHeader(name, value)) as ServerResponse['setHeader'];
}

const REFUSED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Presenter view refused — meshstage</title>
<style>body{font:18px/1.5 system-ui,sans-serif;background:#10131a;color:#e8ecf3;max-width:40rem;margin:10vh auto;padding:0 1.5rem}
code{background:#1d2330;padding:.1em .35em;border-radius:4px}a{color:#8ab4ff}</style></head>
<body><h1 data-testid="presenter-refused">Presenter view refused</h1>
<p>This link has no valid presenter token, so it cannot drive the slides or the demo.</p>
<p>Use the <code>Presenter:</code> URL that <code>npm start</code> printed (it ends in <code>?token=…</code>),
or start the server with <code>PRESENTER_TOKEN</code> set.</p>
<p>Following the talk? <a href="/live">Open the audience view</a>.</p></body></html>`;
