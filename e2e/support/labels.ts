import { expect, type Locator } from '@playwright/test';

/**
 * Every text of every chart (SVG) inside `scope` lies inside its chart: nothing cut at an edge
 * ("Ambient + waypoi", "TLS, wak" once were). Measured as the browser laid them out.
 */
export async function expectNoCutLabels(scope: Locator, what: string): Promise<void> {
  const cut = await scope.locator('svg').evaluateAll((svgs) =>
    svgs.flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) return [];
      return [...svg.querySelectorAll('text')]
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
        })
        .map((t) => t.textContent);
    }),
  );
  expect(cut, `labels cut at the edge of a chart (${what})`).toEqual([]);
}
