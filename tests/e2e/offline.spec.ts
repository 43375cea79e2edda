import { test, expect, expectClean, value, waitForReady } from './helpers';
import { SUBPATH_URL } from '../../playwright.config';

/**
 * The first visit installs the service worker, reloads itself once into cross-origin isolation
 * and then completes the offline copy in the background (isolation.spec.ts): wait for all that.
 */
async function serviceWorkerReady(page: import('@playwright/test').Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-isolation', 'isolated', { timeout: 60_000 });
  await waitForReady(page);
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready', { timeout: 90_000 });
}

test.describe('offline and deployment', () => {
  test('after one visit the app and the sample work with the network off', async ({ page, context, watch }) => {
    await page.goto('/');
    await waitForReady(page);
    await serviceWorkerReady(page);
    await context.setOffline(true);
    await page.reload();
    await waitForReady(page);
    await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-state', 'ready');
    // served by the service worker, with the headers that isolate the page
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(Number(await value(page, 'row-count'))).toBe(25_000);
    // the lazily loaded chunks (the data worker, Plotly for charts) come from the cache too
    const charts = page.locator('[data-plot-state]');
    if ((await charts.count()) > 0) {
      // Charts draw when near the viewport. While the cells below it are still filling in, scroll
      // anchoring can carry the viewport away from the chart again (an anchor further down moves
      // with them): scroll to it until it has drawn.
      await expect
        .poll(
          async () => {
            await charts.first().scrollIntoViewIfNeeded();
            return charts.first().getAttribute('data-plot-state');
          },
          { timeout: 30_000 },
        )
        .toBe('ready');
    }
    expect(watch.errors).toEqual([]);
    await context.setOffline(false);
  });

  test('the privacy indicator counts zero requests to other origins', async ({ page, watch }) => {
    await page.addInitScript(() => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto('/');
    await serviceWorkerReady(page);
    await expect(page.getByTestId('privacy-indicator')).toHaveAttribute('data-value', '0');
    await expect(page.getByTestId('privacy-indicator')).toContainText('0 network requests');
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expectClean(watch);
  });

  test('the CSP is the first element of <head> and forbids other origins', async ({ page }) => {
    await page.goto('/');
    // the page the service worker served, after the first visit's one reload
    await expect(page.locator('html')).toHaveAttribute('data-isolation', 'isolated', { timeout: 60_000 });
    const first = await page.evaluate(() => {
      const el = document.head.firstElementChild;
      return el ? [el.tagName, el.getAttribute('http-equiv'), el.getAttribute('content')] : null;
    });
    expect(first?.[0]).toBe('META');
    expect(first?.[1]).toBe('Content-Security-Policy');
    expect(first?.[2]).toContain("connect-src 'self'");
    expect(first?.[2]).not.toMatch(/(^|\s)'unsafe-eval'/);
    // a request to another origin is refused by the browser
    const blocked = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/');
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked).toBe(true);
  });

  test('built for a sub-path (GitHub Pages) the app loads there with its service worker scoped to it', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(SUBPATH_URL);
    await waitForReady(page);
    await serviceWorkerReady(page);
    expect(Number(await value(page, 'row-count'))).toBe(25_000);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(SUBPATH_URL);
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]')!.getAttribute('href')!)).json());
    expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });
});
