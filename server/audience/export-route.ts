// After the talk: GET /api/audience/export.json or .csv with the presenter token (query `token`
// or `Authorization: Bearer …`) gives every poll with its counts (a numeric poll: its answers'
// n and quartiles, the JSON its answers too) and every question. Its token
// goes through the same door as the presenter's connections (wrong ones counted, then "wait").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TokenAttempts } from '../guards/token-attempts';
import type { AudienceService } from './audience-service';

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote everything; a leading = + - @ would be a formula in a spreadsheet.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** The address a request's wrong tokens are counted against: its socket's, unless the process sits
 *  behind a scale-out edge on loopback (server/cluster/child.ts), which says whose it forwards. */
export type AddressOf = (req: IncomingMessage) => string;
const socketAddress: AddressOf = (req) => req.socket?.remoteAddress ?? 'unknown';

export function audienceExport(audience: AudienceService, presenterToken: string, attempts = new TokenAttempts(), addressOf: AddressOf = socketAddress) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = url.pathname.match(/^\/api\/audience\/export\.(json|csv)$/);
    if (!m) return false;
    const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const verdict = attempts.check(presenterToken, addressOf(req), bearer ?? url.searchParams.get('token'));
    if (verdict.kind === 'wait') {
      res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(Math.ceil(verdict.waitMs / 1000)) }).end(`${verdict.message}\n`);
      return true;
    }
    if (verdict.kind !== 'right') {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('The export needs the presenter token.');
      return true;
    }
    const data = audience.state.export();
    if (m[1] === 'json') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-disposition': 'attachment; filename="meshstage-audience.json"',
        'cache-control': 'no-store',
      });
      res.end(JSON.stringify(data, null, 2));
      return true;
    }
    const rows: unknown[][] = [['kind', 'id', 'text', 'option', 'count', 'status', 'at']];
    for (const p of data.polls) {
      for (const o of p.options) rows.push(['poll', p.id, p.question, o.label, p.counts[o.id] ?? 0, p.status, '']);
      // A numeric poll: one row of its distribution (`option` says what each figure is), in its unit.
      if (p.number && p.estimates) {
        const e = p.estimates;
        const q = (v: number | null) => (v === null ? '–' : String(v));
        rows.push(['poll-estimate', p.id, p.question, `n=${e.n} q1=${q(e.q1)} median=${q(e.median)} q3=${q(e.q3)} ${p.number.unit}`, e.n, p.status, '']);
      }
      if (p.answer) {
        const measured =
          p.answer.value === undefined ? (p.answer.option ?? '') : p.answer.value === null ? 'not measured' : `${p.answer.value} ${p.answer.unit ?? ''}`.trim();
        rows.push(['poll-answer', p.id, p.answer.detail, measured, '', p.status, '']);
      }
    }
    for (const q of data.questions) rows.push(['question', q.id, q.text, q.name ?? '', q.votes, q.status, q.at]);
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="meshstage-audience.csv"',
      'cache-control': 'no-store',
    });
    res.end(rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n');
    return true;
  };
}
