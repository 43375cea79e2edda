/**
 * EDA results → Plotly figures, through the shared builders (src/lib/charts), which escape every
 * user string. The two figures no builder covers (attack types as bar + donut, traffic along a
 * time axis) are assembled here with the same escaping and theme.
 */
import type {
  EdaBoxColumn,
  EdaClassesResult,
  EdaCorrelationResult,
  EdaCrossTab,
  EdaHeatmap,
  EdaHistogram,
  EdaScatter,
  EdaTrafficResult,
} from '../../../workers/protocol-eda';
import { classBalanceFigure, stackedBarFigure } from '../../lib/charts/bars';
import { boxPlotFigure } from '../../lib/charts/box';
import { escapeHtml, escapeTemplate } from '../../lib/charts/escape';
import { contingencyHeatmapFigure, correlationHeatmapFigure } from '../../lib/charts/heatmap';
import { histogramFigure } from '../../lib/charts/histogram';
import { windowSumsFigure } from '../../lib/charts/line';
import { logLogScatterFigure } from '../../lib/charts/scatter';
import { BASE_LAYOUT, COLORS, axis, formatCount, groupColor, num, title } from '../../lib/charts/theme';
import type { BarTrace, Figure, PieTrace, ScatterTrace } from '../../lib/charts/types';

/** Name of the single series when the data has no label. */
export const UNLABELLED = 'rows';

export function histogramFig(h: EdaHistogram, groupNames: readonly string[]): Figure {
  const grouped = groupNames.length > 0;
  return histogramFigure(
    h.column,
    { edges: h.edges, counts: grouped ? h.counts : h.counts[0], log: h.log, zeros: grouped ? h.zeros : h.zeros[0] },
    grouped ? { groupNames } : {},
  );
}

export function crossTabFig(t: EdaCrossTab, groupNames: readonly string[], topN = 15): Figure {
  return stackedBarFigure(t.column, t.categories, { rows: t.rows, cols: t.cols, counts: t.counts }, { groupNames: groupNames.length > 0 ? groupNames : [UNLABELLED], topN });
}

export function heatmapFig(h: EdaHeatmap): Figure {
  return contingencyHeatmapFigure(h.rowColumn, h.rowLabels, h.colColumn, h.colLabels, { rows: h.rows, cols: h.cols, counts: h.counts }, { normalize: 'row' });
}

export function boxFig(b: EdaBoxColumn): Figure {
  // A short title: the charts sit side by side (the builder's default also counts outliers).
  return boxPlotFigure(b.column, b.groups, { title: b.column });
}

export function correlationFig(r: EdaCorrelationResult): Figure {
  return correlationHeatmapFigure(r.columns, { size: r.columns.length, values: r.matrix }, { method: r.method });
}

export function scatterFig(s: EdaScatter, groupNames: readonly string[]): Figure {
  return logLogScatterFigure(
    s.x,
    s.y,
    s.groups ? { x: s.xs, y: s.ys, group: s.groups } : { x: s.xs, y: s.ys },
    // SVG only: Plotly's WebGL trace needs `new Function`, which the CSP forbids (see SCATTER_POINTS).
    { total: s.total, groupNames: groupNames.length > 0 ? groupNames : undefined },
  );
}

/** Normal vs anomalous as a bar and a ring (the seed's "safe vs harmful"). */
export function normalAnomalousFig(c: EdaClassesResult): Figure {
  return classBalanceFigure(
    [
      { value: 'normal', count: c.normals, normal: true },
      { value: 'anomalous', count: c.anomalies, normal: false },
    ],
    c.labelColumn !== null ? { labelColumn: c.labelColumn } : {},
  );
}

const PALETTE = ['#2a9d8f', '#e76f51', '#8e6bbf', '#f4a261', '#3a86ff', '#b5838d', '#6a994e', '#bc4749', '#577590', '#f9c74f'];

/**
 * Attack types (the label's classes): a bar of every class (top `topN`, the rest as "other") and
 * a ring of the largest ones. The normal class is drawn in the normal colour.
 */
export function attackTypesFig(c: EdaClassesResult, topN = 20, ringN = 5): Figure {
  const classes = c.classes.filter((x) => x.count > 0);
  const total = classes.reduce((s, x) => s + x.count, 0);
  const shown = classes.slice(0, topN);
  const rest = classes.slice(topN);
  const labels = shown.map((x) => escapeHtml(x.value));
  const counts = shown.map((x) => x.count);
  const colors: string[] = shown.map((x) => (x.normal ? COLORS.normal : c.hasAnomaly ? COLORS.anomalous : COLORS.neutral));
  if (rest.length > 0 || c.more > 0) {
    labels.push(`other (${formatCount(rest.length + c.more)} classes)`);
    counts.push(rest.reduce((s, x) => s + x.count, 0));
    colors.push(COLORS.other);
  }
  const positions = labels.map((_, i) => i);
  const pct = (v: number) => (total > 0 ? `${((100 * v) / total).toFixed(1)}%` : '–');
  const bar: BarTrace = {
    type: 'bar',
    x: positions,
    y: counts,
    name: 'classes',
    showlegend: false,
    marker: { color: colors },
    customdata: labels.map((l, i) => [l, formatCount(counts[i]), pct(counts[i])]),
    hovertemplate: '%{customdata[0]}<br>rows: %{customdata[1]} (%{customdata[2]})<extra></extra>',
  };
  const ring = classes.slice(0, ringN);
  const ringRest = classes.slice(ringN).reduce((s, x) => s + x.count, 0);
  const ringLabels = ring.map((x) => escapeHtml(x.value));
  const ringValues = ring.map((x) => x.count);
  const ringColors = ring.map((x, i) => (x.normal ? COLORS.normal : PALETTE[(i % (PALETTE.length - 1)) + 1]));
  if (ringRest > 0) {
    ringLabels.push('other');
    ringValues.push(ringRest);
    ringColors.push(COLORS.other);
  }
  const donut: PieTrace = {
    type: 'pie',
    labels: ringLabels,
    values: ringValues,
    hole: 0.55,
    sort: false,
    direction: 'clockwise',
    textinfo: 'percent',
    marker: { colors: ringColors },
    domain: { x: [0.64, 0.9], y: [0.05, 0.95] },
    name: 'classes',
    hovertemplate: '%{label}: %{value:,} rows (%{percent})<extra></extra>',
  };
  const col = c.labelColumn !== null ? escapeHtml(c.labelColumn) : 'label';
  return {
    data: [bar, donut],
    layout: {
      ...BASE_LAYOUT,
      title: title(`Classes of ${col}: ${formatCount(classes.length + c.more)} values over ${formatCount(total)} rows`),
      xaxis: axis('class', { domain: [0, 0.6], tickvals: positions, ticktext: labels, tickangle: labels.length > 8 ? -45 : 0 }),
      yaxis: axis('rows'),
      showlegend: true,
      legend: { x: 0.92, y: 1 },
    },
  };
}

/** Sums along a time column (equal spans), or per window of records in file order. */
export function trafficFig(t: EdaTrafficResult): Figure {
  if (t.axis === 'rows') {
    const series = t.series.length > 0 ? t.series : [{ name: 'rows', sums: t.counts }];
    return windowSumsFigure(series, t.windowSize, { nRows: t.rows });
  }
  const xs = Array.from(t.starts, (x) => (t.timeKind === 'epoch-ms' ? new Date(x).toISOString() : x));
  const series = t.series.length > 0 ? t.series : [{ name: 'rows', sums: t.counts }];
  const single = series.length === 1;
  const data: ScatterTrace[] = series.map((s, k) => ({
    type: 'scatter',
    mode: 'lines',
    x: xs,
    y: Array.from(s.sums, (v) => num(v)),
    name: escapeHtml(s.name),
    showlegend: !single,
    line: { color: single ? COLORS.line : groupColor(k), width: 1.5 },
    hovertemplate: `%{x}<br>${escapeTemplate(s.name)}: %{y:,.6~g}<extra></extra>`,
  }));
  const col = escapeHtml(t.timeColumn ?? 'time');
  const what = single ? escapeHtml(series[0].name) : 'sums';
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: title(`${what} over ${col} (${formatCount(t.starts.length)} equal spans)`),
      xaxis: axis(col),
      yaxis: axis('sum'),
      showlegend: !single,
    },
  };
}
