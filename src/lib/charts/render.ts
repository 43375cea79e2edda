/**
 * Draws a figure into an element with Plotly, loaded on first use by dynamic `import()` so the
 * 1.4 MB (gzip) library is a lazy chunk (DESIGN §4). Usable as a Svelte action
 * (`<div use:renderPlot={figure}>`) or called directly; `destroy()` purges the plot (STYLE 8).
 *
 * The element carries `data-plot-state`: `loading`, `ready` or `error` (the error message is put
 * in as text, never HTML).
 */
import { hasPointSeries, schedulePointLayer, setPointSeries, splitMarkers } from './point-layer';
import { isStaged, runStaged } from './stepwise';
import type { Figure } from './types';

/** The part of Plotly's API used here. */
export interface PlotlyLike {
  react(node: HTMLElement, data: unknown, layout: unknown, config: unknown): unknown;
  purge(node: HTMLElement): void;
}

export type PlotlyLoader = () => Promise<PlotlyLike>;

/**
 * What Plotly adds to the element it draws in: its event emitter and the promises it waits for
 * between the steps of a draw (images and MathJax put theirs there).
 */
interface PlotlyGraphDiv extends HTMLElement {
  on?: (event: string, handler: () => void) => void;
  _promises?: Promise<unknown>[];
  _ev?: unknown;
}

const yieldToMain = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Resolves in a task after the browser's next rendering update. A chart drawn right after a
 * Svelte update (a filter change re-renders the cells' tables) would otherwise pay for that
 * update's style and layout of the whole page in its first text measurement — Plotly measures
 * tick labels with getBoundingClientRect — inside its own task. The 100 ms timer covers pages
 * that do not render (a hidden tab) and environments without requestAnimationFrame (tests).
 */
const afterNextFrame = (): Promise<void> =>
  new Promise((resolve) => {
    let done = false;
    const go = (): void => {
      if (done) return;
      done = true;
      setTimeout(resolve, 0);
    };
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(go);
      setTimeout(go, 100);
    } else go();
  });

/** The emitter each graph div had when it was hooked (Plotly makes a new one after a purge). */
const hooked = new WeakMap<HTMLElement, unknown>();

/**
 * Splits every Plotly draw of this element into two tasks. Plotly draws a figure in one go —
 * defaults and data (`calc`), then the SVG — and when axis automargin finds that the tick labels
 * need more room than the layout gave them, it draws the whole figure again, in the same task:
 * 50–150 ms of main thread at 126k rows (the heatmaps, rotated category labels). Each (re)draw
 * starts by emitting `plotly_beforeplot` and waits, after its defaults and calc, for the promises
 * in `_promises` (how Plotly waits for images): one that resolves in a new task lets the browser
 * paint and handle input between the data step and the SVG, and before an automargin redraw.
 */
function splitDraws(gd: PlotlyGraphDiv): void {
  if (typeof gd.on !== 'function' || hooked.get(gd) === gd._ev) return;
  hooked.set(gd, gd._ev);
  gd.on('plotly_beforeplot', () => {
    (gd._promises ??= []).push(yieldToMain());
  });
  // Every draw, relayout (zoom, pan, resize) and restyle (legend clicks) ends with this: the
  // points drawn beside Plotly (point-layer.ts) follow, in a task of their own.
  gd.on('plotly_afterplot', () => {
    if (hasPointSeries(gd) || gd.querySelector('g.point-layer')) void schedulePointLayer(gd);
  });
}

/**
 * Plotly's own `setBackground` (config) paints `paper_bgcolor` on its main SVG. It is called
 * during every draw, once the element has Plotly's event emitter, which is the first moment the
 * draw-splitting hook can be added (the first draw's automargin redraw is then split too). One
 * function for every chart: a config that changes between draws makes `react` start afresh.
 */
function setBackground(gd: HTMLElement, color: string): void {
  gd.querySelector<SVGElement>('svg.main-svg')?.style.setProperty('background', color);
  splitDraws(gd);
}

export const PLOT_CONFIG = { responsive: true, displaylogo: false, setBackground } as const;

let plotly: Promise<PlotlyLike> | null = null;

/**
 * Loads plotly.js-dist once. The build rewrites it (scripts/plotly-stepwise.ts) so that its ~1 s
 * of module evaluation runs as many short tasks (stepwise.ts); if the rewrite gave up (it warns
 * at build time), the UMD bundle arrives as the default export and evaluates in one task.
 */
export const loadPlotly: PlotlyLoader = () => {
  const start = performance.now();
  plotly ??= import('plotly.js-dist').then(async (mod: unknown) => {
    // The rewritten module exports `steps` and `finish` (also through its default export, which
    // is all the dev server's CommonJS interop passes on); the plain UMD bundle exports Plotly.
    const lib = isStaged(mod) ? ((await runStaged(mod)) as PlotlyLike) : (((mod as { default?: unknown }).default ?? mod) as PlotlyLike);
    // "plotly load" in the performance timeline: fetching the chunk, compiling and evaluating
    // it, until Plotly is ready to draw
    performance.measure('plotly load', { start });
    return lib;
  });
  plotly.catch(() => {
    plotly = null; // a failed load (e.g. offline chunk) may be retried by the next chart
  });
  return plotly;
};

/**
 * Charts are drawn one at a time, each in its own task, and only once their element is near the
 * viewport: a notebook full of charts never turns into one multi-second main-thread task, and
 * charts in collapsed or far-away cells cost nothing until they are looked at.
 */
const queue: (() => Promise<void>)[] = [];
let draining = false;

function enqueue(job: () => Promise<void>): void {
  queue.push(job);
  if (!draining) void drain();
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (queue.length > 0) {
      const job = queue.shift();
      await afterNextFrame();
      await job?.();
    }
  } finally {
    draining = false;
  }
}

/** Resolves once the node is within a screen or so of the viewport (at once without IntersectionObserver). */
function whenNearViewport(node: HTMLElement, isDestroyed: () => boolean): Promise<void> {
  if (typeof IntersectionObserver === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const io = new IntersectionObserver(
      (entries) => {
        if (isDestroyed() || entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          resolve();
        }
      },
      { rootMargin: '600px 0px' },
    );
    io.observe(node);
  });
}

export interface PlotHandle {
  update(fig: Figure): void;
  destroy(): void;
}

export function renderPlot(node: HTMLElement, fig: Figure, load: PlotlyLoader = loadPlotly): PlotHandle {
  let latest: Figure = fig;
  let lib: PlotlyLike | null = null;
  let busy = false;
  let dirty = true;
  let destroyed = false;
  let drawn = false;

  const setState = (state: 'loading' | 'ready' | 'error'): void => {
    node.setAttribute('data-plot-state', state);
  };

  const fail = (err: unknown): void => {
    if (destroyed) return;
    setState('error');
    node.textContent = `Chart could not be drawn: ${err instanceof Error ? err.message : String(err)}`;
  };

  // Draws the latest figure; updates that arrive meanwhile are coalesced into one more draw.
  const draw = async (): Promise<void> => {
    try {
      if (!lib) {
        lib = await load();
        // Plotly's last evaluation step (its entry) and a first draw are each ~30–40 ms of main
        // thread: in one task (the draw ran in the promise continuation) they made one of 60–75.
        await afterNextFrame();
      }
      while (dirty && !destroyed) {
        dirty = false;
        // Plotly mutates what it is given (ranges, defaults): hand it a private copy, with its
        // large marker traces drawn beside it (point-layer.ts).
        const { data, layout, series } = splitMarkers(structuredClone(latest));
        const layered = series.length > 0 || hasPointSeries(node);
        setPointSeries(node, series);
        drawn = true;
        const start = performance.now();
        await lib.react(node, data, layout, PLOT_CONFIG);
        // "plot chart-…" in the browser's performance timeline: which chart a long task drew
        performance.measure(`plot ${node.dataset?.testid ?? ''}`, { start });
        // `ready` means the points are on screen too
        if (layered) await schedulePointLayer(node);
      }
      if (!destroyed) setState('ready');
    } catch (err) {
      fail(err);
    } finally {
      busy = false;
      if (destroyed && drawn && lib) lib.purge(node);
    }
  };

  const pump = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    if (!drawn) await whenNearViewport(node, () => destroyed);
    if (destroyed) {
      busy = false;
      return;
    }
    enqueue(draw);
  };

  setState('loading');
  void pump();

  return {
    update(next: Figure): void {
      if (destroyed) return;
      latest = next;
      dirty = true;
      // `ready` must mean the latest figure is on screen, not an earlier one.
      setState('loading');
      void pump();
    },
    destroy(): void {
      if (destroyed) return;
      destroyed = true;
      // While a draw is in flight, `pump` purges when it settles.
      if (!busy && drawn && lib) lib.purge(node);
    },
  };
}
