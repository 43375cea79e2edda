/**
 * Large SVG scatter traces drawn as plain circles next to Plotly, not by Plotly.
 *
 * Plotly's SVG scatter styles every marker one at a time (d3 inline styles, a colour parsed per
 * point, twice per draw): ~50 µs of main thread per point, so the EDA's log-log scatter (~900
 * distinct points of a 2,000-row sample) was one 60–140 ms task at every filter change, and
 * nothing in a Plotly draw can be split (its WebGL trace, which would be fast, needs `new
 * Function`, which our CSP forbids). The same circles as plain `<circle>` elements cost ~2 ms.
 *
 * `splitMarkers` rewrites such a trace into
 *   - the same trace with `mode: 'none'`: Plotly still computes it (hover, its hover template,
 *     legend toggling) but draws no markers;
 *   - a one-point (null) trace with the original marker, which gives the legend its symbol;
 *   - an invisible trace of the trace's extreme points with the original marker size, so that
 *     Plotly's autorange pads the axes exactly as it does for the markers;
 * and returns the points for `drawPointLayer`, which puts them inside Plotly's plot group (so
 * they are clipped, and pan with it), in figure order, after every Plotly draw or relayout.
 */
import type { Datum, Figure, Marker, ScatterTrace, Trace } from './types';

/** Traces with fewer points stay with Plotly (a box plot's ≤ 50 outliers, an odds-ratio plot): cheap there. */
export const LAYER_MIN_POINTS = 64;

export interface PointSeries {
  /** Index in the drawn figure of the marker-less trace: its points show only while it is visible. */
  readonly trace: number;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly color: string;
  readonly radius: number;
  /** One for the series, or one per point. */
  readonly opacity: number | readonly number[];
}

export interface SplitFigure {
  readonly data: Trace[];
  readonly layout: Figure['layout'];
  readonly series: PointSeries[];
}

/** Plotly's default marker size (diameter, px). */
const DEFAULT_SIZE = 6;

const isNumbers = (xs: readonly Datum[]): xs is readonly number[] => xs.every((v) => typeof v === 'number');

/** A trace the layer can draw exactly as Plotly would: plain circles of one colour, one size. */
function layerable(t: Trace): t is ScatterTrace & { readonly x: readonly number[]; readonly y: readonly number[] } {
  if (t.type !== 'scatter' || t.mode !== 'markers' || t.x.length < LAYER_MIN_POINTS) return false;
  if (t.xaxis !== undefined || t.yaxis !== undefined || t.opacity !== undefined) return false;
  const m: Marker = t.marker ?? {};
  if (typeof m.color !== 'string' || m.line !== undefined || m.colors !== undefined) return false;
  if (Array.isArray(m.opacity) && m.opacity.length !== t.x.length) return false;
  return t.x.length === t.y.length && isNumbers(t.x) && isNumbers(t.y);
}

/** Indices of the points with the smallest and largest x and y. */
function extremes(x: readonly number[], y: readonly number[]): number[] {
  const at = [0, 0, 0, 0];
  for (let i = 1; i < x.length; i++) {
    if (x[i] < x[at[0]]) at[0] = i;
    if (x[i] > x[at[1]]) at[1] = i;
    if (y[i] < y[at[2]]) at[2] = i;
    if (y[i] > y[at[3]]) at[3] = i;
  }
  return [...new Set(at)];
}

export function splitMarkers(fig: Figure): SplitFigure {
  const data: Trace[] = [];
  const series: PointSeries[] = [];
  for (const t of fig.data) {
    if (!layerable(t)) {
      data.push(t);
      continue;
    }
    const marker = t.marker ?? {};
    const color = typeof marker.color === 'string' ? marker.color : '';
    const size = marker.size ?? DEFAULT_SIZE;
    const legendgroup = t.legendgroup ?? `layer${data.length}`;
    series.push({ trace: data.length, x: t.x, y: t.y, color, radius: size / 2, opacity: marker.opacity ?? 1 });
    // hover labels take the trace's marker colour, which a marker-less trace does not have
    data.push({ ...t, mode: 'none', legendgroup, showlegend: false, hoverlabel: { bgcolor: color } });
    if (t.showlegend !== false) {
      data.push({ type: 'scatter', mode: 'markers', name: t.name, legendgroup, showlegend: t.showlegend, x: [null], y: [null], marker, hoverinfo: 'skip' });
    }
    const ends = extremes(t.x, t.y);
    data.push({
      type: 'scatter',
      mode: 'markers',
      legendgroup,
      showlegend: false,
      x: ends.map((i) => t.x[i]),
      y: ends.map((i) => t.y[i]),
      marker: { size, opacity: 0 },
      hoverinfo: 'skip',
    });
  }
  // Plotly shows a legend by default once it has two entries; the added traces must not make one
  const layout = series.length > 0 && fig.layout.showlegend === undefined ? { ...fig.layout, showlegend: fig.data.filter((t) => t.showlegend !== false).length > 1 } : fig.layout;
  return { data, layout, series };
}

/** The parts of Plotly's graph div the layer reads (Plotly's own, undocumented but stable). */
interface PlotlyAxis {
  c2p(v: number): number;
  readonly _length: number;
}
interface PlottedDiv extends HTMLElement {
  _fullLayout?: { xaxis?: PlotlyAxis; yaxis?: PlotlyAxis };
  _fullData?: readonly { visible?: boolean | 'legendonly'; uid?: string }[];
}

const SVG = 'http://www.w3.org/2000/svg';
const series = new WeakMap<HTMLElement, readonly PointSeries[]>();
const pending = new WeakMap<HTMLElement, Promise<void>>();

/** What `drawPointLayer` draws into this element from now on. */
export function setPointSeries(gd: HTMLElement, points: readonly PointSeries[]): void {
  series.set(gd, points);
}

export function hasPointSeries(gd: HTMLElement): boolean {
  return (series.get(gd)?.length ?? 0) > 0;
}

/** Draws the element's points in a task of their own (requests meanwhile are one draw); resolves once drawn. */
export function schedulePointLayer(gd: HTMLElement): Promise<void> {
  let p = pending.get(gd);
  if (!p) {
    p = new Promise((resolve) =>
      setTimeout(() => {
        pending.delete(gd);
        drawPointLayer(gd, series.get(gd) ?? []);
        resolve();
      }, 0),
    );
    pending.set(gd, p);
  }
  return p;
}

/**
 * Replaces the circles in the graph with these series' points, each inside its own trace's group
 * (as Plotly's markers would be: same stacking order, clipped to the axes, hidden with the trace).
 */
export function drawPointLayer(gd: HTMLElement, points: readonly PointSeries[]): void {
  if (typeof gd.querySelectorAll !== 'function') return;
  for (const old of gd.querySelectorAll('g.point-layer')) old.remove();
  const { xaxis: xa, yaxis: ya } = (gd as PlottedDiv)._fullLayout ?? {};
  const traces = (gd as PlottedDiv)._fullData ?? [];
  if (!xa || !ya) return;
  for (const s of points) {
    const uid = traces[s.trace]?.uid;
    if (traces[s.trace]?.visible !== true || uid === undefined) continue;
    // Plotly's group for the trace (absent while the trace is hidden from the legend)
    const group = gd.querySelector(`.cartesianlayer .subplot.xy .scatterlayer > g.trace${CSS.escape(uid)}`);
    if (!group) continue;
    const layer = document.createElementNS(SVG, 'g');
    layer.setAttribute('class', 'point-layer');
    layer.setAttribute('fill', s.color);
    const r = String(s.radius);
    for (let i = 0; i < s.x.length; i++) {
      const px = xa.c2p(s.x[i]);
      const py = ya.c2p(s.y[i]);
      // the plot group clips to the axes (as Plotly's markers are): skip only what cannot show
      if (!(px >= -s.radius && px <= xa._length + s.radius && py >= -s.radius && py <= ya._length + s.radius)) continue;
      const c = document.createElementNS(SVG, 'circle');
      c.setAttribute('cx', px.toFixed(2));
      c.setAttribute('cy', py.toFixed(2));
      c.setAttribute('r', r);
      const o = typeof s.opacity === 'number' ? s.opacity : s.opacity[i];
      if (o !== 1) c.setAttribute('opacity', String(o));
      layer.appendChild(c);
    }
    group.appendChild(layer);
  }
}
