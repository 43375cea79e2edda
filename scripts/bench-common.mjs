/**
 * What the benchmark scripts share (bench.mjs, bench-stream.mjs, trace-tasks.mjs): their
 * command-line options, serving a build with `vite preview` on a port of their own, and picking
 * a file in the page's file input.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `--name value` from the command line, or `dflt`. */
export function option(name, dflt) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
}

/**
 * Serves `dist` (relative to the repository) on 127.0.0.1:`port`. Refuses a port something
 * already answers on, and a server that exits (vite's --strictPort): the bench must never
 * measure someone else's build.
 */
export async function startPreview(port, dist = 'dist') {
  const url = `http://127.0.0.1:${port}/`;
  const busy = await fetch(url).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`port ${port} is in use; set BENCH_PORT to a free port`);
  const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  let exited = false;
  server.on('exit', () => (exited = true));
  for (let i = 0; i < 100; i++) {
    if (exited) throw new Error(`vite preview could not listen on port ${port}: set BENCH_PORT`);
    try {
      if ((await fetch(url)).ok) return { server, url };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/** Stops a server from `startPreview` (its whole process group: npx and vite). */
export function stopPreview(server) {
  try {
    process.kill(-server.pid);
  } catch {
    server.kill();
  }
}

/**
 * Picks `file` in the `<input type="file">` with this test id through CDP: the browser reads the
 * file from disk itself, as after a user's pick (the bytes never pass through the page).
 */
export async function pickFile(page, testid, file) {
  const cdp = await page.context().newCDPSession(page);
  try {
    // depth 0: serialising the whole DOM only to find one input took 62-84 ms of the timed load (13-21 ms now)
    const { root: doc } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector: `[data-testid="${testid}"]` });
    await cdp.send('DOM.setFileInputFiles', { nodeId, files: [path.resolve(file)] });
  } finally {
    await cdp.detach();
  }
}

/** Clicks the Run button of every cell whose test id starts with `prefix`; resolves with their number once all are done (or failed). */
export async function runCellsUntilDone(page, prefix) {
  const n = await page.evaluate((p) => {
    const buttons = [...document.querySelectorAll(`[data-testid^="cell-run-${p}"]`)];
    for (const b of buttons) /** @type {HTMLButtonElement} */ (b).click();
    return buttons.length;
  }, prefix);
  await page.waitForFunction(
    (p) => {
      const cells = [...document.querySelectorAll(`section[data-testid^="cell-${p}"]`)];
      return cells.length > 0 && cells.every((c) => c.getAttribute('data-status') === 'done' || c.getAttribute('data-status') === 'error');
    },
    prefix,
    { timeout: 300_000 },
  );
  return n;
}

/**
 * In the page: sets the protocol filter; resolves once every EDA cell has re-run and every chart
 * on screen is drawn, with the time from the change and the longest main-thread task meanwhile.
 */
export async function filterAndWait(values) {
  const w = /** @type {any} */ (window);
  const select = /** @type {HTMLSelectElement | null} */ (document.querySelector('[data-testid="eda-filter-protocol"]'));
  if (!select) throw new Error('no protocol filter');
  const sections = () => [...document.querySelectorAll('section[data-testid^="cell-eda-"]')];
  const onScreen = () =>
    [...document.querySelectorAll('section[data-testid^="cell-eda-"] [data-testid^="chart-"]')].filter((c) => {
      const r = c.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.height > 0;
    });
  const ran = new Set();
  const from = performance.now();
  return new Promise((resolve) => {
    // a cell can run and finish between two frames: noted at every mutation (attributes only)
    const note = () => {
      for (const s of sections()) if (s.getAttribute('data-status') === 'running') ran.add(s);
    };
    let finished = false;
    const check = () => {
      if (finished) return;
      note();
      const done = sections().every((s) => ran.has(s) && s.getAttribute('data-status') === 'done');
      const charts = onScreen();
      if (!done || !charts.every((c) => c.getAttribute('data-plot-state') === 'ready')) return;
      const ms = performance.now() - from;
      finished = true;
      observer.disconnect();
      // let the last tasks reach the long-task observer
      setTimeout(() => {
        const xs = (w.__longTasks ?? []).filter((t) => t.end >= from);
        resolve({ ms, charts: charts.length, longest: xs.length ? Math.max(...xs.map((t) => t.duration)) : 0 });
      }, 300);
    };
    // The on-screen test reads layout: once per frame, from requestAnimationFrame, where the
    // frame lays the page out anyway. Read at every mutation, it forced a layout inside the
    // app's own update tasks, and the bench measured its own layout thrash as their length.
    let queued = false;
    const observer = new MutationObserver(() => {
      note();
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        check();
      });
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status', 'data-plot-state'] });
    for (const o of select.options) o.selected = values.includes(o.value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
