// Replaces each `<div data-diagram="id"></div>` in a slide with the drawn figure, on the slide's
// parsed HTML (parse-markdown.ts) — wherever the author put it, as long as it is empty.
import type { HTMLElement } from 'node-html-parser';
import { renderDiagram } from './render-diagram';
import { parseDiagram } from './spec';

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Inlines the slide's diagrams into `root` and returns their ids, in order. */
export function inlineDiagrams(root: HTMLElement, readDiagram: (id: string) => string, where: string): string[] {
  return root.querySelectorAll('div[data-diagram]').map((placeholder) => {
    const id = placeholder.getAttribute('data-diagram') ?? '';
    if (!ID.test(id)) throw new Error(`${where}: data-diagram="${id}" is not a diagram id (lowercase letters, digits, dashes)`);
    if (placeholder.innerHTML.trim() !== '')
      throw new Error(`${where}: write a diagram as an empty <div data-diagram="${id}"></div> (found ${placeholder.outerHTML})`);
    let json: string;
    try {
      json = readDiagram(id);
    } catch (err) {
      throw new Error(`${where}: diagram "${id}" cannot be read (slides/diagrams/${id}.json: ${(err as Error).message})`, { cause: err });
    }
    placeholder.replaceWith(renderDiagram(id, parseDiagram(json, `slides/diagrams/${id}.json`)));
    return id;
  });
}
