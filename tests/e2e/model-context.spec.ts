import type { Page, Worker } from '@playwright/test';
import { test, expect, expectClean, value, waitForReady } from './helpers';

/**
 * Issue 7: a WEBGL_lose_context during training falls back to WASM and resumes from the last
 * epoch checkpoint.
 *
 * The model worker's WebGL context is reached black-box: its script is served through
 * `page.route` with a prelude that keeps every context OffscreenCanvas hands out on `self`
 * (module variables are out of reach of `worker.evaluate`). Service workers are blocked so the
 * request reaches the route instead of the app's offline cache.
 */
test.use({ serviceWorkers: 'block' });

const PRELUDE = `
(() => {
  const contexts = [];
  Object.defineProperty(self, '__glContexts', { value: contexts });
  const getContext = OffscreenCanvas.prototype.getContext;
  OffscreenCanvas.prototype.getContext = function (type, ...rest) {
    const ctx = getContext.call(this, type, ...rest);
    if (ctx && (type === 'webgl2' || type === 'webgl')) contexts.push(ctx);
    return ctx;
  };
})();
`;

const EPOCHS = 4;

async function modelWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().filter((w) => w.url().includes('model.worker')).length, { timeout: 30_000 }).toBe(1);
  return page.workers().filter((w) => w.url().includes('model.worker'))[0];
}

test('a lost WebGL context mid-training falls back to WASM and resumes from the last checkpoint', async ({ page, watch }) => {
  let routed = 0;
  await page.route(/\/assets\/model\.worker[^/]*\.js(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    routed++;
    await route.fulfill({ response, body: PRELUDE + (await response.text()) });
  });
  await page.goto('/?backend=webgl');
  await waitForReady(page);
  await page.getByTestId('cell-model').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-value', 'webgl', { timeout: 60_000 });
  expect(routed, 'the model worker script went through the route').toBe(1);
  const worker = await modelWorker(page);
  // The backend probe's context is released at once; tfjs' own context is the live one.
  const live = () => worker.evaluate(() => (self as unknown as { __glContexts: WebGL2RenderingContext[] }).__glContexts.filter((gl) => !gl.isContextLost()).length);
  expect(await live()).toBe(1);

  await page.getByTestId('config-epochs').fill(String(EPOCHS));
  await page.getByTestId('config-batch-size').fill('512');
  await page.getByTestId('train-start').click();
  // Lose the context once epoch 1 is done, so a checkpoint exists.
  await expect(page.getByTestId('train-progress')).toContainText(new RegExp(`Epoch 2/${EPOCHS} · batch \\d+`), { timeout: 90_000 });
  await worker.evaluate(() => {
    const gls = (self as unknown as { __glContexts: WebGL2RenderingContext[] }).__glContexts.filter((gl) => !gl.isContextLost());
    if (gls.length !== 1) throw new Error(`expected one live WebGL context, found ${gls.length}`);
    const ext = gls[0].getExtension('WEBGL_lose_context');
    if (!ext) throw new Error('WEBGL_lose_context is not available');
    ext.loseContext();
  });
  expect(await live()).toBe(0);

  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-value', 'wasm');
  await expect(page.getByTestId('backend')).toHaveAttribute('title', /context was lost/);

  // Resumed, not restarted: the loss came in epoch ≥ 2 and training went on from the checkpoint
  // of the epoch before it, through to the last epoch.
  const notes = (await page.getByTestId('model-notes').textContent()) ?? '';
  const m = /WebGL context was lost during epoch (\d+): training continued on WASM from the weights saved at the end of epoch (\d+)/.exec(notes);
  expect(m, notes).not.toBeNull();
  const [lostIn, resumedAfter] = [Number(m?.[1]), Number(m?.[2])];
  expect(lostIn).toBeGreaterThanOrEqual(2);
  expect(resumedAfter).toBe(lostIn - 1);
  const loss = JSON.parse((await page.getByTestId('train-history').getAttribute('data-loss')) ?? '[]') as number[];
  expect(loss).toHaveLength(EPOCHS);
  expect(loss.every(Number.isFinite), String(loss)).toBe(true);
  expect(loss[EPOCHS - 1]).toBeLessThan(loss[0]);

  // Every row scored with a finite error; the model is sound.
  const summary = page.getByTestId('train-summary');
  await expect(summary).toHaveAttribute('data-rows', '25000');
  await expect(summary).toHaveAttribute('data-nonfinite', '0');
  const threshold = Number(await value(page, 'threshold-value'));
  expect(Number.isFinite(threshold) && threshold > 0).toBe(true);
  expect(Number(await summary.getAttribute('data-auc'))).toBeGreaterThan(0.8);
  expectClean(watch);
});
