// The tree's diagram in CONTRIBUTING.md is the code's (drawn from the imports by
// scripts/tree-diagram.mjs), and the house has none of what must never be.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRIBUTING, circles, findings, importGraph, section, withSection } from './tree-diagram.mjs';

describe('the tree drawn from its imports', () => {
  const graph = importGraph();

  it('CONTRIBUTING.md shows the diagram the imports draw today (node scripts/tree-diagram.mjs --write)', () => {
    const text = readFileSync(CONTRIBUTING, 'utf8');
    expect(text).toBe(withSection(text, section(graph)));
  });

  it('has no import circle, no two parts importing each other, no arrow from a backend or the front end into the server', () => {
    expect(findings(graph)).toEqual([]);
  });

  it('would see each of them', () => {
    const bad = new Map([
      ['server/hub/a.ts', ['server/hub/b.ts']],
      ['server/hub/b.ts', ['server/hub/a.ts']],
      ['backends/kind/x.ts', ['server/config.ts']],
      ['components/v.tsx', ['server/hub/a.ts']],
      ['server/config.ts', ['server/audience/x.ts']],
      ['server/audience/x.ts', []],
      ['server/audience/y.ts', ['server/main.ts']],
      ['server/main.ts', []],
    ]);
    expect(circles(bad)).toEqual([['server/hub/a.ts', 'server/hub/b.ts']]);
    expect(findings(bad)).toEqual([
      'import circle: server/hub/a.ts ↔ server/hub/b.ts',
      'two parts import each other: server <-> server/audience',
      'a backend imports the server: backends/kind -> server',
      'the front end imports the server: components -> server/hub',
    ]);
  });
});
