#!/usr/bin/env node
/**
 * Attributes every main-thread task over 50 ms in the EDA and hypothesis sections, as the bench
 * drives them (126k rows, `?autorun=0`, Run clicked, then protocol filter changes): a Chromium
 * trace through CDP (timeline + V8 CPU profile + user timing), and for each long task its
 * phase, what it spent its time on (script by file, style, layout, paint, GC, parse) and the
 * hottest JavaScript functions. Read it with a non-minified build for function names:
 *
 *   npx vite build --minify false --outDir /tmp/dist-nomin
 *   BENCH_PORT=4324 node scripts/trace-tasks.mjs --dist /tmp/dist-nomin [--out trace.json] [--min-ms 20]
 *
 * `--min-ms` lowers the threshold (wall ms, default 50): on a shared machine a task of 25 ms of
 * CPU becomes a 50 ms one when a worker holds the other core, so those are worth seeing too.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { filterAndWait, option, pickFile, root, runCellsUntilDone, startPreview, stopPreview } from './bench-common.mjs';

const args = process.argv.slice(2);
const dist = path.resolve(option('dist', path.join(root, 'dist')));
const out = option('out', null);
const phasesWanted = new Set(option('phases', 'eda,eda-filter,hypotheses').split(','));
const autorun = args.includes('--autorun');
// without the V8 sampling profiler (it slows script down): task times as users get them, no function names
const light = args.includes('--light');
const PORT = Number(process.env.BENCH_PORT ?? 4174);
const file = path.join(root, '.bench/kdd-125973-kaggle.csv');
const LONG_US = Number(option('min-ms', '50')) * 1000;





const mark = (page, name) => page.evaluate((n) => performance.mark(`phase:${n}`), name);

async function drive(page, url) {
  await page.goto(`${url}${autorun ? '' : '?autorun=0'}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="dataset-status"]')?.getAttribute('data-state') === 'ready', null, { timeout: 60_000 });
  await page.waitForTimeout(2000);
  await pickFile(page, 'file-input', file);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="file-name"]')?.textContent?.includes('kdd-125973') && document.querySelector('[data-testid="dataset-status"]')?.getAttribute('data-state') === 'ready',
    null,
    { timeout: 120_000 },
  );
  await page.waitForTimeout(1500);
}

async function phases(page) {
  if (phasesWanted.has('eda') || phasesWanted.has('eda-filter')) {
    await mark(page, 'eda');
    if (!autorun) await runCellsUntilDone(page, 'eda-');
    await page.waitForTimeout(1000);
  }
  if (phasesWanted.has('eda-filter')) {
    for (const where of ['cell-eda-overview', 'cell-eda-filters']) {
      await mark(page, `scroll ${where}`);
      await page.getByTestId(where).scrollIntoViewIfNeeded();
      await page.waitForTimeout(1000);
      for (const values of [['tcp'], ['udp'], ['icmp'], ['tcp', 'udp'], ['udp', 'icmp'], []]) {
        await mark(page, `eda-filter ${where} [${values.join(',')}]`);
        const { ms } = await page.evaluate(filterAndWait, values);
        console.error(`filter ${where} [${values}] ${Math.round(ms)} ms`);
        await page.waitForTimeout(300);
      }
    }
  }
  if (phasesWanted.has('hypotheses')) {
    await mark(page, 'hypotheses');
    if (!autorun) await runCellsUntilDone(page, 'hypothesis-');
    await page.waitForTimeout(1500);
  }
  if (phasesWanted.has('scroll')) {
    // every chart of both sections drawn once: scrolled through from the top of the EDA
    const top = await page.evaluate(() => document.querySelector('[data-testid="cell-eda-overview"]').getBoundingClientRect().top + scrollY);
    const bottom = await page.evaluate(() => document.querySelector('[data-testid="cell-hypothesis-screen"]').getBoundingClientRect().bottom + scrollY);
    for (let y = top; y < bottom; y += 400) {
      await mark(page, `scroll ${Math.round(y)}`);
      await page.evaluate((to) => window.scrollTo(0, to), y);
      await page.waitForTimeout(800);
    }
  }
  await mark(page, 'end');
}

/** Self time per category of the trace events nested in [ts, ts + dur] of one thread. */
function selfTimes(events) {
  const cat = (e) => {
    switch (e.name) {
      case 'UpdateLayoutTree':
      case 'RecalculateStyles':
        return 'style';
      case 'Layout':
        return 'layout';
      case 'Paint':
      case 'PaintImage':
      case 'UpdateLayer':
      case 'UpdateLayerTree':
      case 'PrePaint':
      case 'Layerize':
      case 'CompositeLayers':
        return 'paint';
      case 'MajorGC':
      case 'MinorGC':
      case 'V8.GC_MARK_COMPACTOR':
      case 'V8.GCScavenger':
      case 'V8.GCFinalizeMC':
      case 'V8.GCIncrementalMarking':
      case 'BlinkGC.AtomicPhase':
      case 'ThreadState::performIdleLazySweep':
        return 'gc';
      case 'v8.compile':
      case 'V8.CompileCode':
      case 'v8.parseOnBackground':
      case 'V8.ParseFunction':
      case 'v8.compileModule':
        return 'compile';
      case 'EvaluateScript':
      case 'v8.evaluateModule':
      case 'FunctionCall':
      case 'TimerFire':
      case 'FireAnimationFrame':
      case 'EventDispatch':
      case 'V8.Execute':
      case 'v8.run':
      case 'RunMicrotasks':
      case 'v8.callFunction':
        return 'script';
      case 'ParseHTML':
        return 'parse-html';
      case 'HitTest':
        return 'hit-test';
      default:
        return null;
    }
  };
  const xs = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const totals = new Map();
  const stack = [];
  // self time of each event; an uncategorised event's self time goes to its parent's category
  const selfOf = new Map(xs.map((e) => [e, e.dur]));
  for (const e of xs) {
    while (stack.length > 0 && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) selfOf.set(parent, selfOf.get(parent) - e.dur);
    stack.push(e);
  }
  const catOf = new Map();
  const stack2 = [];
  for (const e of xs) {
    while (stack2.length > 0 && stack2[stack2.length - 1].ts + stack2[stack2.length - 1].dur <= e.ts) stack2.pop();
    const parent = stack2[stack2.length - 1];
    const c = cat(e) ?? (parent ? catOf.get(parent) : `other:${e.name}`);
    catOf.set(e, c);
    stack2.push(e);
    totals.set(c, (totals.get(c) ?? 0) + Math.max(0, selfOf.get(e)));
  }
  return Object.fromEntries([...totals].filter(([, v]) => v >= 1000).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v / 1000)]));
}

function analyse(trace) {
  const events = trace.traceEvents ?? trace;
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  // the renderer main thread with our phase marks
  const markEv = events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('phase:'));
  const main = markEv.length > 0 ? `${markEv[0].pid}:${markEv[0].tid}` : null;
  if (!main) throw new Error('no phase marks in the trace');
  const [pid, tid] = main.split(':').map(Number);
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid);
  const marks = markEv.map((e) => ({ name: e.name.slice(6), ts: e.ts })).sort((a, b) => a.ts - b.ts);
  const phaseAt = (ts) => {
    let p = 'before';
    for (const m of marks) if (m.ts <= ts) p = m.name;
    return p;
  };
  // chart draws and other user measures (async events b/e on the user_timing category)
  const measures = [];
  const open = new Map();
  for (const e of events.filter((x) => x.pid === pid && x.cat?.includes('blink.user_timing'))) {
    if (e.ph === 'b') open.set(`${e.name}:${e.id ?? e.id2?.local}`, e.ts);
    else if (e.ph === 'e') {
      const k = `${e.name}:${e.id ?? e.id2?.local}`;
      if (open.has(k)) measures.push({ name: e.name, ts: open.get(k), end: e.ts });
    }
  }
  // CPU profile samples
  const samples = [];
  const profiles = new Map();
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile' && e.tid === tid) profiles.set(e.id, { tid: e.tid, time: e.args.data.startTime, nodes: new Map() });
    if (e.name === 'ProfileChunk') {
      const p = profiles.get(e.id);
      if (!p) continue;
      const cp = e.args.data.cpuProfile ?? {};
      for (const n of cp.nodes ?? []) p.nodes.set(n.id, n);
      const deltas = e.args.data.timeDeltas ?? [];
      (cp.samples ?? []).forEach((s, i) => {
        p.time += deltas[i] ?? 0;
        samples.push({ profile: p, node: s, ts: p.time });
      });
    }
  }
  const frameName = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.split('/').pop().replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js') : '';
    return `${f.functionName || '(anon)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
  };
  // outermost task events only (RunTask nests inside ThreadControllerImpl::RunTask)
  const taskEv = onMain.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur >= LONG_US).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  for (const e of taskEv) if (!tasks.some((t) => t.ts <= e.ts && e.ts + e.dur <= t.ts + t.dur)) tasks.push(e);
  const report = [];
  for (const t of tasks) {
    const end = t.ts + t.dur;
    const inside = onMain.filter((e) => e.ts >= t.ts && e.ts < end && e !== t);
    const bySelf = new Map();
    const byApp = new Map();
    const byFile = new Map();
    for (const s of samples) {
      if (s.ts < t.ts || s.ts >= end) continue;
      const leaf = s.profile.nodes.get(s.node);
      if (!leaf) continue;
      const lname = frameName(leaf);
      if (lname.startsWith('(idle)') || lname.startsWith('(program)')) continue;
      bySelf.set(lname, (bySelf.get(lname) ?? 0) + 1);
      // the innermost frame in our own code (not plotly, not svelte internals)
      let n = leaf;
      let app = null;
      let fileName = null;
      while (n) {
        const url = n.callFrame.url ?? '';
        if (!fileName && url) fileName = url.split('/').pop().replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js');
        if (!app && url.includes('/assets/index') && !/svelte/.test(n.callFrame.functionName)) app = frameName(n);
        n = n.parent !== undefined ? s.profile.nodes.get(n.parent) : [...s.profile.nodes.values()].find((m) => m.children?.includes(n.id));
      }
      byApp.set(app ?? '(none)', (byApp.get(app ?? '(none)') ?? 0) + 1);
      byFile.set(fileName ?? lname, (byFile.get(fileName ?? lname) ?? 0) + 1);
    }
    const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, c]) => `${name} ×${c}`);
    const overl = measures.filter((m) => m.end > t.ts && m.ts < end).map((m) => `${m.name} ${Math.round((Math.min(m.end, end) - Math.max(m.ts, t.ts)) / 1000)}ms`);
    const firstScript = inside.find((e) => e.name === 'FunctionCall' || e.name === 'TimerFire' || e.name === 'EventDispatch' || e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript' || e.name === 'FireAnimationFrame');
    report.push({
      phase: phaseAt(t.ts),
      ms: Math.round(t.dur / 1000),
      // thread CPU time: what the task costs when the machine is not shared
      cpuMs: t.tdur !== undefined ? Math.round(t.tdur / 1000) : null,
      at: Math.round((t.ts - marks[0].ts) / 1000),
      entry: firstScript ? `${firstScript.name} ${firstScript.args?.data?.functionName ?? firstScript.args?.data?.type ?? firstScript.args?.data?.url?.split('/').pop() ?? ''}`.trim() : null,
      self: selfTimes(inside),
      measures: overl,
      files: top(byFile, 4),
      hot: top(bySelf, 6),
      appFrames: top(byApp, 5),
    });
  }
  return report;
}

async function main() {
  const saved = option('analyse', null);
  if (saved) {
    for (const r of analyse(JSON.parse(readFileSync(saved, 'utf8')))) console.log(JSON.stringify(r));
    return;
  }
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`no build in ${dist}`);
  if (!existsSync(file)) throw new Error(`missing ${file}: run the bench once`);
  const { server, url } = await startPreview(PORT, dist);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await drive(page, url);
    const css = option('css', null);
    if (css) await page.addStyleTag({ content: css });
    const cdp = await page.context().newCDPSession(page);
    const chunks = [];
    cdp.on('Tracing.dataCollected', (e) => chunks.push(...e.value));
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'disabled-by-default-devtools.timeline.frame',
          'toplevel',
          'blink.user_timing',
          ...(light ? [] : ['v8', 'v8.execute']),
          ...(light ? [] : ['disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.gc', 'blink.gc']),
        ],
      },
    });
    await page.waitForTimeout(300);
    await phases(page);
    await cdp.send('Tracing.end');
    await done;
    const trace = { traceEvents: chunks };
    if (out) writeFileSync(out, JSON.stringify(trace));
    const report = analyse(trace);
    for (const r of report) console.log(JSON.stringify(r));
    console.error(`${report.length} tasks ≥ ${LONG_US / 1000} ms`);
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
