import { expect, type Page } from '@playwright/test';
import { expectDeckAt } from '../support/deck-position';
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
    await expectDeckAt(this.page, 'current-slide', slide, fragment);
  }
}
