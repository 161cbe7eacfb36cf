import { expect, type Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';

export class PresenterPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto(`/present?token=${E2E_TOKEN}`);
    await expect(this.page.getByTestId('current-slide')).toHaveAttribute('data-ready', 'true');
    await expect(this.page.getByTestId('presenter-view')).toHaveAttribute('data-role', 'presenter');
    await expect(this.page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  }

  deck() {
    return this.page.getByTestId('current-slide');
  }

  async next() {
    await this.page.getByTestId('next').click();
  }

  async prev() {
    await this.page.getByTestId('prev').click();
  }

  /** What reveal.js actually shows, not what we asked it to show. */
  async expectAt(slide: number, fragment: number) {
    await expect(this.deck()).toHaveAttribute('data-slide', String(slide));
    await expect(this.deck()).toHaveAttribute('data-fragment', String(fragment));
  }
}
