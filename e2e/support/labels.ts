import { expect, type Locator } from '@playwright/test';

/**
 * Texts of the charts (SVG) inside `scope` that do not lie inside their chart ("Ambient +
 * waypoi", "TLS, wak" once were cut at an edge), or run past the box they label (a group marked
 * `data-label-inside`: its text must end inside its rect, as the kernel strip's once ran into
 * the next node). Measured as the browser laid them out.
 */
export async function cutLabels(scope: Locator): Promise<string[]> {
  const outside = await scope.locator('svg').evaluateAll((svgs) =>
    svgs.flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) return [];
      return [...svg.querySelectorAll('text')]
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
        })
        .map((t) => `"${t.textContent}" cut at the chart's edge`);
    }),
  );
  const pastBox = await scope.locator('svg [data-label-inside]').evaluateAll((groups) =>
    groups.flatMap((g) => {
      const rect = g.querySelector('rect')?.getBoundingClientRect();
      const text = g.querySelector('text');
      if (!rect || !text || rect.width === 0) return [];
      const r = text.getBoundingClientRect();
      return r.right > rect.right + 1 ? [`"${text.textContent}" runs past its box`] : [];
    }),
  );
  return [...outside, ...pastBox];
}

export async function expectNoCutLabels(scope: Locator, what: string): Promise<void> {
  expect(await cutLabels(scope), `labels cut or past their box (${what})`).toEqual([]);
}

/** Tables inside `scope` that scroll sideways (a phone would hide columns off to the right). */
export async function sidewaysTables(scope: Locator): Promise<string[]> {
  return scope.locator('table').evaluateAll((tables) =>
    tables.flatMap((t) => {
      const wrap = t.parentElement!;
      return wrap.scrollWidth > wrap.clientWidth + 1 ? [`a table ${wrap.scrollWidth} px wide in ${wrap.clientWidth} px`] : [];
    }),
  );
}
