// Reads slides/manifest.json, the section files and the diagrams they name (slides/diagrams/).
// Used by the server at start and by the
// Next.js pages at build time, so both see the same deck. (The turbopackIgnore hint stops Next
// from tracing the whole project because of the dynamic file name; the pages are static.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { buildDeck } from '../../lib/deck/build-deck';
import type { Deck } from '../../lib/deck/types';

const ManifestSchema = z.strictObject({
  title: z.string().min(1),
  minutes: z.number().positive(),
  sections: z.array(z.strictObject({ file: z.string().regex(/^[\w-]+\.md$/), title: z.string().min(1), minutes: z.number().positive() })).min(1),
});

export function loadDeck(slidesDir = path.join(process.cwd(), 'slides')): Deck {
  const manifestPath = path.join(slidesDir, 'manifest.json');
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) throw new Error(`${manifestPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const planned = parsed.data.sections.reduce((sum, s) => sum + s.minutes, 0);
  if (planned > parsed.data.minutes + 1e-9) {
    throw new Error(`${manifestPath}: sections add up to ${planned} minutes, more than the talk's ${parsed.data.minutes}`);
  }
  return buildDeck(
    parsed.data,
    (file) => readFileSync(path.join(/*turbopackIgnore: true*/ slidesDir, file), 'utf8'),
    (id) => readFileSync(path.join(/*turbopackIgnore: true*/ slidesDir, 'diagrams', `${id}.json`), 'utf8'),
  );
}
