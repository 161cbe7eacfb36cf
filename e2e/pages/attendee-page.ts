import { expect, type Page } from '@playwright/test';
import { expectDeckAt } from '../support/deck-position';

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
    await expectDeckAt(this.page, 'attendee-slide', slide, fragment);
  }
}
