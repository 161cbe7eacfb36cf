// /present and /remote (the phone remote) are refused, with a clear page and a real 403, unless
// the URL carries the presenter token; /moderate (the questions desk) unless it carries the moderator's or the presenter's (the
// right one always gets in: server/guards/token-attempts.ts). An address that sent too many wrong
// tokens waits (429). The page it lets through is never cached: Next serves the prerendered page
// with a year's s-maxage, and a shared cache would then hand the page (its token in the URL) to anyone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TokenAttempts } from './guards/token-attempts';

const under = (pathname: string, route: string) => pathname === route || pathname.startsWith(`${route}/`);

export function presenterGate(expectedToken: string, attempts = new TokenAttempts(), moderatorToken?: string) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const page = under(url.pathname, '/present') ? 'present' : under(url.pathname, '/remote') ? 'remote' : under(url.pathname, '/moderate') ? 'moderate' : null;
    if (!page) return false;
    // Both keys are tried at either door: a moderator's link pasted into /present is refused, not
    // counted as a guess.
    const verdict = attempts.checkRoles(
      { presenter: expectedToken, moderator: moderatorToken },
      req.socket?.remoteAddress ?? 'unknown',
      url.searchParams.get('token'),
    );
    if (verdict.kind === 'wait') {
      const seconds = Math.ceil(verdict.waitMs / 1000);
      res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(seconds) });
      res.end(`${verdict.message}\n`);
      return true;
    }
    if (verdict.kind === 'right' && (page === 'moderate' || verdict.role === 'presenter')) {
      noStore(res);
      return false;
    }
    res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page === 'moderate' ? MODERATOR_REFUSED_PAGE : REFUSED_PAGE);
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

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} — meshstage</title>
<style>body{font:18px/1.5 system-ui,sans-serif;background:#10131a;color:#e8ecf3;max-width:40rem;margin:10vh auto;padding:0 1.5rem}
code{background:#1d2330;padding:.1em .35em;border-radius:4px}a{color:#8ab4ff}</style></head>
<body>${body}</body></html>`;

const REFUSED_PAGE = page(
  'Presenter view refused',
  `<h1 data-testid="presenter-refused">Presenter view refused</h1>
<p>This link has no valid presenter token, so it cannot drive the slides or the demo.</p>
<p>Use the <code>Presenter:</code> URL that <code>npm start</code> printed (it ends in <code>?token=…</code>),
or start the server with <code>PRESENTER_TOKEN</code> set.</p>
<p>Following the talk? <a href="/live">Open the audience view</a>.</p>`,
);

const MODERATOR_REFUSED_PAGE = page(
  'Moderation refused',
  `<h1 data-testid="moderator-refused">Moderation refused</h1>
<p>This link has no valid moderator token, so it cannot moderate the questions.</p>
<p>Ask the presenter for the <code>Moderator:</code> URL that <code>npm start</code> printed (it ends in <code>?token=…</code>).</p>
<p>Following the talk? <a href="/live">Open the audience view</a>.</p>`,
);
