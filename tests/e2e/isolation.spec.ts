import type { Page, Worker } from '@playwright/test';
import { test, expect, expectClean, value, waitForReady } from './helpers';
import { SUBPATH_URL } from '../../playwright.config';

/**
 * Cross-origin isolation through the service worker (src/sw.ts, src/lib/pwa/isolation.ts):
 * the first visit installs the worker and reloads itself once, if the user has not started
 * anything, and comes back `crossOriginIsolated`, so tfjs starts its threaded WASM build.
 */

/** Counts top-level navigations of the page (the first `goto` is 1). */
function countNavigations(page: Page): { readonly count: number; readonly urls: string[] } {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return {
    get count() {
      return urls.length;
    },
    urls,
  };
}

/** `<html data-isolation>`: where the page stands (isolation.ts `IsolationStatus`). */
async function isolation(page: Page, status: string | RegExp, timeout = 60_000): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-isolation', status, { timeout });
}

/** `<html data-offline>`: the offline copy (update.svelte.ts `OfflineStatus`). */
async function offline(page: Page, status: string, timeout = 90_000): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-offline', status, { timeout });
}

function modelWorker(page: Page): Worker | undefined {
  return page.workers().find((w) => /model\.worker/.test(w.url()));
}

/** Trains the seed network briefly on WASM; returns the backend's reason and the losses. */
async function trainOnWasm(page: Page): Promise<{ reason: string; loss: number[] }> {
  await page.getByTestId('cell-model').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-value', 'wasm', { timeout: 60_000 });
  await page.getByTestId('config-epochs').fill('3');
  await page.getByTestId('config-batch-size').fill('256');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  const loss = JSON.parse((await page.getByTestId('train-history').getAttribute('data-loss')) ?? '[]') as number[];
  return { reason: (await page.getByTestId('backend').getAttribute('title')) ?? '', loss };
}

test.describe('cross-origin isolation', () => {
  test('the first visit reloads once and comes back isolated; WASM trains on its threaded build', async ({ page, watch }) => {
    const nav = countNavigations(page);
    const wasmFiles: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasmFiles.push(new URL(r.url()).pathname);
    });
    await page.goto('/');
    await isolation(page, 'isolated');
    await waitForReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
    // Once the offline copy is complete, the page says so, and why it reloaded.
    await offline(page, 'ready');
    await expect(page.getByTestId('offline-ready')).toContainText('reloaded once');
    expect(nav.count, `navigations: ${nav.urls.join(', ')}`).toBe(2);

    // The CSP is still the first element of <head> of the page the worker served.
    const first = await page.evaluate(() => [document.head.firstElementChild?.tagName, document.head.firstElementChild?.getAttribute('http-equiv')]);
    expect(first).toEqual(['META', 'Content-Security-Policy']);

    const { reason, loss } = await trainOnWasm(page);
    expect(loss).toHaveLength(3);
    expect(loss[2]).toBeLessThan(loss[0]);
    const worker = modelWorker(page);
    expect(worker, 'the model worker').toBeDefined();
    expect(await worker!.evaluate(() => crossOriginIsolated)).toBe(true);
    // The threaded SIMD binary started; no fallback to single-threaded was needed (DESIGN §4).
    expect(wasmFiles.some((p) => /tfjs-backend-wasm-threaded-simd-[\w-]+\.wasm$/.test(p)), wasmFiles.join(', ')).toBe(true);
    expect(reason).not.toContain('threaded WASM failed');
    // tfjs runs at most hardwareConcurrency / 2 threads (1 to 8; its C++ caps any count the
    // worker sets): on a 2-core machine that is one thread, and the label says "WASM (SIMD)".
    const cores = await worker!.evaluate(() => navigator.hardwareConcurrency);
    test.info().annotations.push({ type: 'backend', description: `${reason} (hardwareConcurrency ${cores})` });
    if (cores >= 4) expect(reason).toMatch(/^WASM \(SIMD, threads\)/);
    else expect(reason).toMatch(/^WASM \(SIMD\): .*one thread: tfjs uses half of the logical cores, and this machine has \d/);

    // Nothing reloads later.
    expect(nav.count).toBe(2);
    expectClean(watch);
  });

  test('the worker serves every response with COOP and COEP', async ({ page }) => {
    await page.goto('/');
    await isolation(page, 'isolated');
    const res = await page.reload();
    expect(res?.fromServiceWorker()).toBe(true);
    expect(res?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(res?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    await waitForReady(page);
    const script = await page.evaluate(async () => {
      const src = document.querySelector('script[type=module]')?.getAttribute('src') ?? '';
      const r = await fetch(src);
      return [r.headers.get('cross-origin-embedder-policy'), r.headers.get('content-type')];
    });
    expect(script[0]).toBe('require-corp');
    expect(script[1]).toMatch(/javascript/);
  });

  test('a page that has opened its notebook does not reload by itself; it offers the reload', async ({ page, context, watch }) => {
    // A slow network: the service worker arrives after the notebook has opened and the user
    // has started working.
    await context.route('**/sw.js', async (route) => {
      await new Promise((r) => setTimeout(r, 4000));
      await route.continue();
    });
    const nav = countNavigations(page);
    await page.goto('/');
    await waitForReady(page);
    await page.getByTestId('hypothesis-alpha').fill('0.01');
    await isolation(page, 'reload-needed');
    expect(nav.count).toBe(1);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await expect(page.getByTestId('hypothesis-alpha')).toHaveValue('0.01');
    // The offline copy is completed all the same.
    await offline(page, 'ready');
    const prompt = page.getByTestId('isolation-prompt');
    await expect(prompt).toContainText('several CPU threads');
    // Asked, it reloads, and comes back isolated with the user's settings.
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await isolation(page, 'isolated');
    await waitForReady(page);
    await expect(page.getByTestId('hypothesis-alpha')).toHaveValue('0.01');
    expect(nav.count).toBe(2);
    expectClean(watch);
  });

  test('a tab that already reloaded once never reloads again (no loop)', async ({ page }) => {
    const nav = countNavigations(page);
    await page.addInitScript(() => {
      // As if this tab had already made its one reload and was still not isolated.
      if (!sessionStorage.getItem('netflow-notebook/isolation-reload')) sessionStorage.setItem('netflow-notebook/isolation-reload', JSON.stringify({ at: 1, announced: true }));
    });
    await page.goto('/');
    await isolation(page, 'reload-needed');
    await page.waitForTimeout(1000);
    expect(nav.count).toBe(1);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  });

  test('offline after one visit: still isolated, still works', async ({ page, context, watch }) => {
    await page.goto('/');
    await isolation(page, 'isolated');
    await waitForReady(page);
    await offline(page, 'ready');
    await context.setOffline(true);
    await page.reload();
    await waitForReady(page);
    await isolation(page, 'isolated');
    expect(Number(await value(page, 'row-count'))).toBe(25_000);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const { loss } = await trainOnWasm(page);
    expect(loss[2]).toBeLessThan(loss[0]);
    await context.setOffline(false);
    expectClean(watch);
  });

  test('built for a sub-path (GitHub Pages) the app is isolated there too', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const nav = countNavigations(page);
    await page.goto(SUBPATH_URL);
    await isolation(page, 'isolated');
    await waitForReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(nav.count).toBe(2);
    expect(nav.urls.every((u) => u.startsWith(SUBPATH_URL))).toBe(true);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(SUBPATH_URL);
    expect(errors).toEqual([]);
  });
});

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('the app works single-threaded and is not isolated', async ({ page }) => {
    const nav = countNavigations(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('/');
    await waitForReady(page);
    await isolation(page, 'no-service-worker');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const { reason, loss } = await trainOnWasm(page);
    expect(reason).toMatch(/^WASM \(SIMD\): .*one thread: the page is not cross-origin isolated/);
    expect(loss[2]).toBeLessThan(loss[0]);
    expect(await modelWorker(page)?.evaluate(() => crossOriginIsolated)).toBe(false);
    expect(nav.count).toBe(1);
    expect(errors).toEqual([]);
  });
});
