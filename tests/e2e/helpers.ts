import { test as base, expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const nslKdd = (file: string) => path.resolve(repoRoot, '../shared/datasets/nsl-kdd', file);
export const fixture = (file: string) => path.resolve(repoRoot, 'tests/fixtures', file);

export interface PageWatch {
  errors: string[];
  consoleErrors: string[];
  foreignRequests: string[];
  dialogs: string[];
}

/**
 * A page that records page errors, console errors, dialogs (an `alert` from injected HTML would
 * show up here) and any request leaving the app's origin.
 */
export const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page, baseURL }, use) => {
    const watch: PageWatch = { errors: [], consoleErrors: [], foreignRequests: [], dialogs: [] };
    const origin = new URL(baseURL ?? 'http://127.0.0.1:4173/').origin;
    page.on('pageerror', (e) => watch.errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') watch.consoleErrors.push(m.text());
    });
    page.on('dialog', (d) => {
      watch.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) watch.foreignRequests.push(url);
    });
    await use(watch);
  },
});

export { expect };

export async function waitForReady(page: Page, timeout = 60_000): Promise<void> {
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-state', /^(ready|error)$/, { timeout });
}

export async function value(page: Page, testid: string): Promise<string | null> {
  return page.getByTestId(testid).first().getAttribute('data-value');
}

export function expectClean(watch: PageWatch): void {
  expect(watch.errors, 'page errors').toEqual([]);
  expect(watch.consoleErrors, 'console errors').toEqual([]);
  expect(watch.dialogs, 'dialogs').toEqual([]);
  expect(watch.foreignRequests, 'requests to other origins').toEqual([]);
}

/** Waits until every autosave has been written (the storage panel says "saved"). */
export async function autosaved(page: Page): Promise<void> {
  await expect(page.getByTestId('storage-panel')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
}
