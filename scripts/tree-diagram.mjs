// Draws the tree from its imports: every production TypeScript file's imports, resolved as
// TypeScript resolves them (tsconfig `paths` included), grouped into the folders that are its
// parts, as a Mermaid diagram in CONTRIBUTING.md between the `tree:begin`/`tree:end` markers.
// It also finds what must never be: an import circle between files, an arrow from a backend into
// the server, or from the front end (app, components) into the server.
//   node scripts/tree-diagram.mjs           prints the diagram and the findings
//   node scripts/tree-diagram.mjs --write   puts the diagram into CONTRIBUTING.md
// scripts/tree-diagram.test.ts fails when CONTRIBUTING's diagram is not the code's, or on a finding.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOTS = ['app', 'components', 'content', 'lib', 'server', 'backends'];
/** Tests and what only tests use are not part of the house (ESLint keeps them out of it). */
const NOT_PRODUCTION = [
  /\.(test|apiserver-test|control-plane-test|cluster-test)\.tsx?$/,
  /\.check\.ts$/,
  /\.fixture\.ts$/,
  /(^|\/)(testing|fixtures)\//,
  /^backends\/mock\//,
  /^backends\/lab\/dataplane\//,
  /\.d\.ts$/,
];
export const CONTRIBUTING = 'CONTRIBUTING.md';
const BEGIN = '<!-- tree:begin (scripts/tree-diagram.mjs --write) -->';
const END = '<!-- tree:end -->';

/** The part a file belongs to: a backend, the seam, a server folder, or a top-level layer. */
export function partOf(file) {
  const [top, second] = file.split('/');
  if (top === 'backends') return `backends/${second}`;
  if (top === 'server') return second && !second.includes('.') ? `server/${second}` : 'server';
  return top;
}

function* sources(dir, root = dir.slice(0, dir.lastIndexOf('/'))) {
  for (const name of readdirSync(dir).sort()) {
    const p = path.posix.join(dir, name);
    if (name === 'node_modules' || name === 'target') continue;
    if (statSync(p).isDirectory()) yield* sources(p, root);
    else if (/\.tsx?$/.test(name) && !NOT_PRODUCTION.some((re) => re.test(path.posix.relative(root, p)))) yield p;
  }
}

/** Every module specifier a file names: imports and re-exports (type-only too), `import()` calls and
 *  types — a circle of types alone still ties two modules into one. */
function specifiers(file, text) {
  const out = [];
  const visit = (node) => {
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

/**
 * Every file and the files it imports (paths from the root), resolved as tsc resolves them
 * (tsconfig's `paths` included). `production` (default): the house — app, components, content,
 * lib, server, backends without tests and test support; else every file tsconfig compiles.
 * `overrides` replaces files' text (a throw-away import, in a test).
 */
export function importGraph({ root = process.cwd(), production = true, overrides = {} } = {}) {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json did not parse');
  const rel = (f) => path.relative(root, f).split(path.sep).join('/');
  const files = production
    ? ROOTS.flatMap((r) => [...sources(path.posix.join(root, r))].map(rel))
    : config.fileNames.map(rel).filter((f) => !/(^|\/)(node_modules|\.next)\//.test(f));
  const known = new Set(files);
  const host = ts.createCompilerHost(config.options);
  const graph = new Map();
  for (const file of files) {
    const text = overrides[file] ?? readFileSync(path.join(root, file), 'utf8');
    const to = new Set();
    for (const spec of specifiers(file, text)) {
      const resolved = ts.resolveModuleName(spec, path.join(root, file), config.options, host).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = rel(resolved.resolvedFileName);
      if (known.has(target) && target !== file) to.add(target);
    }
    graph.set(file, [...to].sort());
  }
  return graph;
}

/** Files that import each other in a loop (strongly connected sets of more than one file, Tarjan). */
export function circles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The imports that tie one circle, `from → to`. */
export function ties(graph, circle) {
  const set = new Set(circle);
  return circle.flatMap((m) => (graph.get(m) ?? []).filter((d) => set.has(d)).map((d) => `${m} → ${d}`));
}

/** Imports between parts, with how many file-to-file imports each arrow stands for. */
export function partArrows(graph) {
  const arrows = new Map();
  for (const [from, tos] of graph) {
    for (const to of tos) {
      const a = partOf(from);
      const b = partOf(to);
      if (a === b) continue;
      const key = `${a} -> ${b}`;
      arrows.set(key, (arrows.get(key) ?? 0) + 1);
    }
  }
  return [...arrows.entries()]
    .map(([key, n]) => ({ from: key.split(' -> ')[0], to: key.split(' -> ')[1], n }))
    .sort((x, y) => `${x.from}${x.to}`.localeCompare(`${y.from}${y.to}`));
}

/** What must never be, found in the graph (empty when the house is sound). */
export function findings(graph) {
  const out = [];
  for (const c of circles(graph)) out.push(`import circle: ${c.join(' ↔ ')}`);
  const arrows = partArrows(graph);
  const has = new Set(arrows.map((a) => `${a.from} -> ${a.to}`));
  for (const a of arrows) if (a.from < a.to && has.has(`${a.to} -> ${a.from}`)) out.push(`two parts import each other: ${a.from} <-> ${a.to}`);
  for (const a of arrows) {
    const server = a.to === 'server' || a.to.startsWith('server/');
    if (server && a.from.startsWith('backends/')) out.push(`a backend imports the server: ${a.from} -> ${a.to}`);
    if (server && (a.from === 'app' || a.from === 'components')) out.push(`the front end imports the server: ${a.from} -> ${a.to}`);
  }
  return out;
}

const GROUPS = [
  ['front', 'front end (browser and pages)', (p) => p === 'app' || p === 'components'],
  ['web', 'server/ (the web server)', (p) => p === 'server' || p.startsWith('server/')],
  ['back', 'backends/ (one folder each)', (p) => p.startsWith('backends/')],
];
const id = (part) => part.replace(/[^a-z0-9]/gi, '_');

/** The Mermaid diagram of the parts and the arrows between them. */
export function mermaid(graph) {
  const arrows = partArrows(graph);
  const parts = [...new Set([...graph.keys()].map(partOf))].sort();
  const files = (part) => [...graph.keys()].filter((f) => partOf(f) === part).length;
  const node = (part) => `    ${id(part)}["${part}<br/>${files(part)} files"]`;
  const lines = ['```mermaid', 'flowchart TB'];
  for (const [gid, label, has] of GROUPS) {
    lines.push(`  subgraph ${gid}["${label}"]`);
    for (const p of parts.filter(has)) lines.push(node(p));
    lines.push('  end');
  }
  for (const p of parts.filter((q) => !GROUPS.some(([, , has]) => has(q)))) lines.push(node(p).slice(2));
  for (const a of arrows) lines.push(`  ${id(a.from)} -->|${a.n}| ${id(a.to)}`);
  lines.push('```');
  return lines.join('\n');
}

export function section(graph) {
  const f = findings(graph);
  return [
    BEGIN,
    mermaid(graph),
    '',
    `Drawn from the imports of ${graph.size} production files (tests and test support — the in-memory backend in backends/mock, fakes, fixtures — left out); an arrow's number is how many`,
    `file-to-file imports it stands for. ${f.length === 0 ? 'No import circle, no two parts importing each other, no arrow from a backend into the server, none from the front end into the server.' : `Findings: ${f.join('; ')}`}`,
    END,
  ].join('\n');
}

/** CONTRIBUTING.md with its diagram replaced by `drawn`. */
export function withSection(text, drawn) {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${CONTRIBUTING} has no ${BEGIN} … ${END} markers`);
  return text.slice(0, a) + drawn + text.slice(b + END.length);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = importGraph();
  const drawn = section(graph);
  if (process.argv.includes('--write')) {
    writeFileSync(CONTRIBUTING, withSection(readFileSync(CONTRIBUTING, 'utf8'), drawn));
    console.log(`${CONTRIBUTING}: diagram of ${graph.size} files written`);
  } else console.log(drawn);
  const f = findings(graph);
  if (f.length) {
    console.error(f.join('\n'));
    process.exitCode = 1;
  }
}
