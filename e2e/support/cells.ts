import type { Locator } from '@playwright/test';

/**
 * Table cells inside `scope` whose text runs past the cell (a number into the next column: the
 * per-mode cost table once read '0.421.11' on a 390 px phone). Measured on the text itself, as
 * the browser laid it out: a cell's box can be narrower than what it shows.
 */
export async function overflowingCells(scope: Locator): Promise<string[]> {
  return scope.locator('table').evaluateAll((tables) =>
    tables.flatMap((table) =>
      [...table.querySelectorAll('th, td')].flatMap((cell) => {
        const box = cell.getBoundingClientRect();
        if (box.width === 0 || (cell.textContent ?? '').trim() === '') return [];
        const range = document.createRange();
        range.selectNodeContents(cell);
        const text = range.getBoundingClientRect();
        return text.left < box.left - 0.5 || text.right > box.right + 0.5
          ? [
              `"${cell.textContent!.trim()}" (${text.left.toFixed(0)}–${text.right.toFixed(0)} px) runs out of its cell (${box.left.toFixed(0)}–${box.right.toFixed(0)} px)`,
            ]
          : [];
      }),
    ),
  );
}
