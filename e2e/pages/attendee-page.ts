import { expect, type Page } from '@playwright/test';

export class AttendeePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/live');
    await expect(this.deck()).toHaveAttribute('data-ready', 'true');
    await expect(this.page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  }

  deck() {
    return this.page.getByTestId('attendee-slide');
  }

  async expectAt(slide: number, fragment: number) {
    await expect(this.deck()).toHaveAttribute('data-slide', String(slide));
    await expect(this.deck()).toHaveAttribute('data-fragment', String(fragment));
  }
}
