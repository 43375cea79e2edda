import { test, expect, expectClean, fixture, nslKdd, value, waitForReady } from './helpers';

test.describe('Load cell', () => {
  test('opens on the bundled sample', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-state', 'ready');
    expect(Number(await value(page, 'row-count'))).toBe(25_000);
    expect(Number(await value(page, 'column-count'))).toBe(43);
    expect(await value(page, 'label-column')).toBe('attack');
    const anomalies = Number(await value(page, 'anomaly-count'));
    expect(anomalies).toBeGreaterThan(5_000);
    expect(anomalies).toBeLessThan(20_000);
    await expect(page.getByTestId('sample-note')).toContainText('synthetic');
    await expect(page.getByTestId('data-table')).toContainText('protocol_type');
    expectClean(watch);
  });

  test('loads the real KDDTest+ file (header-less NSL-KDD)', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await page.getByTestId('file-input').setInputFiles(nslKdd('KDDTest+.txt'));
    await expect(page.getByTestId('file-name')).toContainText('KDDTest+.txt');
    await waitForReady(page);
    expect(Number(await value(page, 'row-count'))).toBe(22_544);
    expect(Number(await value(page, 'column-count'))).toBe(43);
    expect(await value(page, 'label-column')).toBe('attack');
    expect(await value(page, 'normal-value')).toBe('normal');
    expect(Number(await value(page, 'anomaly-count'))).toBe(12_833);
    expect(await value(page, 'schema')).toBe('nsl-kdd');
    // distinct values are counted when the column table is opened (pandas' nunique, checked once)
    await page.getByText('Column types (43)').click();
    const distinct = (name: string) => page.locator(`[data-testid="column-types"] tr[data-column="${name}"] [data-testid="column-distinct"]`);
    await expect(distinct('protocol_type')).toHaveText('3');
    await expect(distinct('service')).toHaveText('64');
    await expect(distinct('land')).toHaveText('2');
    await expect(distinct('src_bytes')).toHaveText('1,149');
    await expect(distinct('serror_rate')).toHaveText('88');
    // the paged table pages through the worker
    await page.getByRole('button', { name: 'Next ›' }).click();
    await expect(page.getByTestId('data-table-page')).toContainText('rows 51–100 of 22,544');
    expectClean(watch);
  });

  test('a hostile CSV is rendered inert', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await page.getByTestId('file-input').setInputFiles(fixture('hostile.csv'));
    await expect(page.getByTestId('file-name')).toContainText('hostile.csv');
    await waitForReady(page);
    await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-state', 'ready');
    const table = page.getByTestId('data-table');
    await expect(table).toContainText('<img src=x onerror=alert(1)>');
    await expect(table).toContainText('__proto__');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(Object.prototype).length)).toBe(0);
    expectClean(watch);
  });

  test('bad input shows a specific error and keeps the loaded dataset', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    const rows = await value(page, 'row-count');
    await page.getByTestId('file-input').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect(page.getByTestId('load-error')).toContainText(/empty/i);
    expect(await value(page, 'row-count')).toBe(rows);

    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]);
    await page.getByTestId('file-input').setInputFiles({ name: 'picture.csv', mimeType: 'text/csv', buffer: binary });
    await expect(page.getByTestId('load-error')).toContainText(/binary/i);
    expect(await value(page, 'row-count')).toBe(rows);

    await page.getByTestId('file-input').setInputFiles({ name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,label\n') });
    await expect(page.getByTestId('load-error')).toContainText(/header/i);
    expect(await value(page, 'row-count')).toBe(rows);
    // the notebook still works: the sample reloads
    await page.getByTestId('use-sample').click();
    await waitForReady(page);
    await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-state', 'ready');
    expect(watch.errors).toEqual([]);
  });

  test('a load can be cancelled and the page stays usable', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    const rows = await value(page, 'row-count');
    // ~40 MB of NSL-KDD-shaped rows: long enough to cancel mid-way
    const line = '0,tcp,http,SF,215,45076,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,1,1,0.00,0.00,0.00,0.00,1.00,0.00,0.00,0,0,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,normal,21\n';
    const big = Buffer.from(line.repeat(Math.ceil(40e6 / line.length)));
    await page.getByTestId('file-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
    await expect(page.getByTestId('load-progress')).toBeVisible();
    await expect(page.getByTestId('load-progress')).toContainText('rows/s');
    await page.getByTestId('load-progress-cancel').click();
    await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-state', 'ready');
    expect(await value(page, 'row-count')).toBe(rows);
    await expect(page.getByTestId('cell-load')).toHaveAttribute('data-status', 'cancelled');
    // still usable: page through the previous dataset
    await page.getByRole('button', { name: 'Next ›' }).click();
    await expect(page.getByTestId('data-table-page')).toContainText('rows 51–100');
    expect(watch.errors).toEqual([]);
  });
});
