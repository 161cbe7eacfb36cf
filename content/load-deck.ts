// Reads slides/manifest.json, the section files and the diagrams they name (slides/diagrams/).
// Used by the server at start and by the
// Next.js pages at build time, so both see the same deck. (The turbopackIgnore hint stops Next
// from tracing the whole project because of the dynamic file name; the pages are static.)
// A version the kind path installs is written `{{pin:ISTIO_VERSION}}` in a section and filled in
// from backends/kind/cluster/versions.env, so the deck quotes the one source the cluster scripts and
// the control-plane tests use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { buildDeck } from '../lib/deck/build-deck';
import type { Deck } from '../lib/deck/types';

const ManifestSchema = z.strictObject({
  title: z.string().min(1),
  minutes: z.number().positive(),
  sections: z.array(z.strictObject({ file: z.string().regex(/^[\w-]+\.md$/), title: z.string().min(1), minutes: z.number().positive() })).min(1),
});

const PIN = /\{\{pin:([A-Z][A-Z0-9_]*)\}\}/g;

/** Replaces `{{pin:NAME}}` with NAME's value in `versionsEnv` (versions.env's text, read only
 *  when a section has a placeholder); an unknown name is an error naming the section. */
export function fillPins(markdown: string, file: string, versionsEnv: () => string): string {
  return markdown.replace(PIN, (_, name: string) => {
    const value = new RegExp(`^${name}=(.+)$`, 'm').exec(versionsEnv())?.[1]?.trim();
    if (!value) throw new Error(`${file}: {{pin:${name}}} is not in backends/kind/cluster/versions.env`);
    return value;
  });
}

export function loadDeck(slidesDir = path.join(process.cwd(), 'slides')): Deck {
  const manifestPath = path.join(slidesDir, 'manifest.json');
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) throw new Error(`${manifestPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const planned = parsed.data.sections.reduce((sum, s) => sum + s.minutes, 0);
  if (planned > parsed.data.minutes + 1e-9) {
    throw new Error(`${manifestPath}: sections add up to ${planned} minutes, more than the talk's ${parsed.data.minutes}`);
  }
  let versionsEnv: string | null = null; // read once, and only if a section has a pin
  const pins = () =>
    (versionsEnv ??= readFileSync(path.join(/*turbopackIgnore: true*/ slidesDir, '..', 'backends', 'kind', 'cluster', 'versions.env'), 'utf8'));
  return buildDeck(
    parsed.data,
    (file) => fillPins(readFileSync(path.join(/*turbopackIgnore: true*/ slidesDir, file), 'utf8'), file, pins),
    (id) => readFileSync(path.join(/*turbopackIgnore: true*/ slidesDir, 'diagrams', `${id}.json`), 'utf8'),
  );
}
