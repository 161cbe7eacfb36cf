// Slides are authored as markdown with reveal.js's markdown conventions, rendered to HTML once
// on the server so phones never download a markdown parser:
//   ---                                     separates slides
//   Caption: ...                            starts the replay's caption: for a viewer alone, public
//   Note: ...                               starts the speaker notes of a slide (private)
//   <!-- .slide: data-demo="panel" -->      attributes of the slide (section element)
//   <!-- .element: class="fragment" -->     attributes of the element before it (or its parent)
//   <!-- .poll: id="…" question="…" … -->   a live poll on this slide (parse-poll.ts)
//   <div data-diagram="id"></div>           a diagram from slides/diagrams/id.json (diagram/)
import { Marked } from 'marked';
import { parse as parseHtml, HTMLElement, NodeType, type Node } from 'node-html-parser';
import type { PollSpec } from '../audience/types';
import { parseAttributes } from './attributes';
import { inlineDiagrams } from './diagram/inline-diagrams';
import { extractPoll } from './parse-poll';

const SLIDE_SEPARATOR = /^---[ \t]*$/m;
// `Caption:` and `Note:` open a slide's two texts below its body, in either order.
const TEXT_SEPARATOR = /^[ \t]*(notes?|caption):[ \t]*/im;
const SLIDE_ATTRS = /<!--\s*\.slide:\s*(.*?)\s*-->/;
const ELEMENT_ATTRS = /^\s*\.element:\s*(.*?)\s*$/s;

const marked = new Marked({ gfm: true, breaks: false });

export interface ParsedSlide {
  html: string;
  notesHtml: string;
  captionHtml: string;
  attrs: Record<string, string>;
  title: string;
  fragments: number;
  poll: PollSpec | null;
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
  const { poll, markdown } = extractPoll(slideAttrMatch ? body.replace(SLIDE_ATTRS, '') : body, where);

  const root = parseHtml(marked.parse(markdown, { async: false }), { comment: true });
  applyElementAttributes(root);
  inlineDiagrams(root, readDiagram, where);
  return {
    html: root.toString().trim(),
    notesHtml: notes ? marked.parse(notes, { async: false }).trim() : '',
    captionHtml: caption ? marked.parse(caption, { async: false }).trim() : '',
    attrs,
    title: root.querySelector('h1, h2, h3')?.text.trim() ?? '',
    fragments: countFragmentSteps(root),
    poll,
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

/** Mirrors reveal.js's markdown plugin: the comment applies to the element just before it when
 *  nothing but whitespace separates them, otherwise to the element that contains it. */
function applyElementAttributes(root: HTMLElement): void {
  const comments: Node[] = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === NodeType.COMMENT_NODE) comments.push(child);
      else walk(child);
    }
  };
  walk(root);
  for (const comment of comments) {
    const match = comment.rawText.match(ELEMENT_ATTRS);
    if (!match) continue;
    const target = elementBefore(comment) ?? comment.parentNode;
    if (target instanceof HTMLElement && target !== root) {
      for (const [name, value] of Object.entries(parseAttributes(match[1]!))) {
        const existing = name === 'class' ? target.getAttribute('class') : undefined;
        target.setAttribute(name, existing ? `${existing} ${value}` : value);
      }
    }
    comment.remove();
  }
}

function elementBefore(node: Node): HTMLElement | null {
  const siblings = node.parentNode?.childNodes ?? [];
  for (let i = siblings.indexOf(node) - 1; i >= 0; i--) {
    const sibling = siblings[i]!;
    if (sibling instanceof HTMLElement) return sibling;
    if (sibling.nodeType === NodeType.TEXT_NODE && sibling.rawText.trim() !== '') return null;
  }
  return null;
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
