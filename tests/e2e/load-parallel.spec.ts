import { readFileSync } from 'node:fs';
import { test, expect, expectClean, nslKdd, value, waitForReady } from './helpers';

/**
 * Files of 4 MB and more are read in two halves at once: the data worker reads the first, a
 * nested parse worker the second (src/lib/table/parse.ts, `parseCsvBlob`). The unit tests check
 * that the result equals a one-pass reading; these check the browser really takes that path,
 * falls back when it must, and that Cancel stops both workers.
 */
test.describe('Load cell: large files in two halves', () => {
  // KDDTest+ three times over: ~10 MB, 67,632 rows.
  const kdd = readFileSync(nslKdd('KDDTest+.txt'));
  const triple = Buffer.concat([kdd, kdd, kdd]);

  test('a 10 MB file is read in two halves, with the same counts as one pass', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await page.getByTestId('file-input').setInputFiles({ name: 'kdd-x3.csv', mimeType: 'text/csv', buffer: triple });
    await expect(page.getByTestId('file-name')).toContainText('kdd-x3.csv');
    await waitForReady(page);
    await expect(page.getByTestId('load-time')).toHaveAttribute('data-parse-path', 'parallel');
    await expect(page.getByTestId('load-time')).toContainText('in two halves at once');
    expect(Number(await value(page, 'row-count'))).toBe(3 * 22_544);
    expect(Number(await value(page, 'column-count'))).toBe(43);
    expect(await value(page, 'schema')).toBe('nsl-kdd');
    expect(await value(page, 'label-column')).toBe('attack');
    expect(Number(await value(page, 'anomaly-count'))).toBe(3 * 12_833);
    expectClean(watch);
  });

  test('a quote sends it back to one pass, with the same result', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    const quoted = Buffer.from(triple.toString('utf8').replace('\n0,tcp,', '\n0,"tcp",'));
    await page.getByTestId('file-input').setInputFiles({ name: 'quoted.csv', mimeType: 'text/csv', buffer: quoted });
    await expect(page.getByTestId('file-name')).toContainText('quoted.csv');
    await waitForReady(page);
    await expect(page.getByTestId('load-time')).toHaveAttribute('data-parse-path', 'serial');
    await expect(page.getByTestId('load-time')).toHaveAttribute('title', /a quote/);
    expect(Number(await value(page, 'row-count'))).toBe(3 * 22_544);
    expect(Number(await value(page, 'anomaly-count'))).toBe(3 * 12_833);
    expectClean(watch);
  });

  test('Cancel during a two-halves load ends both workers and leaves the app usable', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    const rows = await value(page, 'row-count');
    // ~40 MB: the second half is still being read when Cancel is pressed.
    const big = Buffer.concat(Array.from({ length: 4 }, () => triple));
    await page.getByTestId('file-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
    await expect(page.getByTestId('load-progress')).toContainText('rows/s');
    // The loading data worker's parse worker (each data worker starts one; the next load's
    // spare data worker, started after this one ends, will have its own).
    const parseWorkers = () => page.workers().filter((w) => w.url().includes('parse.worker'));
    await expect.poll(() => parseWorkers().length).toBeGreaterThan(0);
    const during = parseWorkers();
    const closed = during.map((w) => new Promise<void>((resolve) => w.once('close', () => resolve())));
    await page.getByTestId('load-progress-cancel').click();
    await expect(page.getByTestId('cell-load')).toHaveAttribute('data-status', 'cancelled');
    await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-state', 'ready');
    expect(await value(page, 'row-count')).toBe(rows);
    // No orphan: the nested parse worker went with the cancelled data worker.
    await Promise.all(closed);
    expect(page.workers().filter((w) => during.includes(w))).toEqual([]);
    await page.getByRole('button', { name: 'Next ›' }).click();
    await expect(page.getByTestId('data-table-page')).toContainText('rows 51–100');
    // And the next large load works, in two halves again.
    await page.getByTestId('file-input').setInputFiles({ name: 'kdd-x3.csv', mimeType: 'text/csv', buffer: triple });
    await expect(page.getByTestId('file-name')).toContainText('kdd-x3.csv');
    await waitForReady(page);
    await expect(page.getByTestId('load-time')).toHaveAttribute('data-parse-path', 'parallel');
    expect(watch.errors).toEqual([]);
  });
});
