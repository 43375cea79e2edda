/**
 * Heatmaps: a correlation matrix (from pearsonMatrix / spearmanMatrix) and a contingency table
 * (e.g. flag × label). Axes are categorical with the (escaped, unique) names as categories;
 * the y axis is reversed so the matrix reads like a table, first row on top.
 */
import type { Contingency } from '../stats/counts';
import type { SquareMatrix } from '../stats/correlation';
import { escapeHtml, escapeTemplate } from './escape';
import { BASE_LAYOUT, TICK_LABEL_OVERFLOW, axis, formatCount, num, title } from './theme';
import type { Figure, HeatmapTrace } from './types';

/** Diverging blue-white-red, symmetric around 0 (r = −1 … 1). */
const DIVERGING: readonly (readonly [number, string])[] = [
  [0, '#2166ac'],
  [0.25, '#67a9cf'],
  [0.5, '#f7f7f7'],
  [0.75, '#ef8a62'],
  [1, '#b2182b'],
];

export interface CorrelationHeatmapOptions {
  readonly method?: 'pearson' | 'spearman';
  readonly title?: string;
}

export function correlationHeatmapFigure(
  names: readonly string[],
  matrix: SquareMatrix,
  options: CorrelationHeatmapOptions = {},
): Figure {
  const k = matrix.size;
  const labels = Array.from({ length: k }, (_, i) => escapeHtml(names[i] ?? `#${i}`));
  const z: (number | null)[][] = [];
  for (let i = 0; i < k; i++) {
    const row: (number | null)[] = [];
    for (let j = 0; j < k; j++) row.push(num(matrix.values[i * k + j]));
    z.push(row);
  }
  const method = options.method ?? 'pearson';
  const symbol = method === 'pearson' ? 'r' : 'ρ';
  const trace: HeatmapTrace = {
    type: 'heatmap',
    z,
    x: labels,
    y: labels,
    zmin: -1,
    zmax: 1,
    zmid: 0,
    colorscale: DIVERGING,
    colorbar: { title: { text: symbol }, ticklabeloverflow: TICK_LABEL_OVERFLOW },
    // No gaps between cells: with gaps Plotly paints every cell into a plot-sized canvas and
    // PNG-encodes it in the draw (~15 ms of main thread for 38 × 38); without, it paints one
    // pixel per cell and lets the browser scale the image up.
    hovertemplate: `%{y} × %{x}<br>${symbol} = %{z:.3f}<extra></extra>`,
  };
  const heading =
    options.title !== undefined
      ? escapeHtml(options.title)
      : `${method === 'pearson' ? 'Pearson' : 'Spearman'} correlation (${formatCount(k)} columns; blank = undefined)`;
  return {
    data: [trace],
    layout: {
      ...BASE_LAYOUT,
      title: title(heading),
      xaxis: axis('', { type: 'category', tickangle: -45 }),
      yaxis: axis('', { type: 'category', autorange: 'reversed' }),
      margin: { l: 140, r: 20, t: 50, b: 140 },
    },
  };
}

export interface ContingencyHeatmapOptions {
  /** 'row': colour by each row's percentages (counts stay in the cells' text). */
  readonly normalize?: 'none' | 'row';
  readonly title?: string;
}

export function contingencyHeatmapFigure(
  rowColumn: string,
  rowLabels: readonly string[],
  colColumn: string,
  colLabels: readonly string[],
  table: Contingency,
  options: ContingencyHeatmapOptions = {},
): Figure {
  const rowName = escapeHtml(rowColumn);
  const colName = escapeHtml(colColumn);
  const rows = Array.from({ length: table.rows }, (_, r) => escapeHtml(rowLabels[r] ?? `#${r}`));
  const cols = Array.from({ length: table.cols }, (_, c) => escapeHtml(colLabels[c] ?? `#${c}`));
  const byRow = options.normalize === 'row';
  const z: (number | null)[][] = [];
  const text: string[][] = [];
  for (let r = 0; r < table.rows; r++) {
    let total = 0;
    for (let c = 0; c < table.cols; c++) total += table.counts[r * table.cols + c];
    const zr: (number | null)[] = [];
    const tr: string[] = [];
    for (let c = 0; c < table.cols; c++) {
      const v = table.counts[r * table.cols + c];
      zr.push(byRow ? (total > 0 ? (100 * v) / total : null) : v);
      tr.push(formatCount(v));
    }
    z.push(zr);
    text.push(tr);
  }
  const trace: HeatmapTrace = {
    type: 'heatmap',
    z,
    x: cols,
    y: rows,
    text,
    texttemplate: '%{text}',
    colorscale: 'Blues',
    // Plotly's 'Blues' runs dark → light; reversed, the largest share is the darkest cell.
    reversescale: true,
    colorbar: { title: { text: byRow ? '% of row' : 'rows' }, ticklabeloverflow: TICK_LABEL_OVERFLOW },
    xgap: 1,
    ygap: 1,
    hovertemplate:
      `${escapeTemplate(rowColumn)} = %{y}<br>${escapeTemplate(colColumn)} = %{x}<br>rows: %{text}` +
      (byRow ? ' (%{z:.1f}% of row)' : '') +
      '<extra></extra>',
  };
  const heading = options.title !== undefined ? escapeHtml(options.title) : `${rowName} × ${colName}`;
  return {
    data: [trace],
    layout: {
      ...BASE_LAYOUT,
      title: title(heading),
      xaxis: axis(colName, { type: 'category' }),
      yaxis: axis(rowName, { type: 'category', autorange: 'reversed' }),
    },
  };
}
