// `<!-- .element: class="fragment" -->` comments, applied to the parsed HTML of a slide.
//
// reveal.js's markdown plugin gives the comment to the element just before it. At the end of a
// list item that is the item's last <strong> or <code>, so the line shows without its last word
// ("out → :15001, in →", the port hidden). In this deck such a comment always means the line: an
// element comment goes to a block (li, p, heading, table cell, or the table, figure or diagram
// just before it). `data-inline` in the comment keeps reveal.js's rule for the one word that should
// come in on its own, and stays on that element so the deck's tests can tell it was meant.
import { HTMLElement, NodeType, type Node } from 'node-html-parser';
import { parseAttributes } from './attributes';

const ELEMENT_ATTRS = /^\s*\.element:\s*(.*?)\s*$/s;
const INLINE_MARKER = /(?:^|\s)data-inline(?=[\s=]|$)/;

// HTML's phrasing content that markdown and the slides' raw HTML produce: what sits inside a line.
const INLINE = new Set('a abbr b bdi br cite code del em i img ins kbd mark q s samp small span strong sub sup u'.split(' '));

export function applyElementAttributes(root: HTMLElement): void {
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
    const inline = INLINE_MARKER.test(match[1]!);
    const target = inline ? (elementBefore(comment) ?? comment.parentNode) : blockFor(comment);
    if (target instanceof HTMLElement && target !== root) {
      const attrs = parseAttributes(match[1]!);
      if (inline) attrs['data-inline'] ??= '';
      for (const [name, value] of Object.entries(attrs)) {
        const existing = name === 'class' ? target.getAttribute('class') : undefined;
        target.setAttribute(name, existing ? `${existing} ${value}` : value);
      }
    }
    comment.remove();
  }
}

/** The block just before the comment (nothing but whitespace between), else the block holding it. */
function blockFor(comment: Node): HTMLElement | null {
  const before = elementBefore(comment);
  if (before && !isInline(before)) return before;
  let node = comment.parentNode;
  while (node && isInline(node)) node = node.parentNode;
  return node;
}

function isInline(el: HTMLElement): boolean {
  return INLINE.has(el.tagName?.toLowerCase() ?? '');
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
