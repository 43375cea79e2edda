#!/usr/bin/env node
/**
 * `npm run bench:stream` (issue #7): a ~600 MB NSL-KDD-shaped CSV streams through the data
 * worker with bounded memory and progress. Opt-in (about a minute or more): not part of `npm test`.
 *
 *   node scripts/bench-stream.mjs [--mb 600] [--out bench-stream.json] [--interval 250] [--gc-every 4] [--dist dist]
 *
 * 1. Generates `.bench/kdd-stream-<mb>mb.csv` once (gitignored): the real KDDTrain+_20Percent and
 *    KDDTest+ rows in turn, under the Kaggle header, until the size is reached. Deterministic.
 * 2. Loads it in Chromium through the Load cell's file input, as the file picker does (CDP
 *    `DOM.setFileInputFiles`: the bytes never pass through the page).
 * 3. Every `--interval` ms samples the V8 heap of the page and of each data worker
 *    (`Runtime.getHeapUsage` over CDP, including ArrayBuffer backing stores where Chromium reports
 *    them) and the resident memory (VmRSS in /proc) of the browser's renderer processes; records
 *    every progress update the UI shows (fraction, rows/s, ETA) and the long tasks.
 * 4. Reports peak memory against the file's size and against the size of the typed columns
 *    (8 bytes per numeric cell, 4 per categorical code), and the memory beyond the columns read so
 *    far at each quarter of the file: bounded streaming keeps that roughly constant, while a loader
 *    holding the text would grow it by about the text read. Exits 1 when a check fails.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { option, root, startPreview, stopPreview } from './bench-common.mjs';

const shared = path.resolve(root, '../shared/datasets/nsl-kdd');
const MB = Number(option('mb', '600'));
const out = path.resolve(option('out', 'bench-stream.json'));
const intervalMs = Number(option('interval', '250'));
/** A full GC in the worker before every n-th sample, for its live heap (0 = never). */
const gcEvery = Number(option('gc-every', '4'));
const PORT = Number(process.env.BENCH_PORT ?? 4175);
/** The build to serve (another build can be compared, e.g. `--dist dist-old`). */
const dist = option('dist', 'dist');
const TAG = `--bench-stream-tag=${process.pid}`;

/** Generates the file once; returns its path and row count. */
async function generate() {
  const dir = path.join(root, '.bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `kdd-stream-${MB}mb.csv`);
  const meta = `${file}.json`;
  if (existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    if (m.bytes === statSync(file).size) return { file, rows: m.rows };
  }
  console.error(`generating ${path.relative(root, file)} (${MB} MB)…`);
  const names = readFileSync(path.join(shared, 'field-names.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(',')[0])
    .slice(0, 41);
  const read = (f) => readFileSync(path.join(shared, f), 'utf8').trim().split('\n');
  const sources = [read('KDDTrain+_20Percent.txt'), read('KDDTest+.txt')];
  const target = MB * 1e6;
  const ws = createWriteStream(file);
  const write = (s) => new Promise((resolve) => (ws.write(s) ? resolve() : ws.once('drain', resolve)));
  let bytes = 0;
  let rows = 0;
  const header = [...names, 'attack', 'last_flag'].join(',') + '\n';
  await write(header);
  bytes += header.length;
  for (let pass = 0; bytes < target; pass++) {
    const src = sources[pass % 2];
    for (let i = 0; i < src.length && bytes < target; i += 20_000) {
      const block = src.slice(i, i + 20_000);
      const s = block.join('\n') + '\n';
      await write(s);
      bytes += Buffer.byteLength(s);
      rows += block.length;
    }
  }
  await new Promise((resolve) => ws.end(resolve));
  writeFileSync(meta, JSON.stringify({ bytes: statSync(file).size, rows }) + '\n');
  return { file, rows };
}

async function startServer() {
  if (!existsSync(path.join(root, dist, 'index.html'))) throw new Error(`${dist}/ is missing: run \`npx vite build\` first`);
  return startPreview(PORT, dist);
}

/** RSS (bytes) of this run's Chromium renderer processes, found through the tagged browser process. */
function rendererRss() {
  const procs = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      procs.push({ pid: Number(d), ppid, cmd });
    } catch {
      /* gone */
    }
  }
  const browser = procs.find((p) => p.cmd.includes(TAG) && !p.cmd.includes('--type='));
  if (!browser) return null;
  const mine = new Set([browser.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) (mine.add(p.pid), (grew = true));
  }
  let rss = 0;
  for (const p of procs) {
    if (!mine.has(p.pid) || !p.cmd.includes('--type=renderer')) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
      if (m) rss += Number(m[1]) * 1024;
    } catch {
      /* gone */
    }
  }
  return rss;
}

/** Worker targets of the page over CDP (non-flat sessions), with a request helper. */
async function attachWorkers(cdp) {
  const workers = new Map();
  const waiting = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (ev) => {
    if (ev.targetInfo.type === 'worker') workers.set(ev.sessionId, ev.targetInfo);
  });
  cdp.on('Target.detachedFromTarget', (ev) => workers.delete(ev.sessionId));
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    const w = waiting.get(m.id);
    if (w) {
      waiting.delete(m.id);
      w(m.result ?? null);
    }
  });
  const send = (sessionId, method, params = {}) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      setTimeout(() => waiting.delete(id) && resolve(null), 5000);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => (waiting.delete(id), resolve(null)));
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return { workers, send };
}

/** V8 heap plus ArrayBuffer backing stores when reported (Chromium ≥ 120 adds `backingStorageSize`). */
const heapBytes = (h) => (h ? h.usedSize + (h.backingStorageSize ?? 0) : 0);

/** In the page: records each progress update the UI shows, and long tasks. */
const WATCH = () => {
  const w = /** @type {any} */ (window);
  w.__progress = [];
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push(e.duration);
  }).observe({ type: 'longtask' });
  let last = '';
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="load-progress"]');
    if (!el) return;
    const text = el.textContent ?? '';
    if (text === last) return;
    last = text;
    const bar = el.querySelector('progress');
    w.__progress.push({
      t: performance.now(),
      fraction: bar && bar.hasAttribute('value') ? Number(bar.getAttribute('value')) : null,
      label: el.querySelector('.label')?.textContent ?? '',
      rate: el.querySelector('.rate')?.textContent ?? '',
      eta: el.querySelector('.eta')?.textContent ?? '',
    });
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
};

const mb = (b) => Math.round(b / 1e6);

async function main() {
  const { file, rows: expectedRows } = await generate();
  const fileBytes = statSync(file).size;
  const { server, url } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', TAG],
  });
  const checks = [];
  const check = (ok, what) => checks.push({ ok: Boolean(ok), what });
  let result;
  try {
    const page = await browser.newPage();
    await page.goto(`${url}?autorun=0`);
    await page.waitForFunction(() => document.querySelector('[data-testid="dataset-status"]')?.getAttribute('data-state') === 'ready', null, { timeout: 60_000 });
    await page.waitForTimeout(3000); // the next load's worker starts while the page is idle
    const cdp = await page.context().newCDPSession(page);
    const { workers, send } = await attachWorkers(cdp);
    await page.waitForTimeout(300);
    await page.evaluate(WATCH);
    const baseline = { rss: rendererRss(), page: heapBytes(await cdp.send('Runtime.getHeapUsage')) };

    const samples = [];
    let loading = true;
    const tPickPage = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    let raw = null;
    const sampler = (async () => {
      for (let k = 0; loading; k++) {
        const t = Date.now() - t0;
        // Every `gcEvery`-th sample also measures the live heap (after a full GC): usedSize alone
        // includes garbage not yet collected, which says little about what is kept.
        const gc = gcEvery > 0 && k % gcEvery === 0;
        const [pageHeap, ...perWorker] = await Promise.all([
          cdp.send('Runtime.getHeapUsage').then(heapBytes, () => 0),
          ...[...workers.keys()].map(async (s) => {
            if (gc) await send(s, 'HeapProfiler.collectGarbage');
            const h = await send(s, 'Runtime.getHeapUsage');
            if (h) raw = h;
            return [s, h ? heapBytes(h) : null];
          }),
        ]);
        samples.push({ t, rss: rendererRss(), page: pageHeap, workers: Object.fromEntries(perWorker.filter(([, v]) => v !== null)), gc });
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    })();

    const { root: doc } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector: '[data-testid="file-input"]' });
    await cdp.send('DOM.setFileInputFiles', { nodeId, files: [file] });
    await page.waitForFunction(
      (name) => {
        const s = document.querySelector('[data-testid="dataset-status"]')?.getAttribute('data-state');
        return s === 'error' || (s === 'ready' && document.querySelector('[data-testid="file-name"]')?.textContent?.includes(name));
      },
      path.basename(file),
      { timeout: 900_000, polling: 500 },
    );
    const wallMs = Date.now() - t0;
    await page.waitForTimeout(1000); // memory once the summary and first page are shown
    loading = false;
    await sampler;
    // The worker that loaded the file: the one there before the pick and still there after it
    // (the previous dataset's worker is closed when the load succeeds; a new spare starts after).
    const before = Object.keys(samples[0]?.workers ?? {});
    const after = new Set(Object.keys(samples[samples.length - 1]?.workers ?? {}));
    const loader = before.find((s) => after.has(s)) ?? before[0];
    for (const s of samples) {
      s.worker = s.workers[loader] ?? 0;
      s.live = s.gc && loader in s.workers ? s.workers[loader] : null;
    }

    const state = await page.getByTestId('dataset-status').getAttribute('data-state');
    const error = state === 'error' ? await page.getByTestId('load-error').textContent() : null;
    const value = async (id) => page.getByTestId(id).getAttribute('data-value');
    const rows = Number(await value('row-count'));
    const cols = Number(await value('column-count'));
    const colText = (await page.getByTestId('column-count').textContent()) ?? '';
    const numeric = Number(/(\d+) numeric/.exec(colText)?.[1] ?? NaN);
    const columnBytes = rows * (numeric * 8 + (cols - numeric) * 4);
    const loadMs = Number(await value('load-time'));
    const frameNote = (await page.getByTestId('frame-skipped').count()) > 0 ? await page.getByTestId('frame-skipped').textContent() : null;
    const progress = await page.evaluate(() => /** @type {any} */ (window).__progress);
    const longTasks = await page.evaluate(() => /** @type {any} */ (window).__longTasks);

    // Bytes read at each sample, from the progress the UI showed (fraction of the file).
    const peak = (k) => Math.max(0, ...samples.map((s) => s[k] ?? 0));
    const peakRss = peak('rss');
    const peakLive = peak('live');
    const peakWorker = peak('worker');
    const rssGrowth = peakRss - (baseline.rss ?? 0);
    // Memory at each quarter of the file. The columns are allocated at their estimated full
    // size once the first thousand rows show the bytes per row, so what is *not* columns is the
    // live heap minus the whole columns; a loader holding the text would add the text read so far.
    const fractions = progress.filter((p) => p.fraction !== null);
    const liveSamples = samples.filter((s) => s.live !== null);
    const quarters = [0.25, 0.5, 0.75, 1].map((q) => {
      const p = fractions.find((x) => x.fraction >= q) ?? fractions[fractions.length - 1];
      if (!p || liveSamples.length === 0) return null;
      const tMs = p.t - tPickPage;
      const s = liveSamples.reduce((best, x) => (Math.abs(x.t - tMs) < Math.abs(best.t - tMs) ? x : best), liveSamples[0]);
      return {
        fileRead: q,
        textReadMB: mb(fileBytes * p.fraction),
        workerLiveHeapMB: mb(s.live),
        workerLiveBeyondColumnsMB: mb(s.live - columnBytes),
        rendererRssGrowthMB: s.rss === null ? null : mb(s.rss - (baseline.rss ?? 0)),
      };
    });

    const rates = progress.map((p) => p.rate).filter((r) => /\d/.test(r));
    const etas = progress.map((p) => p.eta).filter((e) => /\d/.test(e));
    check(state === 'ready', `the load finished (${state}${error ? `: ${error}` : ''})`);
    check(rows === expectedRows, `row count ${rows} = generated ${expectedRows}`);
    check(progress.length >= 10, `${progress.length} progress updates reached the UI`);
    check(rates.length >= 5, `rows/s shown (${rates[0] ?? 'none'} … ${rates[rates.length - 1] ?? 'none'})`);
    check(etas.length >= 5, `ETA shown (${etas[0] ?? 'none'} … ${etas[etas.length - 1] ?? 'none'})`);
    check(peakWorker < columnBytes + 400e6, `peak worker memory ${mb(peakWorker)} MB < typed columns ${mb(columnBytes)} MB + 400 MB`);

    result = {
      machine: { cpus: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30), browser: browser.version() },
      date: new Date().toISOString(),
      file: path.relative(root, file),
      fileMB: mb(fileBytes),
      rows,
      columns: cols,
      numericColumns: numeric,
      typedColumnsMB: mb(columnBytes),
      wallMs,
      loadMs: Math.round(loadMs),
      throughputMBs: Number((fileBytes / 1e6 / (wallMs / 1000)).toFixed(1)),
      rowsPerSec: Math.round(rows / (wallMs / 1000)),
      danfoFrame: frameNote,
      progressUpdates: progress.length,
      progressFirst: progress[0] ?? null,
      progressLast: progress[progress.length - 1] ?? null,
      longestMainThreadTaskMs: Math.round(Math.max(0, ...longTasks)),
      baseline: { rendererRssMB: baseline.rss === null ? null : mb(baseline.rss), pageHeapMB: mb(baseline.page) },
      peak: {
        workerHeapMB: mb(peakWorker),
        workerLiveHeapMB: mb(peakLive),
        workerBeforeLoadMB: mb(samples[0]?.worker ?? 0),
        pageHeapMB: mb(peak('page')),
        rendererRssMB: baseline.rss === null ? null : mb(peakRss),
        rendererRssGrowthMB: baseline.rss === null ? null : mb(rssGrowth),
      },
      ratios: {
        peakWorkerOverFile: Number((peakWorker / fileBytes).toFixed(2)),
        peakWorkerOverColumns: Number((peakWorker / columnBytes).toFixed(2)),
        peakWorkerLiveOverColumns: Number((peakLive / columnBytes).toFixed(2)),
        rssGrowthOverFile: baseline.rss === null ? null : Number((rssGrowth / fileBytes).toFixed(2)),
        rssGrowthOverColumns: baseline.rss === null ? null : Number((rssGrowth / columnBytes).toFixed(2)),
      },
      quarters,
      checks,
      samples: samples.filter((_, i) => i % Math.max(1, Math.ceil(samples.length / 200)) === 0).map((s) => ({ t: s.t, rssMB: s.rss === null ? null : mb(s.rss), workerMB: mb(s.worker), workerLiveMB: s.live === null ? null : mb(s.live), pageMB: mb(s.page) })),
      workerHeapFields: raw ? Object.keys(raw) : null,
    };
  } finally {
    await browser.close();
    stopPreview(server);
  }
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  const { samples, ...brief } = result;
  void samples;
  console.log(JSON.stringify(brief, null, 2));
  for (const c of checks) console.error(`${c.ok ? 'ok  ' : 'FAIL'} ${c.what}`);
  if (checks.some((c) => !c.ok)) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
