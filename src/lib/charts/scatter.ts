/**
 * Log-log scatter of two non-negative, heavy-tailed columns (e.g. src_bytes vs dst_bytes).
 *
 * Counts of bytes are often 0, which a log axis cannot show, so by default both axes show
 * value + 1 (`offset`, stated in the axis titles); points that are still ≤ 0 or not finite are
 * left out and counted in the title. Above `glThreshold` points the WebGL trace (`scattergl`)
 * is used — off by default: plotly.js-dist compiles its WebGL shaders with `new Function`,
 * which our CSP (no 'unsafe-eval', DESIGN §6) blocks, leaving a blank chart. Callers send a
 * bounded sample instead. The builder takes the points it is given — the data worker sends a sample
 * (see sample.ts) — and `total` says how many rows the sample came from, for the title.
 */
import { escapeHtml, escapeTemplate } from './escape';
import { BASE_LAYOUT, COLORS, DEFAULT_GROUP_NAMES, axis, formatCount, groupColor, title } from './theme';
import type { Figure, ScatterTrace } from './types';

export interface ScatterPoints {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Group id per point (e.g. isAnomaly); omitted = one unlabeled series. */
  readonly group?: ArrayLike<number>;
}

export interface LogLogScatterOptions {
  /** Rows the points were sampled from (default: the number of points = not sampled). */
  readonly total?: number;
  readonly groupNames?: readonly string[];
  /** Added to both coordinates before the log (default 1). */
  readonly offset?: number;
  /** Use scattergl above this many plotted points (default 5000). */
  readonly glThreshold?: number;
}

/** Marker opacity of one row (overlapping markers read as denser). */
const OPACITY = 0.5;

export function logLogScatterFigure(
  xName: string,
  yName: string,
  points: ScatterPoints,
  options: LogLogScatterOptions = {},
): Figure {
  const xn = escapeHtml(xName);
  const yn = escapeHtml(yName);
  const offset = options.offset ?? 1;
  const groupNames = options.groupNames ?? DEFAULT_GROUP_NAMES;
  const n = Math.min(points.x.length, points.y.length);
  const grouped = points.group !== undefined;

  // Points with the same coordinates in the same group are drawn once (a sample of byte counts
  // repeats many pairs: 2,000 rows of NSL-KDD are ~900 distinct points). Each is an SVG element
  // to lay out and paint (drawn by the point layer, point-layer.ts, rather than Plotly, whose
  // ~50 µs of main thread per marker was the chart's cost), so this halves the element count. Nothing visible changes: a point standing for k rows gets the opacity of k
  // stacked markers, 1 − (1 − α)^k, and its hover says how many rows it is.
  const at: Map<string, number>[] = [];
  const xs: number[][] = [];
  const ys: number[][] = [];
  const ks: number[][] = [];
  let dropped = 0;
  let plotted = 0;
  for (let i = 0; i < n; i++) {
    const g = grouped && points.group ? points.group[i] : 0;
    const x = points.x[i] + offset;
    const y = points.y[i] + offset;
    if (!(x > 0 && y > 0 && x < Infinity && y < Infinity) || !(g >= 0 && Number.isInteger(g))) {
      dropped++;
      continue;
    }
    plotted++;
    const seen = (at[g] ??= new Map());
    const key = `${x} ${y}`;
    const j = seen.get(key);
    if (j !== undefined) {
      ks[g][j]++;
      continue;
    }
    seen.set(key, (xs[g] ??= []).length);
    xs[g].push(x);
    (ys[g] ??= []).push(y);
    (ks[g] ??= []).push(1);
  }
  const type = plotted > (options.glThreshold ?? Infinity) ? 'scattergl' : 'scatter';
  const suffix = offset !== 0 ? ` + ${formatCount(offset)}` : '';
  const xT = escapeTemplate(xName) + suffix;
  const yT = escapeTemplate(yName) + suffix;
  const hover = `${xT}: %{x:,.6~g}<br>${yT}: %{y:,.6~g}`;

  const data: ScatterTrace[] = [];
  for (let g = 0; g < xs.length; g++) {
    if (!xs[g]) continue;
    const name = grouped ? escapeHtml(groupNames[g] ?? `group ${g}`) : `${yn} vs ${xn}`;
    const extra = `<extra>${grouped ? escapeTemplate(groupNames[g] ?? `group ${g}`) : ''}</extra>`;
    const color = grouped ? groupColor(g) : COLORS.neutral;
    // single rows and repeated points as two traces of one legend entry (the legend keeps the
    // single rows' look, and a click on it still shows or hides the whole group)
    const single: number[] = [];
    const repeated: number[] = [];
    ks[g].forEach((k, j) => (k === 1 ? single : repeated).push(j));
    const common = { type, mode: 'markers', name, legendgroup: `g${g}` } as const;
    if (single.length > 0) {
      data.push({
        ...common,
        x: single.map((j) => xs[g][j]),
        y: single.map((j) => ys[g][j]),
        showlegend: grouped,
        marker: { color, size: 4, opacity: OPACITY },
        hovertemplate: hover + extra,
      });
    }
    if (repeated.length > 0) {
      data.push({
        ...common,
        x: repeated.map((j) => xs[g][j]),
        y: repeated.map((j) => ys[g][j]),
        showlegend: grouped && single.length === 0,
        marker: { color, size: 4, opacity: repeated.map((j) => 1 - (1 - OPACITY) ** ks[g][j]) },
        customdata: repeated.map((j) => ks[g][j]),
        hovertemplate: `${hover}<br>%{customdata:,} rows here${extra}`,
      });
    }
  }

  const total = options.total ?? n;
  const notes: string[] = [];
  if (total > n) notes.push(`random sample of ${formatCount(n)} of ${formatCount(total)} rows`);
  if (dropped > 0) notes.push(`${formatCount(dropped)} not drawable on log axes left out`);
  const heading = `${yn} vs ${xn} (log-log${notes.length > 0 ? `; ${notes.join('; ')}` : ''})`;
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: title(heading),
      xaxis: axis(`${xn}${suffix} (log scale)`, { type: 'log', exponentformat: 'SI' }),
      yaxis: axis(`${yn}${suffix} (log scale)`, { type: 'log', exponentformat: 'SI' }),
      showlegend: grouped,
    },
  };
}
