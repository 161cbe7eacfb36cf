// The TypeScript imports form no circle: every module can be read after the modules it imports.
// The graph is scripts/tree-diagram.mjs's (tsc's resolution, tsconfig's `@/` alias, every import and
// re-export, type-only ones included: a circle of types alone still ties two modules into one),
// here over every file tsconfig compiles — tests, scripts and e2e too. ESLint's import-x/no-cycle
// skips type-only imports and took lint from ~12 s to ~50 s here, so the guard is this test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { circles, importGraph, ties } from './tree-diagram.mjs';

const withLine = (file: string, line: string) => ({ [file]: `${readFileSync(file, 'utf8')}\n${line}\n` });
const tied = (overrides: Record<string, string> = {}) => {
  const graph = importGraph({ production: false, overrides });
  return circles(graph).map((c) => ties(graph, c));
};

describe('import circles', () => {
  it('finds none in the repo (type-only imports count)', () => {
    expect(importGraph({ production: false }).size).toBeGreaterThan(300);
    expect(tied()).toEqual([]);
  });

  it('names a throw-away circle of type-only re-exports', () => {
    expect(tied(withLine('lib/contract/events.ts', "export type { ClientToServerEvents } from './commands';"))).toEqual([
      ['lib/contract/commands.ts → lib/contract/events.ts', 'lib/contract/events.ts → lib/contract/commands.ts'],
    ]);
  });

  it('names a throw-away circle through the @/ alias and a type import', () => {
    expect(tied(withLine('server/hub/direct-write.ts', "import type { Hub } from '@/server/hub/hub';\nexport type H = Hub;"))).toEqual([
      [
        'server/hub/connection.ts → server/hub/fan-out.ts',
        'server/hub/direct-write.ts → server/hub/hub.ts',
        'server/hub/fan-out.ts → server/hub/direct-write.ts',
        'server/hub/hub.ts → server/hub/connection.ts',
        'server/hub/hub.ts → server/hub/fan-out.ts',
      ],
    ]);
  });
});
