import { test, expect, expectClean, waitForReady } from './helpers';

/**
 * Privacy by proof (issue 7): the whole flow — load, EDA, hypothesis tests, training, the error
 * views, a CSV export — makes no request to any other origin and trips no CSP rule, and the
 * in-page indicator (resource timing) agrees.
 */
test('the whole notebook flow sends nothing to any other origin', async ({ page, watch }) => {
  test.setTimeout(300_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto('/');
  await waitForReady(page);

  // EDA and hypotheses run by themselves on load; let every cell finish and every chart draw.
  const sections = page.locator('section[data-testid^="cell-eda-"], section[data-testid^="cell-hypothesis-"]');
  const n = await sections.count();
  expect(n).toBeGreaterThan(10);
  for (let i = 0; i < n; i++) {
    const section = sections.nth(i);
    await section.scrollIntoViewIfNeeded();
    await expect(section).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  }

  // Train briefly, then visit the error views and export the flagged rows.
  await page.getByTestId('cell-model').scrollIntoViewIfNeeded();
  await page.getByTestId('preset-quick').click();
  await page.getByTestId('config-epochs').fill('1');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  for (const chart of ['error-histogram', 'error-rows', 'roc']) {
    const el = page.getByTestId(`chart-${chart}`);
    await el.scrollIntoViewIfNeeded();
    await expect(el).toHaveAttribute('data-plot-state', 'ready', { timeout: 60_000 });
  }
  await page.getByTestId('export-csv').scrollIntoViewIfNeeded();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);

  await expect(page.getByTestId('privacy-indicator')).toHaveAttribute('data-value', '0');
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expectClean(watch);
});
