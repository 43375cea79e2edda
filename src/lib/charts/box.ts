/**
 * Box plots from precomputed statistics (src/lib/stats/outliers.ts `boxStats`): quartiles,
 * Tukey whiskers and a bounded sample of outliers per group — never the raw column.
 */
import type { BoxStats } from '../stats/outliers';
import { escapeHtml } from './escape';
import { BASE_LAYOUT, axis, formatCount, groupColor, num, title } from './theme';
import type { Annotation, BoxTrace, Figure, ScatterTrace, Trace } from './types';

export interface BoxGroup {
  /** Group name (e.g. "normal", or a category value). */
  readonly name: string;
  readonly stats: BoxStats;
}

export interface BoxPlotOptions {
  /** Log y axis (values ≤ 0 cannot be drawn on it). */
  readonly logY?: boolean;
  readonly title?: string;
}

export function boxPlotFigure(column: string, groups: readonly BoxGroup[], options: BoxPlotOptions = {}): Figure {
  const col = escapeHtml(column);
  const data: Trace[] = [];
  let outliers = 0;
  let sampled = 0;
  const empty: string[] = [];
  groups.forEach((group, g) => {
    const s = group.stats;
    const name = escapeHtml(group.name);
    if (s.n === 0) {
      empty.push(name);
      return;
    }
    const color = groupColor(g);
    const box: BoxTrace = {
      type: 'box',
      name,
      x: [name],
      q1: [s.q1],
      median: [s.median],
      q3: [s.q3],
      lowerfence: [s.whiskerLow],
      upperfence: [s.whiskerHigh],
      mean: Number.isFinite(s.mean) ? [s.mean] : undefined,
      boxpoints: false,
      marker: { color },
      line: { color },
      showlegend: false,
    };
    data.push(box);
    outliers += s.outliersLow + s.outliersHigh;
    sampled += s.outlierSample.length;
    if (s.outlierSample.length > 0) {
      const points: ScatterTrace = {
        type: 'scatter',
        mode: 'markers',
        name: `${name} outliers`,
        x: Array.from(s.outlierSample, () => name),
        y: Array.from(s.outlierSample, (v) => num(v)),
        marker: { color, size: 4, opacity: 0.6 },
        showlegend: false,
        hovertemplate: `${name} outlier: %{y:,.6~g}<extra></extra>`,
      };
      data.push(points);
    }
  });

  const annotations: Annotation[] = [];
  if (empty.length > 0) {
    annotations.push({
      text: `no finite values: ${empty.join(', ')}`,
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
  const note =
    outliers > sampled
      ? ` — ${formatCount(sampled)} of ${formatCount(outliers)} outliers shown`
      : outliers > 0
        ? ` — ${formatCount(outliers)} outliers`
        : '';
  const heading = options.title !== undefined ? escapeHtml(options.title) : `${col}: quartiles, 1.5 IQR whiskers${note}`;
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: title(heading),
      xaxis: axis('', { type: 'category' }),
      yaxis: axis(options.logY ? `${col} (log scale)` : col, { type: options.logY ? 'log' : 'linear' }),
      showlegend: false,
      annotations,
    },
  };
}
