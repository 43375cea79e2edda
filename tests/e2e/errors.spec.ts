import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, expectClean, nslKdd, value, waitForReady } from './helpers';

/** RFC 4180 fields of a CSV document (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function num(page: Page, testid: string): Promise<number> {
  return Number(await value(page, testid));
}

/** Trains the autoencoder briefly on the bundled sample (quick preset, 2 epochs). */
async function trainBriefly(page: Page): Promise<void> {
  await page.getByTestId('cell-model').scrollIntoViewIfNeeded();
  await page.getByTestId('preset-quick').click();
  await page.getByTestId('config-epochs').fill('2');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
}

async function chartReady(page: Page, name: string): Promise<void> {
  const chart = page.getByTestId(`chart-${name}`);
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toHaveAttribute('data-plot-state', 'ready', { timeout: 60_000 });
}

test.describe('Reconstruction errors', () => {
  test('threshold studio, evaluation, test file, explanations and a safe CSV export', async ({ page, watch }) => {
    test.setTimeout(360_000);
    await page.goto('/');
    await waitForReady(page);
    await trainBriefly(page);

    // The dataset is evaluated first, at the seed's default threshold.
    await expect(page.getByTestId('evaluating')).toHaveAttribute('data-kind', 'dataset');
    await expect(page.getByTestId('threshold-percentile')).toHaveCount(1);
    await expect(page.getByTestId('threshold-value')).toHaveCount(1);
    await expect(page.getByTestId('threshold-percentile')).toHaveAttribute('data-value', '99.9');
    expect(await num(page, 'threshold-value')).toBeGreaterThan(0);
    await expect(page.getByTestId('metric-recall')).toHaveAttribute('data-value', /^[0-9.e-]+$/);
    for (const id of ['metric-accuracy', 'metric-precision', 'metric-recall', 'metric-f1', 'metric-auc']) {
      const v = await num(page, id);
      expect(v, id).toBeGreaterThanOrEqual(0);
      expect(v, id).toBeLessThanOrEqual(1);
    }
    const auc0 = await num(page, 'metric-auc');
    expect(auc0).toBeGreaterThan(0.5);
    const recall0 = await num(page, 'metric-recall');
    const precision0 = await num(page, 'metric-precision');
    const flagged0 = await num(page, 'threshold-flagged');

    await chartReady(page, 'error-histogram');
    await chartReady(page, 'error-rows');
    await chartReady(page, 'roc');
    await chartReady(page, 'pr');

    // Moving the threshold down (by percentile) flags more rows: recall up, precision changes.
    const percentile = page.getByTestId('threshold-percentile');
    await percentile.fill('90');
    await percentile.press('Enter');
    await expect(percentile).toHaveAttribute('data-value', '90');
    await expect.poll(() => num(page, 'metric-recall')).toBeGreaterThan(recall0);
    await expect.poll(() => num(page, 'metric-precision')).not.toBe(precision0);
    expect(await num(page, 'threshold-flagged')).toBeGreaterThan(flagged0);

    // By value: the percentile follows (the value's rank among the training errors).
    const t90 = await num(page, 'threshold-value');
    const byValue = page.getByTestId('threshold-value');
    await byValue.fill(String(t90 * 2));
    await byValue.press('Enter');
    await expect.poll(() => num(page, 'threshold-percentile')).toBeGreaterThan(90);

    // Suggested thresholds apply with one click; the seed's rule is one of them.
    await page.getByTestId('suggest-apply-p95').click();
    await expect(percentile).toHaveAttribute('data-value', '95');
    await expect(page.getByTestId('suggest-best-f1')).toHaveAttribute('data-threshold', /^[0-9.e-]+$/);
    await page.getByTestId('suggest-apply-p99.9').click();
    await expect(percentile).toHaveAttribute('data-value', '99.9');

    // Open a row without clicking the chart.
    await page.getByTestId('explain-row-input').fill('3');
    await page.getByTestId('explain-row-open').click();
    await expect(page.getByTestId('explain-row')).toHaveAttribute('data-row', '3');
    await expect(page.getByTestId('explain-features').locator('tbody tr')).not.toHaveCount(0);
    await chartReady(page, 'explain-features');

    // Anomalies log: the top rows, each with its top-3 features once explained.
    const log = page.getByTestId('anomalies-log').locator('tbody tr');
    await expect(log).toHaveCount(20);
    await expect(log.first().locator('.feature')).toHaveCount(3, { timeout: 60_000 });
    await chartReady(page, 'latent');
    await expect(page.getByTestId('detection-families')).toContainText('DoS');

    // A separate test file (header-less NSL-KDD) is scored with the same model and threshold.
    const threshold = await num(page, 'threshold-value');
    await page.getByTestId('testset-file-input').setInputFiles(nslKdd('KDDTest+.txt'));
    await expect(page.getByTestId('evaluating')).toHaveAttribute('data-kind', 'testset', { timeout: 180_000 });
    await expect(page.getByTestId('evaluating')).toContainText('evaluating: KDDTest+.txt');
    await expect(page.getByTestId('metric-auc')).toHaveAttribute('data-value', /^[0-9.e-]+$/, { timeout: 60_000 });
    const auc = await num(page, 'metric-auc');
    expect(auc).toBeGreaterThan(0.5);
    expect(auc).toBeLessThanOrEqual(1);
    expect(await num(page, 'threshold-value')).toBe(threshold);
    await expect(page.getByTestId('testset-unseen').or(page.getByTestId('testset-unseen-none'))).toBeVisible();

    // Export the flagged rows of the test file: it round-trips and holds no live formula.
    const flagged = await num(page, 'threshold-flagged');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^flagged-rows-.*\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    const rows = parseCsv(text);
    expect(rows[0].slice(0, 2)).toEqual(['row', 'reconstruction_mse']);
    expect(rows).toHaveLength(flagged + 1);
    // Checked in plain code, one expect at the end: tens of thousands of expect() calls are slow.
    const ragged = rows.filter((row) => row.length !== rows[0].length).length;
    expect(ragged, 'rows with a different number of cells than the header').toBe(0);
    const problems: string[] = [];
    for (const row of rows.slice(1)) {
      if (!(Number(row[1]) > threshold)) problems.push(`not above the threshold: ${row.join(',')}`);
      for (const cell of row) {
        if (/^[=+@\t\r]/.test(cell)) problems.push(`live formula: ${cell}`);
        else if (cell.startsWith('-') && !Number.isFinite(Number(cell))) problems.push(`text starting with -: ${cell}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);

    // Back to the dataset.
    await page.getByTestId('use-dataset').click();
    await expect(page.getByTestId('evaluating')).toHaveAttribute('data-kind', 'dataset');
    await expect.poll(() => num(page, 'metric-auc')).toBeCloseTo(auc0, 10);

    expectClean(watch);
  });
});
