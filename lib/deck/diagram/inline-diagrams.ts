// Replaces each `<div data-diagram="id"></div>` a slide's markdown holds with the drawn figure.
import { parse as parseHtml } from 'node-html-parser';
import { renderDiagram } from './render-diagram';
import { parseDiagram } from './spec';

const PLACEHOLDER = /<div\s+data-diagram="([a-z0-9][a-z0-9-]{0,39})"\s*>\s*<\/div>/g;

export function inlineDiagrams(html: string, readDiagram: (id: string) => string, where: string): { html: string; diagrams: string[] } {
  const diagrams: string[] = [];
  const out = html.replace(PLACEHOLDER, (_, id: string) => {
    let json: string;
    try {
      json = readDiagram(id);
    } catch (err) {
      throw new Error(`${where}: diagram "${id}" cannot be read (slides/diagrams/${id}.json: ${(err as Error).message})`);
    }
    diagrams.push(id);
    return renderDiagram(id, parseDiagram(json, `slides/diagrams/${id}.json`));
  });
  // Anything else naming a diagram is a typo the author wants to hear about, not a blank space.
  const stray = parseHtml(out).querySelectorAll('div[data-diagram]');
  if (stray.length > 0) throw new Error(`${where}: write a diagram as <div data-diagram="id"></div> on its own line (found ${stray[0]!.outerHTML})`);
  return { html: out, diagrams };
}
