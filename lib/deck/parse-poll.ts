// Polls are declared in the slide markdown, one per slide:
//   <!-- .poll: id="lowest-p99" question="Which data plane will have the lowest p99?"
//               predicts="lowest-p99" options="sidecar|ambient|ebpf" -->
//   <!-- .poll: id="in-prod" question="Do you run a mesh in production?" options="yes=Yes|no=No|soon=Not yet" -->
// A prediction poll (`predicts`) lists mode ids and is revealed against the demo's measurements.
// A numeric poll asks for a number instead of a choice (no options):
//   <!-- .poll: id="sidecar-p99" question="How many ms does a sidecar add to p99?" kind="number"
//               unit="ms" min="0.1" max="100" scale="log" measures="added-p99:sidecar" -->
// `scale` is `linear` (the default) or `log` (min above 0); `measures`, optional, is what the reveal
// lands on: a comparison-table figure (p50, p99, added-p50, added-p99) of one mode, in ms or µs.
// The comment becomes the slot the live poll renders into.
import { NUMERIC_FIGURES, type NumberSpec, type NumericFigure, type PollMeasure, type PollSpec } from '../audience/types';
import { MODE_IDS, MODES, type ModeId } from '../mesh/modes';
import { parseAttributes } from './attributes';

export const POLL_COMMENT = /<!--\s*\.poll:\s*([\s\S]*?)\s*-->/;
const MEASURES: PollMeasure[] = ['lowest-p50', 'lowest-p99', 'lowest-cpu'];
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const NUMBER_ATTRS = ['unit', 'min', 'max', 'scale', 'measures'] as const;
/** Units a latency figure can be revealed in, and how many µs one of them is. */
export const LATENCY_UNITS: Readonly<Record<string, number>> = { ms: 1000, µs: 1, us: 1 };

export function parsePoll(attrText: string, where: string): PollSpec {
  const a = parseAttributes(attrText);
  const fail = (why: string): never => {
    throw new Error(`${where}: poll ${a.id ? `"${a.id}" ` : ''}${why}`);
  };
  if (!a.id || !ID.test(a.id)) fail('needs id="…" (lowercase letters, digits, dashes)');
  if (!a.question) fail('needs question="…"');
  const unquoted = attrText.replace(/([\w:-]+)="[^"]*"/g, '').match(/([\w:-]+)=(\S*)/);
  if (unquoted) fail(`${unquoted[1]}=${unquoted[2]}: put the value in double quotes`);
  const kind = a.kind ?? 'choice';
  if (kind === 'number') return { id: a.id!, question: a.question!, options: [], number: parseNumber(a, fail) };
  if (kind !== 'choice') fail(`kind="${kind}" is not one of choice, number`);
  for (const k of NUMBER_ATTRS) if (a[k] !== undefined) fail(`has ${k}="…", which only a numeric poll (kind="number") takes`);
  if (!a.options) fail('needs options="a|b|…"');
  const predicts = a.predicts as PollMeasure | undefined;
  if (predicts !== undefined && !MEASURES.includes(predicts)) fail(`predicts="${predicts}" is not one of ${MEASURES.join(', ')}`);
  const options = a.options!.split('|').map((raw) => {
    const [id, label] = raw.includes('=') ? [raw.slice(0, raw.indexOf('=')).trim(), raw.slice(raw.indexOf('=') + 1).trim()] : [raw.trim(), ''];
    if (!ID.test(id)) fail(`option "${id}" is not a valid id`);
    if (predicts && !(MODE_IDS as readonly string[]).includes(id)) fail(`is a prediction: option "${id}" must be a mode id (${MODE_IDS.join(', ')})`);
    return { id, label: label || (predicts ? MODES[id as ModeId].label : id) };
  });
  if (options.length < 2) fail('needs at least two options');
  if (new Set(options.map((o) => o.id)).size !== options.length) fail('has duplicate options');
  return { id: a.id!, question: a.question!, options, ...(predicts ? { predicts } : {}) };
}

function parseNumber(a: Record<string, string>, fail: (why: string) => never): NumberSpec {
  if (a.options !== undefined) fail('is numeric (kind="number"): it takes no options');
  if (a.predicts !== undefined) fail('is numeric (kind="number"): it is revealed by measures="figure:mode", not predicts');
  const unit = a.unit?.trim();
  if (!unit || unit.length > 12) fail('is numeric: needs unit="…" (up to 12 characters, e.g. ms)');
  const num = (k: 'min' | 'max'): number => {
    const raw = a[k];
    if (raw === undefined) return fail(`is numeric: needs ${k}="…"`);
    const n = raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(n) ? n : fail(`${k}="${raw}" is not a number`);
  };
  const min = num('min');
  const max = num('max');
  if (!(min < max)) fail(`needs min below max (min="${min}" max="${max}")`);
  const scale = a.scale ?? 'linear';
  if (scale !== 'linear' && scale !== 'log') fail(`scale="${scale}" is not one of linear, log`);
  if (scale === 'log' && min <= 0) fail('has scale="log": min must be above 0');
  const spec: NumberSpec = { unit: unit!, min, max, scale };
  if (a.measures === undefined) return spec;
  const [figure, mode, ...rest] = a.measures.split(':');
  if (!NUMERIC_FIGURES.includes(figure as NumericFigure) || rest.length > 0)
    fail(`measures="${a.measures}": the figure is one of ${NUMERIC_FIGURES.join(', ')}, as in measures="added-p99:sidecar"`);
  if (!(MODE_IDS as readonly string[]).includes(mode ?? '')) fail(`measures="${a.measures}": "${mode ?? ''}" is not a mode id (${MODE_IDS.join(', ')})`);
  if (figure!.startsWith('added-') && mode === 'none') fail(`measures="${a.measures}": No mesh adds nothing to itself`);
  if (LATENCY_UNITS[unit!] === undefined) fail(`measures a latency: unit="${unit}" must be one of ${Object.keys(LATENCY_UNITS).join(', ')}`);
  return { ...spec, measures: { figure: figure as NumericFigure, mode: mode as ModeId } };
}

/** The poll declared in a slide's markdown (if any), and the markdown with the slot in its place. */
export function extractPoll(markdown: string, where: string): { poll: PollSpec | null; markdown: string } {
  const m = markdown.match(POLL_COMMENT);
  if (!m) return { poll: null, markdown };
  const poll = parsePoll(m[1]!, where);
  if (markdown.slice(m.index! + m[0].length).match(POLL_COMMENT)) throw new Error(`${where}: one poll per slide`);
  return { poll, markdown: markdown.replace(POLL_COMMENT, `<div class="poll-slot" data-poll-slot="${poll.id}"></div>`) };
}
