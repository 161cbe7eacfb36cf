// The TypeScript imports form no circle: every module can be read after the modules it imports.
// The graph is built with the TypeScript compiler API, as tsc resolves it (tsconfig's files and its
// `@/` alias), from every import and re-export, type-only ones included (`import type`,
// `export type … from`, `import('…')` in a type, a dynamic `import()`): a circle of types alone
// still ties two modules into one. ESLint's import-x/no-cycle skips type-only imports and took
// lint from ~12 s to ~50 s here, so the guard is this test (`npm run test:unit`, `npm test`).
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** tsconfig's files outside node_modules and generated .next types, and its compiler options. */
function project() {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json did not parse');
  const files = config.fileNames.filter((f) => !/(^|\/)(node_modules|\.next)\//.test(path.relative(ROOT, f)));
  return { files, options: config.options };
}

/** Every module specifier a file names: imports and re-exports (type-only too), `import()` calls and types. */
function specifiers(file: string, text: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      out.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression))
      out.push(node.moduleReference.expression.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0]))
      out.push(node.arguments[0].text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      out.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return out;
}

/** The modules a file imports (paths relative to the root), resolved as tsc resolves them. */
function importsOf(file: string, text: string, options: ts.CompilerOptions, host: ts.CompilerHost, inProject: Set<string>): string[] {
  const deps = new Set<string>();
  for (const spec of specifiers(file, text)) {
    const resolved = ts.resolveModuleName(spec, file, options, host).resolvedModule;
    if (resolved && !resolved.isExternalLibraryImport && inProject.has(resolved.resolvedFileName)) deps.add(path.relative(ROOT, resolved.resolvedFileName));
  }
  return [...deps].sort();
}

let repoGraph: Map<string, string[]> | undefined;
/** The repo's import graph (paths relative to the root), with `overrides` in place of files' text. */
function importGraph(overrides: Record<string, string> = {}): Map<string, string[]> {
  const { files, options } = project();
  const inProject = new Set(files);
  const host = ts.createCompilerHost(options);
  repoGraph ??= new Map(files.map((f) => [path.relative(ROOT, f), importsOf(f, ts.sys.readFile(f) ?? '', options, host, inProject)]));
  const graph = new Map(repoGraph);
  for (const [rel, text] of Object.entries(overrides)) graph.set(rel, importsOf(path.join(ROOT, rel), text, options, host, inProject));
  return graph;
}

/** The circles: each strongly connected set of modules (Tarjan), with the imports that tie it. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const members: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      members.push(w);
    } while (w !== v);
    if (members.length > 1 || graph.get(v)?.includes(v)) {
      const set = new Set(members);
      found.push(members.sort().flatMap((m) => (graph.get(m) ?? []).filter((d) => set.has(d)).map((d) => `${m} → ${d}`)));
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

const withLine = (file: string, line: string) => ({ [file]: `${ts.sys.readFile(path.join(ROOT, file))}\n${line}\n` });

describe('import circles', () => {
  it('finds none in the repo (type-only imports count)', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(300);
    expect(circles(graph)).toEqual([]);
  });

  it('names a throw-away circle of type-only re-exports', () => {
    expect(circles(importGraph(withLine('lib/contract/events.ts', "export type { ClientToServerEvents } from './commands';")))).toEqual([
      ['lib/contract/commands.ts → lib/contract/events.ts', 'lib/contract/events.ts → lib/contract/commands.ts'],
    ]);
  });

  it('names a throw-away circle through the @/ alias and a type import', () => {
    expect(circles(importGraph(withLine('server/hub/direct-write.ts', "import type { Hub } from '@/server/hub/hub';\nexport type H = Hub;")))).toEqual([
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
