// The layer lint sees the front end: an import written with tsconfig's `@/` alias is classified like
// a relative one (eslint.config.mjs, eslint-import-resolver-typescript), so browser code reaching
// the server fails lint, and a page may use the deck loader and nothing else of the server.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const layerErrors = async (file: string, code: string) =>
  (await eslint.lintText(code, { filePath: file }))[0]!.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);

describe('layer boundaries through the @/ alias', () => {
  it('refuses a component importing the server with @/', async () => {
    expect(await layerErrors('components/shared/probe.ts', "import { attachHub } from '@/server/hub/hub';\nexport const p = attachHub;\n")).toEqual([
      'components must not import server (layer boundaries: eslint.config.mjs)',
    ]);
  });

  it('lets a page load the deck from content/, and nothing of the server; browser code neither', async () => {
    expect(await layerErrors('app/probe/page.tsx', "import { loadDeck } from '@/content/load-deck';\nexport const p = loadDeck;\n")).toEqual([]);
    expect(await layerErrors('app/probe/page.tsx', "import { attachHub } from '@/server/hub/hub';\nexport const p = attachHub;\n")).toEqual([
      'app must not import server (layer boundaries: eslint.config.mjs)',
    ]);
    expect(await layerErrors('components/shared/probe.ts', "import { loadDeck } from '@/content/load-deck';\nexport const p = loadDeck;\n")).toEqual([
      'components must not import content (layer boundaries: eslint.config.mjs)',
    ]);
  });

  it('refuses lib importing components with @/', async () => {
    expect(await layerErrors('lib/probe.ts', "import { PollCard } from '@/components/audience/PollCard';\nexport const p = PollCard;\n")).toEqual([
      'lib must not import components (layer boundaries: eslint.config.mjs)',
    ]);
  });
});

describe('one folder per backend, one public face each', () => {
  it('lets the server use a backend through its index.ts, and nothing behind it', async () => {
    expect(await layerErrors('server/probe.ts', "import { LabBackend } from '@/backends/lab/index';\nexport const p = LabBackend;\n")).toEqual([]);
    expect(await layerErrors('server/probe.ts', "import { LabBackend } from '../backends/lab/lab-backend';\nexport const p = LabBackend;\n")).toEqual([
      'server must not import backend (layer boundaries: eslint.config.mjs)',
    ]);
  });

  it('refuses a backend importing the server, another backend, or the seam behind its face', async () => {
    expect(await layerErrors('backends/kind/probe.ts', "import { loadConfig } from '../../server/config';\nexport const p = loadConfig;\n")).toEqual([
      'backend must not import server (layer boundaries: eslint.config.mjs)',
    ]);
    expect(await layerErrors('backends/kind/probe.ts', "import { LabBackend } from '../lab/index';\nexport const p = LabBackend;\n")).toEqual([
      'backend must not import backend (layer boundaries: eslint.config.mjs)',
    ]);
    expect(
      await layerErrors('backends/kind/probe.ts', "import { BackendChannel } from '../seam/backend-channel';\nexport const p = BackendChannel;\n"),
    ).toEqual(['backend must not import seam (layer boundaries: eslint.config.mjs)']);
    expect(await layerErrors('backends/kind/probe.ts', "import { BackendChannel } from '../seam/index';\nexport const p = BackendChannel;\n")).toEqual([]);
  });

  it('keeps test support out of production code', async () => {
    expect(await layerErrors('lib/probe.ts', "import { until } from './testing/until';\nexport const p = until;\n")).toEqual([
      'lib must not import lib-testing (layer boundaries: eslint.config.mjs)',
    ]);
    expect(await layerErrors('lib/probe.test.ts', "import { until } from './testing/until';\nexport const p = until;\n")).toEqual([]);
    expect(await layerErrors('server/probe.ts', "import { InMemoryBackend } from '../backends/mock/index';\nexport const p = InMemoryBackend;\n")).toEqual([
      'server must not import backend (layer boundaries: eslint.config.mjs)',
    ]);
  });
});

// Tests wait on conditions, never on the clock (CONTRIBUTING.md): the test files' block in
// eslint.config.mjs refuses a fixed sleep and lets the same wait on a condition through.
const SLEEP_RULES = ['no-restricted-syntax', 'no-restricted-properties', 'no-restricted-imports'];
const sleepErrors = async (file: string, code: string) =>
  (await eslint.lintText(code, { filePath: file }))[0]!.messages.filter((m) => SLEEP_RULES.includes(m.ruleId ?? '')).map((m) => `${m.line} ${m.ruleId}`);

describe('fixed sleeps in tests', () => {
  const unit = (wait: string) =>
    `import { expect, it${wait.includes('vi.') ? ', vi' : ''} } from 'vitest';\nit('waits', async () => {\n  let x = 0;\n  void Promise.resolve().then(() => (x = 1));\n  ${wait}\n  expect(x).toBe(1);\n});\n`;
  const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: file }))[0]!.messages;

  it('fails a test file with a sleep, saying what to wait with, and passes the same test waiting on a condition', async () => {
    expect(await lint('server/hub/probe.test.ts', unit('await new Promise((r) => setTimeout(r, 200));'))).toEqual([
      expect.objectContaining({ line: 5, ruleId: 'no-restricted-syntax', message: expect.stringMatching(/^A fixed sleep in a test: .*vi\.waitFor/) }),
    ]);
    expect(await lint('server/hub/probe.test.ts', unit('await vi.waitFor(() => expect(x).toBe(1));'))).toEqual([]);
  });

  it('refuses each form of the sleep: the resolver passed, called from a callback, a sleep() helper, imported from timers/promises', async () => {
    for (const wait of [
      'await new Promise<void>((resolve) => { setTimeout(resolve, 50); });',
      'await new Promise<void>((done) => setTimeout(() => done(), 50));',
      'await new Promise<void>((r) => setTimeout(() => { r(); }, 50));',
      'await new Promise((r) => globalThis.setTimeout(r, 50));',
    ])
      expect(await sleepErrors('backends/lab/probe.integration.test.ts', unit(wait)), wait).toEqual(['5 no-restricted-syntax']);
    expect(
      await sleepErrors('lib/testing/probe.ts', "import { setTimeout as sleep } from 'node:timers/promises';\nexport const nap = () => sleep(10);\n"),
    ).toEqual(['1 no-restricted-imports', '2 no-restricted-syntax']);
  });

  it('lets a fake-timer test schedule a callback as the code under test does, and a deadline reject', async () => {
    const scheduled = unit('setTimeout(() => (x = 1), 100);\n  await vi.advanceTimersByTimeAsync(100);');
    expect(await sleepErrors('lib/async/probe.test.ts', scheduled)).toEqual([]);
    const deadline = unit("await new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 100)).catch(() => undefined);");
    expect(await sleepErrors('lib/async/probe.test.ts', deadline)).toEqual([]);
  });

  it('refuses page.waitForTimeout in the e2e suite and lets a web-first assertion through', async () => {
    const spec = (wait: string) =>
      `import { expect, test } from '@playwright/test';\ntest('waits', async ({ page }) => {\n  ${wait}\n  await expect(page.getByTestId('deck')).toHaveAttribute('data-slide', '1');\n});\n`;
    expect(await sleepErrors('e2e/probe.spec.ts', spec('await page.waitForTimeout(300);'))).toEqual(['3 no-restricted-properties']);
    expect(await sleepErrors('e2e/probe.spec.ts', spec("await expect(page.getByTestId('deck')).toBeVisible();"))).toEqual([]);
  });

  it('leaves code that is not a test alone: a timer there is the product’s own', async () => {
    expect(await sleepErrors('lib/async/probe.ts', 'export const later = () => new Promise((r) => setTimeout(r, 200));\n')).toEqual([]);
  });
});
