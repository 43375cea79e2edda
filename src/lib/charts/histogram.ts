/**
 * Histogram figure from precomputed bins (src/lib/stats/histogram.ts): a single series in one
 * colour without a legend, or groups (normal vs anomalous) overlaid with a legend.
 *
 * Bars are drawn at the bin midpoints with the bin widths, so each bar covers exactly its
 * [edge, next edge) — also on a log x axis, where Plotly places bar ends in data units.
 */
import { escapeHtml, escapeTemplate } from './escape';
import { BASE_LAYOUT, COLORS, DEFAULT_GROUP_NAMES, axis, formatCount, groupColor, title } from './theme';
import type { Annotation, BarTrace, Figure } from './types';

/** Bins as the stats library returns them, for one series or several groups. */
export interface HistogramBins {
  readonly edges: ArrayLike<number>;
  /** One series (`Float64Array`) or one per group. */
  readonly counts: ArrayLike<number> | readonly ArrayLike<number>[];
  /** Bins are log-spaced (draw a log x axis). */
  readonly log: boolean;
  /** Zeros left out of log-spaced bins: one number, or one per group. */
  readonly zeros?: number | ArrayLike<number>;
}

export interface HistogramFigureOptions {
  /** Names of the groups (default: normal, anomalous). */
  readonly groupNames?: readonly string[];
  readonly logY?: boolean;
  /** Replaces the default title ("Distribution of <column>"). */
  readonly title?: string;
}

function isSeriesList(c: HistogramBins['counts']): c is readonly ArrayLike<number>[] {
  return Array.isArray(c) && (c.length === 0 || typeof c[0] !== 'number');
}

export function histogramFigure(
  column: string,
  bins: HistogramBins,
  options: HistogramFigureOptions = {},
): Figure {
  const col = escapeHtml(column);
  const colT = escapeTemplate(column);
  const groupNames = options.groupNames ?? DEFAULT_GROUP_NAMES;
  const series = isSeriesList(bins.counts) ? bins.counts : [bins.counts];
  const grouped = isSeriesList(bins.counts);
  const nBins = Math.max(0, bins.edges.length - 1);

  const mids: number[] = [];
  const widths: number[] = [];
  const ranges: [number, number][] = [];
  for (let b = 0; b < nBins; b++) {
    const lo = bins.edges[b];
    const hi = bins.edges[b + 1];
    mids.push((lo + hi) / 2);
    widths.push(hi - lo);
    ranges.push([lo, hi]);
  }

  const data: BarTrace[] = series.map((counts, g) => {
    const name = escapeHtml(groupNames[g] ?? `group ${g}`);
    const lastBin = nBins - 1;
    return {
      type: 'bar',
      x: mids,
      y: Array.from({ length: nBins }, (_, b) => counts[b] ?? 0),
      width: widths,
      customdata: ranges.map(([lo, hi], b) => [lo, hi, b === lastBin ? ']' : ')']),
      name: grouped ? name : col,
      showlegend: grouped,
      marker: { color: grouped ? groupColor(g) : COLORS.neutral },
      opacity: grouped ? 0.6 : 1,
      hovertemplate:
        `${colT} in [%{customdata[0]:,.4~g}, %{customdata[1]:,.4~g}%{customdata[2]}` +
        `<br>count: %{y:,}<extra>${grouped ? escapeTemplate(groupNames[g] ?? `group ${g}`) : ''}</extra>`,
    };
  });

  const annotations: Annotation[] = [];
  if (bins.log && bins.zeros !== undefined) {
    const zeros = typeof bins.zeros === 'number' ? [bins.zeros] : Array.from(bins.zeros);
    if (zeros.some((z) => z > 0)) {
      const parts = grouped
        ? zeros.map((z, g) => `${escapeHtml(groupNames[g] ?? `group ${g}`)} ${formatCount(z)}`).join(' · ')
        : formatCount(zeros[0]);
      annotations.push({
        text: `zeros (not on a log axis): ${parts}`,
        showarrow: false,
        xref: 'paper',
        yref: 'paper',
        x: 1,
        y: 1.02,
        xanchor: 'right',
        yanchor: 'bottom',
        font: { size: 11 },
      });
    }
  }

  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: title(options.title !== undefined ? escapeHtml(options.title) : `Distribution of ${col}`),
      xaxis: axis(bins.log ? `${col} (log scale)` : col, {
        type: bins.log ? 'log' : 'linear',
        exponentformat: 'SI',
      }),
      yaxis: axis(options.logY ? 'count (log scale)' : 'count', { type: options.logY ? 'log' : 'linear' }),
      barmode: 'overlay',
      bargap: 0,
      showlegend: grouped,
      annotations,
    },
  };
}
