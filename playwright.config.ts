import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium (no browser download is possible here) against the
 * built app served by `vite preview`.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SUBPATH = '/netflow-notebook/';
// Ports are overridable so that two checkouts can run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const SUBPATH_PORT = Number(process.env.E2E_SUBPATH_PORT ?? 4176);
export const SUBPATH_URL = `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH}`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  // One retry under CI: a machine shared with other jobs can starve a timing-sensitive step. A retried
  // pass is still reported as "flaky" in the list output, so it is seen and fixed, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The GitHub Pages layout: the same app built for and served under a sub-path.
      command: `BASE_PATH=${SUBPATH} npx vite build --outDir dist-subpath --emptyOutDir --logLevel warn && npx vite preview --outDir dist-subpath --base ${SUBPATH} --host 127.0.0.1 --port ${SUBPATH_PORT} --strictPort`,
      url: SUBPATH_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
