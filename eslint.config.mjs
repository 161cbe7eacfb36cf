// ESLint for the whole repo: typescript-eslint's recommended rules, React's hooks rules, and the
// layer boundaries (eslint-plugin-boundaries). Formatting is Prettier's alone (eslint-config-prettier
// turns off every rule that would fight it). `npm run lint` runs it; `npm test` runs that first.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers, most specific pattern first (a file belongs to the first one it matches).
 *   lib          pure domain: contracts, schemas, layout, formatting — imports nothing else
 *                (lib/testing/ is test support: only tests and tooling import it, TEST_SUPPORT)
 *   components   React views; app: Next.js routes — both render lib, never reach the server
 *   content      reads the talk from slides/ (content/load-deck.ts): the pages at build time and
 *                the server at start both load the deck through it; imports lib only
 *   server       the web server: hub, engine, audience, deck, replay routes — reaches a backend only
 *                through its public face, backends/<name>/index.ts (PUBLIC)
 *   seam         backends/seam: the port every backend implements (MeshBackend), its channel and
 *                errors — the engine's side of the line; imports lib only
 *   backend      one folder per backend (backends/lab, kind, replay, mock): its adapter and
 *                everything it runs — imports lib, the seam's face and itself, never the server
 *   backend-test a backend's tests may also compose other backends through their faces (the stage
 *                fallback over kind; the in-memory backend under the fallback)
 *   tooling      scripts, benches, e2e tests: they drive everything and are imported by nothing
 */
const TESTS = '**/*.{test,apiserver-test,control-plane-test,cluster-test}.{ts,tsx}';
const ELEMENTS = [
  { type: 'lib-testing', pattern: 'lib/testing/**', partialMatch: false },
  { type: 'lib', pattern: 'lib/**', partialMatch: false },
  { type: 'components', pattern: 'components/**', partialMatch: false },
  { type: 'app', pattern: 'app/**', partialMatch: false },
  { type: 'server', pattern: 'server/**', partialMatch: false },
  { type: 'content', pattern: 'content/**', partialMatch: false },
  { type: 'seam', pattern: 'backends/seam/**', partialMatch: false },
  { type: 'backend', pattern: 'backends/*', capture: ['backend'] },
  { type: 'tooling', pattern: ['scripts/**', 'bench/**', 'e2e/**'], partialMatch: false },
];

const may = (from, to) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: [to].flat() } } } } });
/** A backend's, or the seam's, one public face. */
const PUBLIC = (type) => ({ to: { element: { type, fileInternalPath: 'index.ts' } } });
/** A backend's own files (any of them), from its code or its tests. */
const ITSELF = { to: { element: { type: 'backend', captured: { backend: '{{ from.element.captured.backend }}' } } } };
/** Files by what they are, whatever their layer: tests, and the support only tests may use. */
const FILES = [
  { category: 'test', pattern: TESTS, stopMatching: true },
  {
    category: 'test-support',
    pattern: ['lib/testing/**', 'server/testing/**', 'backends/*/adapter/testing/**', 'backends/*/adapter/fixtures/**', 'backends/mock/**'],
    stopMatching: true,
  },
  { category: 'production', pattern: '{lib,components,app,content,server,backends}/**' },
];
const FOR_TESTS = ['test', 'test-support'];

/** Test code: specs of every kind, the e2e suite, and the helpers tests share. */
const TEST_FILES = [
  '**/*.test.{ts,tsx}',
  '**/*.apiserver-test.ts',
  '**/*.control-plane-test.ts',
  '**/*.cluster-test.ts',
  'e2e/**/*.ts',
  'lib/testing/**/*.ts',
  'server/testing/**/*.ts',
  'backends/**/testing/**/*.ts',
];
/** A setTimeout (window.setTimeout, globalThis.setTimeout) inside a promise's executor. */
const IN_PROMISE_SET_TIMEOUT =
  "NewExpression[callee.name='Promise'] CallExpression:matches([callee.name='setTimeout'], [callee.type='MemberExpression'][callee.property.name='setTimeout'])";
const NO_SLEEP =
  'A fixed sleep in a test: wait on a condition instead — vi.waitFor(() => expect(…)), until() from lib/testing/until.ts, an event the code emits, fake timers (vi.advanceTimersByTimeAsync), or expect.poll / a web-first assertion in Playwright (CONTRIBUTING.md).';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.next/**',
      '.next-static/**',
      'out/**',
      'test-results/**',
      'playwright-report/**',
      'public/**',
      'backends/lab/dataplane/**',
      'next-env.d.ts',
      '**/*.bpf.c',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `_name` marks a parameter kept for its position (a callback's signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A disable comment must say why (`-- reason`) and must still be needed.
      'no-warning-comments': 'off',
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    // Tests dig into YAML documents and generated resources by path; typing each probe buys nothing.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.apiserver-test.ts', '**/*.cluster-test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests wait on conditions, never on the clock (CONTRIBUTING.md): a fixed sleep is either too
    // short on a busy machine (flaky) or too long everywhere else (slow), and proves nothing when
    // what it waits out never comes. A setTimeout that schedules what the code under test would
    // (a fake-timer test's callback) is fine; one whose callback is a promise's resolve is a sleep.
    files: TEST_FILES,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // new Promise((r) => setTimeout(r, ms)), setTimeout(resolve, ms) in an executor
          selector: `${IN_PROMISE_SET_TIMEOUT}[arguments.0.type='Identifier']:not([arguments.0.name=/^rej/])`,
          message: NO_SLEEP,
        },
        {
          // new Promise((r) => setTimeout(() => r(), ms)) and (r) => setTimeout(() => { r(); }, ms)
          selector: `${IN_PROMISE_SET_TIMEOUT} > :function:first-child:matches([body.type='CallExpression'][body.callee.type='Identifier']:not([body.callee.name=/^rej/]), [body.body.length=1][body.body.0.expression.type='CallExpression'][body.body.0.expression.callee.type='Identifier']:not([body.body.0.expression.callee.name=/^rej/]))`,
          message: NO_SLEEP,
        },
        { selector: 'CallExpression[callee.name=/^(sleep|delay)$/]', message: NO_SLEEP },
      ],
      'no-restricted-properties': ['error', { property: 'waitForTimeout', message: NO_SLEEP }],
      'no-restricted-imports': [
        'error',
        {
          paths: ['timers/promises', 'node:timers/promises'].map((name) => ({ name, importNames: ['setTimeout', 'scheduler'], message: NO_SLEEP })),
        },
      ],
    },
  },
  {
    files: ['**/*.tsx', 'components/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    // The classic hooks rules. The plugin's React Compiler rules (set-state-in-effect, refs, …)
    // stay off: the app is not compiled by it, and they flag idioms it uses on purpose (the
    // latest-value ref, reading the URL after hydration).
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // The one rule that catches stale effects: an error, not a warning.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'boundaries/files': FILES,
      // .d.mts too: a tooling .mjs is resolved to its declarations, which must count as tooling.
      'boundaries/include': ['**/*.{ts,tsx,mjs,mts,js}'],
      // The TypeScript resolver reads tsconfig's `paths`: an `@/server/…` import is the server's, not
      // an unclassified path the layers let through (the node resolver did not see `@/` at all).
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: { extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: '{{from.type}} must not import {{to.type}} (layer boundaries: eslint.config.mjs)',
          policies: [
            may('lib', 'lib'),
            may('lib-testing', ['lib', 'lib-testing']),
            { from: { file: { categories: { anyOf: FOR_TESTS } } }, allow: { to: { element: { type: 'lib-testing' } } } },
            // A test may use any layer's test support (a test server, a fake cluster) beside its own layer.
            { from: { file: { categories: 'test' } }, allow: { to: { file: { categories: 'test-support' } } } },
            may('components', ['lib', 'components']),
            may('app', ['lib', 'components', 'app']),
            // Pages are server components rendered at build time: they read the deck from slides/
            // as the server does, through content/ — never anything of the server.
            may('app', 'content'),
            may('content', 'lib'),
            may('server', ['lib', 'server', 'content']),
            { from: { element: { type: 'server' } }, allow: PUBLIC('seam') },
            { from: { element: { type: 'server' } }, allow: PUBLIC('backend') },
            may('seam', ['lib', 'seam']),
            may('backend', 'lib'),
            { from: { element: { type: 'backend' } }, allow: PUBLIC('seam') },
            { from: { element: { type: 'backend' } }, allow: ITSELF },
            // A backend's tests may compose other backends through their faces (the stage fallback
            // over kind; the in-memory backend under the fallback).
            { from: { element: { type: 'backend' }, file: { categories: 'test' } }, allow: PUBLIC('backend') },
            may('tooling', ['lib', 'lib-testing', 'components', 'app', 'content', 'server', 'seam', 'backend', 'tooling']),
            // Test support (lib/testing, the in-memory backend, test servers) is for tests and tooling.
            { from: { file: { categories: 'production' } }, disallow: { to: { file: { categories: { anyOf: FOR_TESTS } } } } },
            { from: { element: { type: 'tooling' } }, allow: { to: { file: { categories: { anyOf: FOR_TESTS } } } } },
          ],
        },
      ],
    },
  },
  prettier,
);
