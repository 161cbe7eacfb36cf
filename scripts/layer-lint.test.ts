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
    expect(await layerErrors('components/shared/probe.ts', "import { loadDeck } from '@/server/deck/load-deck';\nexport const p = loadDeck;\n")).toEqual([
      'components must not import server (layer boundaries: eslint.config.mjs)',
    ]);
  });

  it('lets a page load the deck, and nothing else of the server', async () => {
    expect(await layerErrors('app/probe/page.tsx', "import { loadDeck } from '@/server/deck/load-deck';\nexport const p = loadDeck;\n")).toEqual([]);
    expect(await layerErrors('app/probe/page.tsx', "import { attachHub } from '@/server/hub/hub';\nexport const p = attachHub;\n")).toEqual([
      'app must not import server (layer boundaries: eslint.config.mjs)',
    ]);
  });

  it('refuses lib importing components with @/', async () => {
    expect(await layerErrors('lib/probe.ts', "import { PollCard } from '@/components/audience/PollCard';\nexport const p = PollCard;\n")).toEqual([
      'lib must not import components (layer boundaries: eslint.config.mjs)',
    ]);
  });
});
