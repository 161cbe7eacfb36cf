// Polls are declared in the slide markdown, one per slide:
//   <!-- .poll: id="lowest-p99" question="Which data plane will have the lowest p99?"
//               predicts="lowest-p99" options="sidecar|ambient|ebpf" -->
//   <!-- .poll: id="in-prod" question="Do you run a mesh in production?" options="yes=Yes|no=No|soon=Not yet" -->
// A prediction poll (`predicts`) lists mode ids and is revealed against the demo's measurements.
// The comment becomes the slot the live poll renders into.
import type { PollMeasure, PollSpec } from '../audience/types';
import { MODE_IDS, MODES, type ModeId } from '../mesh/modes';
import { parseAttributes } from './attributes';

export const POLL_COMMENT = /<!--\s*\.poll:\s*([\s\S]*?)\s*-->/;
const MEASURES: PollMeasure[] = ['lowest-p50', 'lowest-p99', 'lowest-cpu'];
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function parsePoll(attrText: string, where: string): PollSpec {
  const a = parseAttributes(attrText);
  const fail = (why: string): never => {
    throw new Error(`${where}: poll ${a.id ? `"${a.id}" ` : ''}${why}`);
  };
  if (!a.id || !ID.test(a.id)) fail('needs id="…" (lowercase letters, digits, dashes)');
  if (!a.question) fail('needs question="…"');
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

/** The poll declared in a slide's markdown (if any), and the markdown with the slot in its place. */
export function extractPoll(markdown: string, where: string): { poll: PollSpec | null; markdown: string } {
  const m = markdown.match(POLL_COMMENT);
  if (!m) return { poll: null, markdown };
  const poll = parsePoll(m[1]!, where);
  if (markdown.slice(m.index! + m[0].length).match(POLL_COMMENT)) throw new Error(`${where}: one poll per slide`);
  return { poll, markdown: markdown.replace(POLL_COMMENT, `<div class="poll-slot" data-poll-slot="${poll.id}"></div>`) };
}
