/**
 * Figure builders of the reconstruction-error cells (pure data → Plotly JSON). User strings
 * (class names, feature names) are escaped here (DESIGN §4). Things that move with the
 * threshold — its line, the operating point on the ROC / PR curves — are `Overlay`s: a few
 * layout shapes that the chart applies with a cheap `relayout`, without redrawing the points.
 */
import { escapeHtml, escapeTemplate } from '../../lib/charts/escape';
import { histogramFigure } from '../../lib/charts/histogram';
import { BASE_LAYOUT, COLORS, axis, formatCount, num, title } from '../../lib/charts/theme';
import type { BarTrace, Figure, Layout, ScatterTrace } from '../../lib/charts/types';
import type { CurvePoints } from './evaluation';
import type { FeatureContribution, ScatterSample } from './rows';

/** A Plotly layout shape (https://plotly.com/javascript/reference/layout/shapes/). */
export interface Shape {
  readonly type: 'line' | 'circle' | 'rect';
  readonly xref: string;
  readonly yref: string;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly xsizemode?: 'scaled' | 'pixel';
  readonly ysizemode?: 'scaled' | 'pixel';
  readonly xanchor?: number;
  readonly yanchor?: number;
  readonly layer?: 'above' | 'below';
  readonly line?: { readonly color?: string; readonly width?: number; readonly dash?: 'solid' | 'dash' | 'dot' };
  readonly fillcolor?: string;
  readonly label?: {
    readonly text: string;
    readonly textposition?: 'start' | 'middle' | 'end' | 'top left' | 'top right';
    readonly font?: { readonly size?: number; readonly color?: string };
    readonly xanchor?: 'auto' | 'left' | 'center' | 'right';
    readonly yanchor?: 'top' | 'middle' | 'bottom';
  };
}

/** The threshold-dependent part of a figure's layout. */
export interface Overlay {
  readonly shapes: readonly Shape[];
}

export type OverlayLayout = Layout & { readonly shapes?: readonly Shape[] };

export interface OverlayFigure extends Figure {
  readonly layout: OverlayLayout;
}

export const EMPTY_OVERLAY: Overlay = { shapes: [] };

export const THRESHOLD_COLOR = '#b00020';

/**
 * Colours of the per-row groups: normal, then attack families / classes. Like the shared theme
 * (normal teal, anomalous orange) but with hues far enough apart for six groups on one chart.
 */
const GROUP_COLORS = [COLORS.normal, COLORS.anomalous, '#7b4fb8', '#d4a017', '#3a86ff', '#6d6875', '#c2185b', '#43aa8b'];

export function groupColor(g: number): string {
  return GROUP_COLORS[g % GROUP_COLORS.length];
}

/** 0.00123456 → "0.001235" for labels (deterministic, no locale). */
export function formatThreshold(t: number): string {
  if (!Number.isFinite(t)) return String(t);
  return Number(t.toPrecision(4)).toString();
}

// ---------------------------------------------------------------------------------------------
// Error distribution

export interface ErrorBins {
  readonly edges: ArrayLike<number>;
  /** One series, or one per group (normal, anomalous). */
  readonly counts: ArrayLike<number> | readonly ArrayLike<number>[];
  readonly log: boolean;
  readonly zeros?: number | ArrayLike<number>;
}

export function errorHistogramFigure(bins: ErrorBins, groupNames: readonly string[] | null): OverlayFigure {
  const fig = histogramFigure('reconstruction MSE', bins, {
    groupNames: groupNames ?? undefined,
    title: groupNames ? 'Reconstruction error (MSE) by label' : 'Reconstruction error (MSE)',
  });
  return { data: fig.data, layout: { ...fig.layout, legend: { orientation: 'h', x: 0, y: -0.25 } } };
}

/** A vertical threshold line across the histogram (shapes take data values on log axes too). */
export function histogramThreshold(threshold: number, log: boolean): Overlay {
  if (!Number.isFinite(threshold) || (log && !(threshold > 0))) return EMPTY_OVERLAY;
  return {
    shapes: [
      {
        type: 'line',
        xref: 'x',
        yref: 'paper',
        x0: threshold,
        x1: threshold,
        y0: 0,
        y1: 1,
        layer: 'above',
        line: { color: THRESHOLD_COLOR, width: 2, dash: 'dash' },
        label: { text: `threshold ${formatThreshold(threshold)}`, textposition: 'end', font: { size: 11, color: THRESHOLD_COLOR }, yanchor: 'top' },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Errors per row

export function errorScatterFigure(sample: ScatterSample, groupNames: readonly string[], legendTitle: string | null): OverlayFigure {
  const xs: number[][] = groupNames.map(() => []);
  const ys: number[][] = groupNames.map(() => []);
  for (let i = 0; i < sample.row.length; i++) {
    const g = sample.group[i];
    if (!xs[g]) {
      xs[g] = [];
      ys[g] = [];
    }
    xs[g].push(sample.row[i]);
    ys[g].push(sample.mse[i]);
  }
  const grouped = groupNames.length > 1;
  const data: ScatterTrace[] = [];
  for (let g = 0; g < xs.length; g++) {
    if (!xs[g] || xs[g].length === 0) continue;
    const name = groupNames[g] ?? `group ${g}`;
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: xs[g],
      y: ys[g],
      name: escapeHtml(name),
      showlegend: grouped,
      marker: { color: grouped ? groupColor(g) : COLORS.neutral, size: 4, opacity: 0.6 },
      hovertemplate: `row %{x}<br>MSE %{y:.4~g}<extra>${grouped ? escapeTemplate(name) : ''}</extra>`,
    });
  }
  const drawn = sample.row.length;
  const notes: string[] = [];
  if (!sample.complete) {
    notes.push(`${formatCount(drawn)} of ${formatCount(sample.total)} rows drawn: the largest errors, an even stride through the file, and each group's extremes per row window`);
  }
  if (sample.undrawable > 0) notes.push(`${formatCount(sample.undrawable)} rows with error ≤ 0 or missing left out`);
  const heading = `Reconstruction error per row${notes.length > 0 ? `<br><sub>${notes.join('; ')}</sub>` : ''}`;
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      margin: { l: 60, r: 20, t: notes.length > 0 ? 70 : 50, b: 50 },
      title: title(heading),
      xaxis: axis('row (file order, from 0)', { rangemode: 'tozero' }),
      yaxis: axis('MSE (log scale)', { type: 'log', exponentformat: 'power' }),
      showlegend: grouped,
      legend: { orientation: 'h', x: 0, y: -0.2, title: legendTitle ? { text: escapeHtml(legendTitle) } : undefined },
    },
  };
}

/** A horizontal threshold line across the per-row chart. */
export function scatterThreshold(threshold: number): Overlay {
  if (!(threshold > 0 && threshold < Infinity)) return EMPTY_OVERLAY;
  return {
    shapes: [
      {
        type: 'line',
        xref: 'paper',
        yref: 'y',
        x0: 0,
        x1: 1,
        y0: threshold,
        y1: threshold,
        layer: 'above',
        line: { color: THRESHOLD_COLOR, width: 2, dash: 'dash' },
        label: { text: `threshold ${formatThreshold(threshold)}`, textposition: 'end', font: { size: 11, color: THRESHOLD_COLOR }, yanchor: 'bottom' },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// ROC and precision-recall

function unitAxis(text: string) {
  return axis(text, { range: [-0.02, 1.02], zeroline: false });
}

export function rocFigure(curve: CurvePoints, auc: number): OverlayFigure {
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        x: [0, 1],
        y: [0, 1],
        name: 'chance',
        showlegend: false,
        hoverinfo: 'skip',
        line: { color: COLORS.other, width: 1 },
      },
      {
        type: 'scatter',
        mode: 'lines',
        x: curve.x.map(num),
        y: curve.y.map(num),
        name: 'ROC',
        showlegend: false,
        line: { color: COLORS.line, width: 2 },
        hovertemplate: 'FPR %{x:.4f}<br>TPR %{y:.4f}<extra></extra>',
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: title(`ROC curve (AUC = ${Number.isFinite(auc) ? auc.toFixed(4) : '—'})`),
      xaxis: unitAxis('false positive rate'),
      yaxis: unitAxis('true positive rate (recall)'),
    },
  };
}

export function prFigure(curve: CurvePoints, averagePrecision: number, prevalence: number): OverlayFigure {
  const data: ScatterTrace[] = [];
  if (Number.isFinite(prevalence)) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: [0, 1],
      y: [prevalence, prevalence],
      name: 'chance',
      showlegend: false,
      hoverinfo: 'skip',
      line: { color: COLORS.other, width: 1 },
    });
  }
  data.push({
    type: 'scatter',
    mode: 'lines',
    x: curve.x.map(num),
    y: curve.y.map(num),
    name: 'precision-recall',
    showlegend: false,
    line: { color: COLORS.line, width: 2, shape: 'hv' },
    hovertemplate: 'recall %{x:.4f}<br>precision %{y:.4f}<extra></extra>',
  });
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: title(`Precision–recall (AP = ${Number.isFinite(averagePrecision) ? averagePrecision.toFixed(4) : '—'})`),
      xaxis: unitAxis('recall'),
      yaxis: unitAxis('precision'),
    },
  };
}

/** The current threshold's point on a curve: a fixed-size ring (pixel-sized, anchored at x, y). */
export function operatingPoint(x: number, y: number): Overlay {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return EMPTY_OVERLAY;
  return {
    shapes: [
      {
        type: 'circle',
        xref: 'x',
        yref: 'y',
        xsizemode: 'pixel',
        ysizemode: 'pixel',
        xanchor: x,
        yanchor: y,
        x0: -7,
        x1: 7,
        y0: -7,
        y1: 7,
        layer: 'above',
        line: { color: THRESHOLD_COLOR, width: 2 },
        fillcolor: 'rgba(176, 0, 32, 0.25)',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// One row explained

/** Horizontal bars of the features with the largest squared error, the largest on top. */
export function featureErrorFigure(row: number, contributions: readonly FeatureContribution[]): OverlayFigure {
  const n = contributions.length;
  // Numeric positions with the names as tick text: two features may share a display name.
  const positions = contributions.map((_, i) => n - 1 - i);
  const trace: BarTrace = {
    type: 'bar',
    orientation: 'h',
    x: contributions.map((c) => num(c.sqErr)),
    y: positions,
    customdata: contributions.map((c) => [escapeHtml(c.feature), num(c.share * 100)]),
    marker: { color: COLORS.anomalous },
    showlegend: false,
    hovertemplate: '%{customdata[0]}<br>squared error %{x:.4~g}<br>%{customdata[1]:.1f}&#37; of the row\'s error<extra></extra>',
  };
  return {
    data: [trace],
    layout: {
      ...BASE_LAYOUT,
      margin: { l: 20, r: 20, t: 50, b: 50 },
      title: title(`Row ${formatCount(row)}: features with the largest squared error`),
      xaxis: axis('squared error (input − reconstruction)²'),
      yaxis: axis('', { tickvals: positions, ticktext: contributions.map((c) => escapeHtml(c.feature)) }),
      showlegend: false,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Latent space

export interface LatentPoints {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly rows: ArrayLike<number>;
  readonly group: ArrayLike<number>;
  readonly explained: readonly [number, number];
  /** Rows in the set the sample came from. */
  readonly total: number;
}

export function latentFigure(points: LatentPoints, groupNames: readonly string[], legendTitle: string | null): OverlayFigure {
  const grouped = groupNames.length > 1;
  const xs: number[][] = [];
  const ys: number[][] = [];
  const rows: number[][] = [];
  for (let i = 0; i < points.x.length; i++) {
    const g = points.group[i] ?? 0;
    (xs[g] ??= []).push(points.x[i]);
    (ys[g] ??= []).push(points.y[i]);
    (rows[g] ??= []).push(points.rows[i]);
  }
  const data: ScatterTrace[] = [];
  for (let g = 0; g < xs.length; g++) {
    if (!xs[g]) continue;
    const name = groupNames[g] ?? `group ${g}`;
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: xs[g].map(num),
      y: ys[g].map(num),
      customdata: rows[g],
      name: escapeHtml(name),
      showlegend: grouped,
      marker: { color: grouped ? groupColor(g) : COLORS.neutral, size: 5, opacity: 0.6 },
      hovertemplate: `row %{customdata}<br>PC1 %{x:.3f}<br>PC2 %{y:.3f}<extra>${grouped ? escapeTemplate(name) : ''}</extra>`,
    });
  }
  const pct = (f: number): string => (Number.isFinite(f) ? `${(100 * f).toFixed(1)}%` : '—');
  const n = points.x.length;
  const sampled = points.total > n ? `, a sample of ${formatCount(n)} of ${formatCount(points.total)} rows` : '';
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: title(`Bottleneck activations, PCA to 2-D${sampled}`),
      xaxis: axis(`PC1 (${pct(points.explained[0])} of variance)`, { zeroline: false }),
      yaxis: axis(`PC2 (${pct(points.explained[1])} of variance)`, { zeroline: false }),
      showlegend: grouped,
      legend: { orientation: 'h', x: 0, y: -0.2, title: legendTitle ? { text: escapeHtml(legendTitle) } : undefined },
    },
  };
}
