import type { Page } from '@playwright/test';
import { test, expect, expectClean, value, waitForReady, autosaved } from './helpers';

/**
 * Brings the Autoencoder cell into view and waits for what it warms up there: the model worker's
 * backend, and Plotly (needed by the error cells right after training).
 */
async function openModelCell(page: Page, backend: string): Promise<void> {
  await page.getByTestId('cell-model').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-value', backend, { timeout: 60_000 });
  await expect(page.getByTestId('model-body')).toHaveAttribute('data-plotly', 'ready', { timeout: 60_000 });
}

async function settings(page: Page, s: { epochs: number; batch: number }): Promise<void> {
  await page.getByTestId('config-epochs').fill(String(s.epochs));
  await page.getByTestId('config-batch-size').fill(String(s.batch));
}

async function trainAndWait(page: Page): Promise<void> {
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
}

async function losses(page: Page): Promise<{ loss: number[]; val: number[] }> {
  const h = page.getByTestId('train-history');
  return {
    loss: JSON.parse((await h.getAttribute('data-loss')) ?? '[]') as number[],
    val: JSON.parse((await h.getAttribute('data-val-loss')) ?? '[]') as number[],
  };
}

/** Records every main-thread long task (> 50 ms by definition) from now on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

async function fingerprint(page: Page): Promise<{ threshold: number; head: number[]; flagged: number }> {
  const summary = page.getByTestId('train-summary');
  return {
    threshold: Number(await value(page, 'threshold-value')),
    head: JSON.parse((await summary.getAttribute('data-mse-head')) ?? '[]') as number[],
    flagged: Number(await summary.getAttribute('data-flagged')),
  };
}

test.describe('Autoencoder cell', () => {
  test('trains on WASM in a worker: losses fall, every row is scored, the page never freezes', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'idle');
    await openModelCell(page, 'wasm');
    await expect(page.getByTestId('backend')).toHaveAttribute('title', /SwiftShader|software|WebGL/i);
    // The seed settings are pre-filled.
    await expect(page.getByTestId('preset-seed')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('config-mode-normal')).toBeChecked();

    // The seed settings average the last 5 epochs' weights, at most half of them: 2 of 4 here.
    await expect(page.getByTestId('config-average-epochs')).toHaveValue('5');
    await settings(page, { epochs: 4, batch: 256 });
    await watchLongTasks(page);
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'training');
    await expect(page.getByTestId('train-progress')).toContainText(/Epoch \d+\/4/);
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    expect(await longTasks(page), 'main-thread tasks over 50 ms during training').toEqual([]);

    const { loss, val } = await losses(page);
    expect(loss).toHaveLength(4);
    expect(val).toHaveLength(4);
    expect(loss[3]).toBeLessThan(loss[0]);
    expect(val[3]).toBeLessThan(val[0]);
    const averaged = page.getByTestId('train-averaged');
    await expect(averaged).toHaveAttribute('data-from', '3');
    await expect(averaged).toHaveAttribute('data-to', '4');
    await expect(averaged).toContainText(/epochs 3–4 \(stochastic weight averaging\) · validation MSE \d/);

    // Normal rows of the training split only (the sample has ~13k normal rows of 25k).
    const trainRows = Number(await value(page, 'train-rows'));
    expect(trainRows).toBeGreaterThan(8_000);
    expect(trainRows).toBeLessThan(15_000);
    await expect(page.getByTestId('train-rows')).toHaveAttribute('data-mode', 'normal');

    const threshold = Number(await value(page, 'threshold-value'));
    expect(threshold).toBeGreaterThan(0);
    expect(Number(await value(page, 'threshold-percentile'))).toBe(99.9);
    const summary = page.getByTestId('train-summary');
    await expect(summary).toHaveAttribute('data-rows', '25000');
    expect(Number(await summary.getAttribute('data-train-rows'))).toBe(trainRows);
    const flagged = Number(await summary.getAttribute('data-flagged'));
    expect(flagged).toBeGreaterThan(0);
    expect(Number(await summary.getAttribute('data-auc'))).toBeGreaterThan(0.8);
    const samplesPerSec = Number(await page.getByTestId('train-time').getAttribute('data-samples-per-sec'));
    expect(samplesPerSec).toBeGreaterThan(0);
    console.log(`WASM, batch 256: ${Math.round(samplesPerSec)} samples/s`);

    // Moving the percentile moves the threshold and the flagged count.
    await page.getByTestId('threshold-percentile').fill('95');
    await page.getByTestId('threshold-percentile').press('Enter');
    await expect(page.getByTestId('threshold-percentile')).toHaveAttribute('data-value', '95');
    expect(Number(await value(page, 'threshold-value'))).toBeLessThan(threshold);
    expect(Number(await summary.getAttribute('data-flagged'))).toBeGreaterThan(flagged);
    expectClean(watch);
  });

  test('forced WebGL (?backend=webgl) trains on SwiftShader and says so', async ({ page, watch }) => {
    await page.goto('/?backend=webgl');
    await waitForReady(page);
    await openModelCell(page, 'webgl');
    await expect(page.getByTestId('backend')).toHaveAttribute('title', /requested by \?backend=webgl/);
    await settings(page, { epochs: 1, batch: 512 });
    await trainAndWait(page);
    const { loss } = await losses(page);
    expect(loss).toHaveLength(1);
    expect(Number.isFinite(loss[0])).toBe(true);
    expect(Number(await value(page, 'threshold-value'))).toBeGreaterThan(0);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-value', 'webgl');
    expectClean(watch);
  });

  test('Stop keeps the weights so far; Cancel stops the worker and the page stays usable', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await openModelCell(page, 'wasm');

    // The seed settings (batch 32, 20 epochs): long enough to stop and to cancel mid-run.
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-progress')).toContainText(/Epoch 1\/20 · batch \d+/);
    await expect(page.getByTestId('train-stop')).toBeEnabled();
    await page.getByTestId('train-stop').click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('train-status')).toContainText(/stopped/);
    expect(Number(await value(page, 'threshold-value'))).toBeGreaterThan(0);

    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-progress')).toContainText(/Epoch 1\/20 · batch \d+/);
    await page.getByTestId('train-cancel').click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'cancelled');
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'none');
    await expect(page.getByTestId('train-summary')).toHaveCount(0);

    // Still usable: the data table pages, and a new run trains in a fresh worker.
    await page.getByRole('button', { name: 'Next ›' }).click();
    await expect(page.getByTestId('data-table-page')).toContainText('rows 51–100');
    await settings(page, { epochs: 1, batch: 256 });
    await trainAndWait(page);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-value', 'wasm');
    expect(Number(await value(page, 'threshold-value'))).toBeGreaterThan(0);
    expectClean(watch);
  });

  test('save → reload the page → load gives identical errors, from IndexedDB and from files', async ({ page, watch }, testInfo) => {
    await page.goto('/');
    await waitForReady(page);
    await openModelCell(page, 'wasm');
    await settings(page, { epochs: 2, batch: 256 });
    await trainAndWait(page);
    const before = await fingerprint(page);
    expect(before.head).toHaveLength(5);

    await page.getByTestId('model-name').fill('e2e <model>');
    await page.getByTestId('model-save').click();
    await expect(page.getByTestId('model-io-note')).toContainText('Saved');
    await expect(page.locator('[data-testid="saved-model"][data-key="e2e <model>"]')).toHaveCount(1);

    // The three files, for the load-from-files path below.
    const downloads: Promise<string>[] = [];
    page.on('download', (d) => {
      const target = testInfo.outputPath(d.suggestedFilename());
      downloads.push(d.saveAs(target).then(() => target));
    });
    await page.getByTestId('model-download').click();
    await expect.poll(() => downloads.length).toBe(3);
    const files = await Promise.all(downloads);
    expect(files.map((f) => f.split('/').pop()).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);

    // The session autosave is debounced: reload only once it has been written, as the reload test means it.
    await autosaved(page);
    await page.reload();
    await waitForReady(page);
    await openModelCell(page, 'wasm');
    // The session autosave (persistence.spec.ts) brings the last model back by itself; wait for it.
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-name', 'your last session', { timeout: 60_000 });
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
    const row = page.locator('[data-testid="saved-model"][data-key="e2e <model>"]');
    await row.getByTestId('saved-model-load').click();
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-origin', 'loaded');
    const loaded = await fingerprint(page);
    expect(loaded.threshold).toBe(before.threshold);
    expect(loaded.flagged).toBe(before.flagged);
    for (let i = 0; i < before.head.length; i++) expect(Math.abs(loaded.head[i] - before.head[i])).toBeLessThanOrEqual(1e-6);

    await page.getByTestId('model-files-input').setInputFiles(files);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-name', 'model.json', { timeout: 60_000 });
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
    const fromFiles = await fingerprint(page);
    expect(fromFiles.threshold).toBe(before.threshold);
    for (let i = 0; i < before.head.length; i++) expect(Math.abs(fromFiles.head[i] - before.head[i])).toBeLessThanOrEqual(1e-6);

    await row.getByTestId('saved-model-delete').click();
    await expect(row).toHaveCount(0);
    expectClean(watch);
  });
});
