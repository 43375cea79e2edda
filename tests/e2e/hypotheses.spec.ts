import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, expectClean, fixture, nslKdd, waitForReady } from './helpers';

/** The SciPy / statsmodels reference (scripts/ref_hypotheses.py); p = 0 where the double underflows. */
interface RefTest {
  readonly statistic: number;
  readonly df: number;
  readonly pvalue: number;
  readonly log10p: number;
}
const raw = JSON.parse(readFileSync(fixture('reference/hypo-KDDTest+.json'), 'utf8')) as {
  ttest: Record<string, { welch: RefTest }>;
  chi2: Record<string, { statistic: number; dof: number; pvalue: number; log10p: number }>;
  logit: {
    flag: { nonseparated: { llr: number; df_model: number; llr_pvalue: number; llr_log10p: number } };
    urgent_pos: { llr: number; df_model: number; llr_pvalue: number; llr_log10p: number };
  };
};
const chi2 = (c: string): RefTest => ({ statistic: raw.chi2[c].statistic, df: raw.chi2[c].dof, pvalue: raw.chi2[c].pvalue, log10p: raw.chi2[c].log10p });
const lr = (r: { llr: number; df_model: number; llr_pvalue: number; llr_log10p: number }): RefTest => ({
  statistic: r.llr,
  df: r.df_model,
  pvalue: r.llr_pvalue,
  log10p: r.llr_log10p,
});

/** Each panel's main test (DESIGN §7): Welch's t, Pearson's χ², the likelihood-ratio χ². */
const EXPECTED: Record<string, RefTest> = {
  'ttest-src_bytes': raw.ttest.src_bytes.welch,
  'ttest-dst_bytes': raw.ttest.dst_bytes.welch,
  'chi2-protocol_type': chi2('protocol_type'),
  'chi2-service': chi2('service'),
  // The model without the separated levels (OTH, S0, SH): df = the 7 levels estimated.
  'logit-flag': lr(raw.logit.flag.nonseparated),
  // anomaly ~ (urgent > 0): quasi-separated, LR at the supremum (statsmodels' llr after 35 iterations).
  'logit-urgent': lr(raw.logit.urgent_pos),
};
const PANELS = Object.keys(EXPECTED);

function close(actual: number, expected: number, rel = 1e-6): boolean {
  return Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), 1e-300);
}

/** The panel's hooks match the reference: 1e-6 relative; an underflowed p (0) must be ≤ 1e-290 with log10 p matching. */
async function matches(panel: Locator, ref: RefTest): Promise<string> {
  const attr = async (name: string) => Number(await panel.getAttribute(name));
  const stat = await attr('data-statistic');
  const df = await attr('data-df');
  const p = await attr('data-p-value');
  const l = await attr('data-log10p');
  const problems: string[] = [];
  if (!close(stat, ref.statistic)) problems.push(`statistic ${stat} vs ${ref.statistic}`);
  if (!close(df, ref.df)) problems.push(`df ${df} vs ${ref.df}`);
  if (ref.pvalue <= 1e-300 ? !(p <= 1e-290) : !close(p, ref.pvalue)) problems.push(`p ${p} vs ${ref.pvalue}`);
  if (!close(l, ref.log10p)) problems.push(`log10 p ${l} vs ${ref.log10p}`);
  return problems.join('; ');
}

async function panelsReady(page: Page): Promise<void> {
  for (const id of PANELS) {
    await expect(page.getByTestId(`hypothesis-${id}`), id).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  }
  await expect(page.getByTestId('cell-hypothesis-screen')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
}

async function loadKddTest(page: Page): Promise<void> {
  await page.goto('/');
  await waitForReady(page);
  await page.getByTestId('file-input').setInputFiles(nslKdd('KDDTest+.txt'));
  await expect(page.getByTestId('file-name')).toContainText('KDDTest+.txt', { timeout: 60_000 });
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  for (const id of PANELS) {
    const panel = page.getByTestId(`hypothesis-${id}`);
    await expect.poll(() => matches(panel, EXPECTED[id]), { message: id, timeout: 90_000 }).toBe('');
  }
}

test.describe('hypothesis panels', () => {
  test('on the bundled sample: every panel renders with finite numbers and a chart', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await panelsReady(page);
    for (const id of PANELS) {
      const panel = page.getByTestId(`hypothesis-${id}`);
      for (const name of ['data-statistic', 'data-df', 'data-p-value']) {
        const v = Number(await panel.getAttribute(name));
        expect(Number.isFinite(v), `${id} ${name} = ${v}`).toBe(true);
      }
      const p = Number(await panel.getAttribute('data-p-value'));
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      await expect(panel.getByTestId('h0')).not.toBeEmpty();
      await expect(panel.getByTestId('conclusion')).not.toBeEmpty();
      await expect(panel.getByTestId('decision')).toHaveAttribute('data-decision', /^(reject|retain)$/);
      const chart = page.getByTestId(`chart-hypothesis-${id}`);
      await chart.scrollIntoViewIfNeeded();
      await expect(chart, `chart of ${id}`).toHaveAttribute('data-plot-state', 'ready', { timeout: 60_000 });
    }
    // A p-value is never printed as 0.
    const pTexts = await page.locator('[data-testid="hypotheses"] td[data-log10p]').allTextContents();
    expect(pTexts.length).toBeGreaterThan(10);
    expect(pTexts.filter((t) => /^0(\.0*)?$/.test(t.trim()))).toEqual([]);
    await expect(page.getByTestId('hypothesis-screen').locator('tbody tr')).toHaveCount(41);
    expectClean(watch);
  });

  test('KDDTest+: the five main tests equal SciPy / statsmodels; α, toggles, the ranked table', async ({ page, watch }) => {
    await loadKddTest(page);
    await panelsReady(page);

    // Underflowed p-values are shown from log10 p, never as 0.
    const service = page.getByTestId('hypothesis-chi2-service');
    await expect(service.locator('tr.main td[data-log10p]')).toContainText('≈');
    await expect(service.locator('tr.main td[data-log10p]')).toContainText('× 10⁻²⁶⁹⁰');

    // One α for every panel: src_bytes' p = 0.013 is significant at 0.05, not at 0.01.
    const src = page.getByTestId('hypothesis-ttest-src_bytes');
    await expect(src).toHaveAttribute('data-decision', 'reject');
    await page.getByTestId('hypothesis-alpha').fill('0.01');
    await expect(src).toHaveAttribute('data-decision', 'retain');
    await expect(page.getByTestId('hypothesis-chi2-protocol_type')).toHaveAttribute('data-alpha', '0.01');
    await page.getByTestId('hypothesis-alpha').fill('2');
    await expect(page.getByTestId('hypothesis-alpha')).toHaveAttribute('aria-invalid', 'true');
    await expect(src).toHaveAttribute('data-alpha', '0.01');
    await page.getByTestId('hypothesis-alpha').fill('0.05');
    await expect(src).toHaveAttribute('data-decision', 'reject');

    // log1p scale and Student's t on request (the hooks follow the test shown).
    await src.getByTestId('scale-log1p').check();
    await expect(src).toHaveAttribute('data-scale', 'log1p');
    await expect.poll(async () => Number(await src.getAttribute('data-statistic'))).toBeLessThan(-80);
    await src.getByTestId('show-student').check();
    await expect(src.locator('tr[data-test="Student’s t"]')).toBeVisible();
    await src.getByTestId('scale-raw').check();
    expect(await matches(src, EXPECTED['ttest-src_bytes'])).toBe('');

    // Separation is reported, not printed as absurd coefficients.
    const flag = page.getByTestId('hypothesis-logit-flag');
    await expect(flag.getByTestId('separation')).toContainText('OTH');
    await expect(flag.getByTestId('reference-level')).toHaveText('SF');
    await expect(flag.locator('tr.sep')).toHaveCount(3);
    const urgent = page.getByTestId('hypothesis-logit-urgent');
    await expect(urgent.getByTestId('urgent-counts').locator('tr[data-value="0"]')).toContainText('9,711');

    // Merging rare services: a new, smaller table and df.
    await service.getByTestId('merge-rare').check();
    await expect(service.getByTestId('merged-levels')).toBeVisible({ timeout: 60_000 });
    await expect.poll(async () => Number(await service.getAttribute('data-df'))).toBeLessThan(63);
    await service.getByTestId('merge-rare').uncheck();
    await expect.poll(() => matches(service, EXPECTED['chi2-service']), { timeout: 60_000 }).toBe('');

    // The ranked table: a column with a panel scrolls to it; another opens its own test.
    const table = page.getByTestId('hypothesis-screen');
    await expect(table.locator('tbody tr')).toHaveCount(41);
    const pHolm = Number(await table.locator('tr[data-column="src_bytes"]').getAttribute('data-p-holm'));
    expect(pHolm).toBeGreaterThan(raw.ttest.src_bytes.welch.pvalue);
    await table.locator('tr[data-column="flag"] button').click();
    await expect(page.getByTestId('cell-hypothesis-logit-flag')).toBeInViewport();
    await table.locator('tr[data-column="count"] button').click();
    const detail = page.getByTestId('hypothesis-column');
    await expect(detail).toHaveAttribute('data-column', 'count', { timeout: 60_000 });
    expect(await matches(detail, raw.ttest.count.welch)).toBe('');
    await expect(detail).toBeInViewport();
    // The picker tests any column, categorical too.
    await page.getByTestId('hypothesis-picker').selectOption('flag');
    await page.getByTestId('hypothesis-picker-run').click();
    await expect(detail).toHaveAttribute('data-column', 'flag', { timeout: 60_000 });
    expect(await matches(detail, chi2('flag'))).toBe('');
    expectClean(watch);
  });

  test('data without NSL-KDD columns, and without a label', async ({ page, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    const csv = ['bytes_in,packets,proto_name,label', ...Array.from({ length: 40 }, (_, i) => `${i * 10},${i % 7},${i % 3 === 0 ? 'a' : 'b'},${i % 4 === 0 ? 'attack' : 'normal'}`)].join('\n');
    await page.getByTestId('file-input').setInputFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('file-name')).toContainText('other.csv', { timeout: 60_000 });
    for (const id of PANELS) {
      const panel = page.getByTestId(`hypothesis-${id}`);
      await expect(panel, id).toHaveAttribute('data-state', 'unavailable', { timeout: 60_000 });
      await expect(panel.getByTestId('hypothesis-missing')).toContainText('looked for');
    }
    await expect(page.getByTestId('hypothesis-screen').locator('tbody tr')).toHaveCount(3, { timeout: 60_000 });
    await page.getByTestId('hypothesis-picker').selectOption('bytes_in');
    await page.getByTestId('hypothesis-picker-run').click();
    await expect(page.getByTestId('hypothesis-column')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });

    const unlabelled = ['a,b,c', '1,2,x', '3,4,y', '5,6,x', '7,1,y'].join('\n');
    await page.getByTestId('file-input').setInputFiles({ name: 'unlabelled.csv', mimeType: 'text/csv', buffer: Buffer.from(unlabelled) });
    await expect(page.getByTestId('file-name')).toContainText('unlabelled.csv', { timeout: 60_000 });
    for (const id of PANELS) {
      const panel = page.getByTestId(`hypothesis-${id}`);
      await expect(panel, id).toHaveAttribute('data-state', 'needs-label');
      await expect(panel).toContainText('label');
    }
    expectClean(watch);
  });
});
