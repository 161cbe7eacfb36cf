// A hash of everything the build reads, so `npm start` rebuilds exactly when something changed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const BUILD_STAMP = 'dist/build-stamp.json';

const INPUTS = [
  'app',
  'components',
  'lib',
  'content',
  'server',
  'slides',
  'public',
  'backends',
  'package-lock.json',
  'next.config.ts',
  'tsconfig.json',
  'scripts/build.mjs',
  'scripts/build-lab.mjs',
  'scripts/build-dataplane.mjs',
  'scripts/node-binaries.mjs',
];
const SKIP = /(^|\/)(node_modules|\.next|dist|target)(\/|$)|\.test\.tsx?$/;

function* files(entry) {
  if (!existsSync(entry) || SKIP.test(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const name of readdirSync(entry).sort()) yield* files(path.join(entry, name));
  } else {
    yield entry;
  }
}

/** The hash of every file under `inputs` (paths and contents, in a stable order). */
export function sourceHash(inputs = INPUTS) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of files(input)) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}
