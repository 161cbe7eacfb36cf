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
