// Slides are authored as markdown with reveal.js's markdown conventions, rendered to HTML once
// on the server so phones never download a markdown parser:
//   ---                                     separates slides
//   Caption: ...                            starts the replay's caption: for a viewer alone, public
//   Note: ...                               starts the speaker notes of a slide (private)
//   <!-- .slide: data-demo="panel" -->      attributes of the slide (section element)
//   <!-- .element: class="fragment" -->     attributes of the block it ends or follows: the li, p or
//                                           table, never a <code> or <strong> in the line (element-attributes.ts;
//                                           `data-inline` in the comment: the inline element before it)
//   <!-- .poll: id="…" question="…" … -->   a live poll on this slide (parse-poll.ts)
//   <!-- .scene: modes="…" errors="10" … -->  the demo scene this slide runs (parse-scene.ts)
//   <div data-diagram="id"></div>           a diagram from slides/diagrams/id.json (diagram/)
import { Marked } from 'marked';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import type { PollSpec } from '../audience/types';
import { parseAttributes } from './attributes';
import { inlineDiagrams } from './diagram/inline-diagrams';
import { applyElementAttributes } from './element-attributes';
import { extractPoll } from './parse-poll';
import { extractScene } from './parse-scene';
import type { Scene } from '../mesh/scene';

const SLIDE_SEPARATOR = /^---[ \t]*$/m;
// `Caption:` and `Note:` open a slide's two texts below its body, in either order.
const TEXT_SEPARATOR = /^[ \t]*(notes?|caption):[ \t]*/im;
const SLIDE_ATTRS = /<!--\s*\.slide:\s*(.*?)\s*-->/;

const marked = new Marked({ gfm: true, breaks: false });

export interface ParsedSlide {
  html: string;
  notesHtml: string;
  captionHtml: string;
  attrs: Record<string, string>;
  title: string;
  /** The paragraph right under the heading, as text ('' when none): a phone shows it, at its own
   *  size, above a slide's demo, poll or calculator. */
  subtitle: string;
  fragments: number;
  poll: PollSpec | null;
  scene: Scene | null;
}

export { parseAttributes };

export function splitSlides(markdown: string): string[] {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(SLIDE_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const NO_DIAGRAMS = (id: string): string => {
  throw new Error(`no diagram files given (wanted ${id})`);
};

export function parseSlide(source: string, where = 'slide', readDiagram: (id: string) => string = NO_DIAGRAMS): ParsedSlide {
  const { body, notes, caption } = splitTexts(source, where);
  const slideAttrMatch = body.match(SLIDE_ATTRS);
  const attrs = slideAttrMatch ? parseAttributes(slideAttrMatch[1]!) : {};
  const withScene = extractScene(slideAttrMatch ? body.replace(SLIDE_ATTRS, '') : body, where);
  const { poll, markdown } = extractPoll(withScene.markdown, where);

  const root = parseHtml(marked.parse(markdown, { async: false }), { comment: true });
  applyElementAttributes(root);
  inlineDiagrams(root, readDiagram, where);
  return {
    html: root.toString().trim(),
    notesHtml: notes ? marked.parse(notes, { async: false }).trim() : '',
    captionHtml: caption ? marked.parse(caption, { async: false }).trim() : '',
    attrs,
    title: root.querySelector('h1, h2, h3')?.text.trim() ?? '',
    subtitle: subtitleOf(root),
    fragments: countFragmentSteps(root),
    poll,
    scene: withScene.scene,
  };
}

function splitTexts(source: string, where: string): { body: string; notes: string; caption: string } {
  // split() with a capturing group interleaves the markers: [body, marker, text, marker, text…]
  const [body = '', ...rest] = source.split(TEXT_SEPARATOR);
  const texts = { notes: [] as string[], caption: [] as string[] };
  for (let i = 0; i < rest.length; i += 2) {
    const kind = rest[i]!.toLowerCase() === 'caption' ? 'caption' : 'notes';
    if (kind === 'caption' && texts.caption.length > 0) throw new Error(`${where}: two Caption: blocks`);
    texts[kind].push(rest[i + 1] ?? '');
  }
  return { body, notes: texts.notes.join('\n').trim(), caption: texts.caption.join('\n').trim() };
}

/** The paragraph right after the slide's first heading, if it is one (not a source line, not a
 *  fragment still to come): its text, entities decoded, markup dropped. */
function subtitleOf(root: HTMLElement): string {
  const next = root.querySelector('h1, h2, h3')?.nextElementSibling;
  // By the attribute: node-html-parser's classList does not see a class set after parsing.
  const classes = (next?.getAttribute('class') ?? '').split(/\s+/);
  if (!next || next.tagName !== 'P' || classes.includes('source') || classes.includes('fragment')) return '';
  return next.text.replace(/\s+/g, ' ').trim();
}

/** reveal.js groups fragments sharing a `data-fragment-index`; every other fragment is its own step. */
function countFragmentSteps(root: HTMLElement): number {
  const indexed = new Set<string>();
  let unindexed = 0;
  for (const el of root.querySelectorAll('.fragment')) {
    const index = el.getAttribute('data-fragment-index');
    if (index === undefined) unindexed++;
    else indexed.add(index);
  }
  return indexed.size + unindexed;
}
