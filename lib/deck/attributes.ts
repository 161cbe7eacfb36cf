// `name="value"` pairs, as in reveal.js's `<!-- .slide: … -->` comments.
const ATTR = /([\w:-]+)="([^"]*)"/g;

export function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of text.matchAll(ATTR)) attrs[match[1]!] = match[2]!;
  return attrs;
}
