/**
 * Bar figures over categories: a stacked bar of a categorical column split by label (top N
 * categories + "other"), and the class balance (bar of classes + donut of normal/anomalous).
 *
 * Categories sit at numeric positions 0…N−1 with their names as `ticktext`, not on a category
 * axis: Plotly would read category values such as "1", "2" as numbers, and merge a real
 * category called "other" with the "other" bucket.
 */
import type { Contingency } from '../stats/counts';
import { escapeHtml, escapeTemplate } from './escape';
import { BASE_LAYOUT, COLORS, DEFAULT_GROUP_NAMES, axis, formatCount, groupColor, title } from './theme';
import type { BarTrace, Figure, PieTrace } from './types';

export interface StackedBarOptions {
  /** Names of the table's columns (groups); default normal, anomalous. */
  readonly groupNames?: readonly string[];
  /** Categories shown before the rest are summed into "other" (default 15). */
  readonly topN?: number;
  /** Show each category's split as percentages instead of counts. */
  readonly percent?: boolean;
  readonly logY?: boolean;
}

/** Rows of the table ordered by total (largest first, ties by code), zero rows dropped. */
function rowsByTotal(table: Contingency): { order: number[]; totals: Float64Array } {
  const totals = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) {
    for (let c = 0; c < table.cols; c++) totals[r] += table.counts[r * table.cols + c];
  }
  const order: number[] = [];
  for (let r = 0; r < table.rows; r++) if (totals[r] > 0) order.push(r);
  order.sort((a, b) => totals[b] - totals[a] || a - b);
  return { order, totals };
}

function percentText(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '–';
}

export function stackedBarFigure(
  column: string,
  categories: readonly string[],
  table: Contingency,
  options: StackedBarOptions = {},
): Figure {
  const col = escapeHtml(column);
  const colT = escapeTemplate(column);
  const groupNames = options.groupNames ?? DEFAULT_GROUP_NAMES;
  const topN = Math.max(1, Math.floor(options.topN ?? 15));
  const { order, totals } = rowsByTotal(table);
  const shown = order.slice(0, topN);
  const rest = order.slice(topN);

  const labels = shown.map((r) => escapeHtml(categories[r] ?? `#${r}`));
  if (rest.length > 0) labels.push(`other (${formatCount(rest.length)} values)`);
  const positions = labels.map((_, i) => i);
  const barTotals = shown.map((r) => totals[r]);
  if (rest.length > 0) barTotals.push(rest.reduce((s, r) => s + totals[r], 0));

  const data: BarTrace[] = [];
  for (let g = 0; g < table.cols; g++) {
    const counts = shown.map((r) => table.counts[r * table.cols + g]);
    if (rest.length > 0) counts.push(rest.reduce((s, r) => s + table.counts[r * table.cols + g], 0));
    const y = options.percent ? counts.map((v, i) => (barTotals[i] > 0 ? (100 * v) / barTotals[i] : 0)) : counts;
    const name = escapeHtml(groupNames[g] ?? `group ${g}`);
    data.push({
      type: 'bar',
      x: positions,
      y,
      name,
      marker: { color: groupColor(g) },
      customdata: labels.map((label, i) => [label, formatCount(counts[i]), percentText(counts[i], barTotals[i])]),
      hovertemplate:
        `${colT} = %{customdata[0]}<br>${escapeTemplate(groupNames[g] ?? `group ${g}`)}: ` +
        `%{customdata[1]} (%{customdata[2]})<extra></extra>`,
    });
  }

  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: title(`${col} by label`),
      xaxis: axis(col, { tickvals: positions, ticktext: labels, tickangle: labels.length > 8 ? -45 : 0 }),
      yaxis: options.percent
        ? axis('share of rows (%)', { range: [0, 100] })
        : axis(options.logY ? 'rows (log scale)' : 'rows', { type: options.logY ? 'log' : 'linear' }),
      barmode: 'stack',
      showlegend: true,
    },
  };
}

/** One class of the label column (as the data worker's `ClassCount`). */
export interface ClassBar {
  readonly value: string;
  readonly count: number;
  readonly normal: boolean;
}

export interface ClassBalanceOptions {
  /** Name of the label column, for the title. */
  readonly labelColumn?: string;
  /** Classes shown before the rest are summed into "other" (default 20). */
  readonly topN?: number;
}

export function classBalanceFigure(classes: readonly ClassBar[], options: ClassBalanceOptions = {}): Figure {
  const topN = Math.max(1, Math.floor(options.topN ?? 20));
  const sorted = [...classes].filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, topN);
  const rest = sorted.slice(topN);
  const total = sorted.reduce((s, c) => s + c.count, 0);
  const normals = sorted.filter((c) => c.normal).reduce((s, c) => s + c.count, 0);
  const anomalies = total - normals;

  const labels = shown.map((c) => escapeHtml(c.value));
  const counts = shown.map((c) => c.count);
  const colors: string[] = shown.map((c) => (c.normal ? COLORS.normal : COLORS.anomalous));
  if (rest.length > 0) {
    labels.push(`other (${formatCount(rest.length)} classes)`);
    counts.push(rest.reduce((s, c) => s + c.count, 0));
    // the normal class is never in "other" unless it is tiny; colour the bucket neutrally
    colors.push(COLORS.other);
  }
  const positions = labels.map((_, i) => i);

  const bar: BarTrace = {
    type: 'bar',
    x: positions,
    y: counts,
    name: 'classes',
    showlegend: false,
    marker: { color: colors },
    customdata: labels.map((label, i) => [label, formatCount(counts[i]), percentText(counts[i], total)]),
    hovertemplate: '%{customdata[0]}<br>rows: %{customdata[1]} (%{customdata[2]})<extra></extra>',
  };
  const donut: PieTrace = {
    type: 'pie',
    labels: ['normal', 'anomalous'],
    values: [normals, anomalies],
    hole: 0.55,
    sort: false,
    direction: 'clockwise',
    textinfo: 'percent',
    marker: { colors: [COLORS.normal, COLORS.anomalous] },
    domain: { x: [0.7, 1], y: [0.1, 0.9] },
    name: 'balance',
    hovertemplate: '%{label}: %{value:,} rows (%{percent})<extra></extra>',
  };
  const label = options.labelColumn !== undefined ? ` of ${escapeHtml(options.labelColumn)}` : '';
  return {
    data: [bar, donut],
    layout: {
      ...BASE_LAYOUT,
      title: title(`Class balance${label}: ${formatCount(anomalies)} anomalous of ${formatCount(total)}`),
      xaxis: axis('class', {
        domain: [0, 0.62],
        tickvals: positions,
        ticktext: labels,
        tickangle: labels.length > 8 ? -45 : 0,
      }),
      yaxis: axis('rows'),
      showlegend: true,
      legend: { x: 0.72, y: 1 },
    },
  };
}
