import type { Page } from '@playwright/test';
import { test, expect, expectClean, fixture, value, waitForReady, autosaved as saved } from './helpers';

const SAMPLE = 'nsl-kdd-sample.csv';


async function appDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('netflow-notebook')));
}

async function setAlpha(page: Page, alpha: string): Promise<void> {
  await page.getByTestId('hypothesis-alpha').fill(alpha);
  await expect(page.getByTestId('hypothesis-alpha')).toHaveAttribute('data-value', alpha);
}

test.describe('persistence', () => {
  test('settings and the trained model come back after a reload, with the same threshold', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    // A fresh start writes nothing.
    await expect(page.getByTestId('storage-panel')).toHaveAttribute('data-state', 'idle');
    await expect(page.getByTestId('session-restored')).toHaveCount(0);

    await setAlpha(page, '0.01');
    await page.getByTestId('label-select').selectOption('protocol_type');
    await expect(page.getByTestId('label-column')).toHaveAttribute('data-value', 'protocol_type');
    await page.getByTestId('normal-select').selectOption('tcp');
    await expect(page.getByTestId('normal-value')).toHaveAttribute('data-value', 'tcp');

    await page.getByTestId('cell-model').scrollIntoViewIfNeeded();
    await page.getByTestId('preset-quick').click();
    await page.getByTestId('config-epochs').fill('2');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await page.getByTestId('threshold-percentile').fill('97');
    await page.getByTestId('threshold-percentile').press('Enter');
    await expect(page.getByTestId('threshold-percentile')).toHaveAttribute('data-value', '97');
    const threshold = await value(page, 'threshold-value');
    expect(Number(threshold)).toBeGreaterThan(0);
    await saved(page);
    expect(await appDatabases(page)).toEqual(expect.arrayContaining(['netflow-notebook/session', 'netflow-notebook/models']));

    await page.reload();
    await waitForReady(page);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-origin', 'loaded');
    await expect(page.getByTestId('threshold-percentile')).toHaveAttribute('data-value', '97');
    expect(await value(page, 'threshold-value')).toBe(threshold);
    await expect(page.getByTestId('hypothesis-alpha')).toHaveAttribute('data-value', '0.01');
    await expect(page.getByTestId('hypothesis-alpha')).toHaveValue('0.01');
    await expect(page.getByTestId('label-column')).toHaveAttribute('data-value', 'protocol_type');
    await expect(page.getByTestId('normal-value')).toHaveAttribute('data-value', 'tcp');
    await expect(page.getByTestId('config-epochs')).toHaveValue('2');
    await expect(page.getByTestId('session-restored')).toContainText('your settings and your trained model');
    // The autosaved model is the app's own: it is not listed among the user's saved models.
    await expect(page.locator('[data-testid="saved-model"][data-key="__session__"]')).toHaveCount(0);
    expectClean(watch);
  });

  test('an opted-in dataset is restored instead of the sample', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await page.getByTestId('file-input').setInputFiles(fixture('hostile.csv'));
    await expect(page.getByTestId('file-name')).toContainText('hostile.csv');
    await waitForReady(page);
    await page.getByTestId('storage-keep-dataset').check();
    await saved(page);
    await expect(page.getByTestId('storage-message')).toContainText('“hostile.csv” is kept in this browser');
    expect(Number(await value(page, 'storage-used'))).toBeGreaterThan(0);

    await page.reload();
    await waitForReady(page);
    await expect(page.getByTestId('file-name')).toContainText('hostile.csv');
    await expect(page.getByTestId('session-restored')).toContainText("Restored hostile.csv from this browser's storage");
    await expect(page.getByTestId('session-restored')).toHaveAttribute('data-dataset', 'hostile.csv');
    await expect(page.getByTestId('storage-keep-dataset')).toBeChecked();

    // Opting out forgets the file: the next visit opens the sample.
    await page.getByTestId('storage-keep-dataset').uncheck();
    await saved(page);
    await page.reload();
    await waitForReady(page);
    await expect(page.getByTestId('file-name')).toContainText(SAMPLE);
    expectClean(watch);
  });

  test("Delete all local data removes this app's databases, caches and service worker", async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(async () => (await caches.keys()).length), { timeout: 60_000 }).toBeGreaterThan(0);
    await setAlpha(page, '0.01');
    await saved(page);
    expect(await appDatabases(page)).toContain('netflow-notebook/session');
    // Someone else's data on the same origin must survive.
    await page.evaluate(async () => {
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('another-site');
        req.onsuccess = () => {
          req.result.close();
          resolve();
        };
        req.onerror = () => reject(req.error);
      });
      await (await caches.open('another-site-cache')).put('/x', new Response('x'));
    });

    await page.getByTestId('storage-delete-all').click();
    await expect(page.getByTestId('storage-message')).toContainText('Deleted');
    await expect(page.getByTestId('storage-message')).toContainText('netflow-notebook/session');
    await expect(page.getByTestId('storage-message')).toContainText('offline service worker');
    expect(await appDatabases(page)).toEqual([]);
    expect(await page.evaluate(async () => (await caches.keys()).sort())).toEqual(['another-site-cache']);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('another-site');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);

    await page.reload();
    await waitForReady(page);
    await expect(page.getByTestId('file-name')).toContainText(SAMPLE);
    await expect(page.getByTestId('hypothesis-alpha')).toHaveAttribute('data-value', '0.05');
    await expect(page.getByTestId('session-restored')).toHaveCount(0);
    expectClean(watch);
  });

  test('a full storage is reported and the earlier save still restores', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await setAlpha(page, '0.01');
    await saved(page);

    await page.evaluate(() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await setAlpha(page, '0.1');
    await expect(page.getByTestId('storage-panel')).toHaveAttribute('data-state', 'error');
    await expect(page.getByTestId('storage-message')).toContainText('Storage is full: the session was not saved (your earlier save is intact)');

    await page.reload();
    await waitForReady(page);
    await expect(page.getByTestId('hypothesis-alpha')).toHaveAttribute('data-value', '0.01');
    await expect(page.getByTestId('session-restored')).toBeVisible();
    expectClean(watch);
  });

  test('a corrupt or newer record is ignored with a message, and the notebook opens on the sample', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await setAlpha(page, '0.01');
    await saved(page);
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('netflow-notebook/session');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('records', 'readwrite');
        tx.objectStore('records').put({ format: 'netflow-notebook/session', kind: 'settings', version: 99, savedAt: '', data: { alpha: 'x' } }, 'settings');
        tx.objectStore('records').put({ format: 'netflow-notebook/session', kind: 'dataset', version: 1, savedAt: '', data: { name: 'x.csv' } }, 'dataset');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    });

    await page.reload();
    await waitForReady(page);
    await expect(page.getByTestId('storage-message')).toContainText('Your saved session was ignored: the saved settings record is from a newer version');
    await expect(page.getByTestId('storage-message')).toContainText('The kept dataset was ignored');
    await expect(page.getByTestId('storage-message')).toContainText('starts fresh on the sample');
    await expect(page.getByTestId('file-name')).toContainText(SAMPLE);
    await expect(page.getByTestId('hypothesis-alpha')).toHaveAttribute('data-value', '0.05');
    expectClean(watch);
  });
});
