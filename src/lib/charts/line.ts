/**
 * Line chart of windowed sums (src/lib/stats/histogram.ts `windowSums`): traffic over "time"
 * as file order, since NSL-KDD-style files carry no timestamps.
 */
import { escapeHtml, escapeTemplate } from './escape';
import { BASE_LAYOUT, COLORS, axis, formatCount, groupColor, num, title } from './theme';
import type { Figure, ScatterTrace } from './types';

export interface WindowSeries {
  /** Series name (a column, or "<column> (anomalous)" …). */
  readonly name: string;
  readonly sums: ArrayLike<number>;
}

export interface WindowSumsOptions {
  readonly title?: string;
  readonly logY?: boolean;
  /** Rows in total, so the last (shorter) window's end is right in the hover text. */
  readonly nRows?: number;
}

export function windowSumsFigure(
  series: readonly WindowSeries[],
  windowSize: number,
  options: WindowSumsOptions = {},
): Figure {
  const single = series.length === 1;
  const data: ScatterTrace[] = series.map((s, k) => {
    const starts: number[] = [];
    const spans: [number, number][] = [];
    for (let w = 0; w < s.sums.length; w++) {
      const first = w * windowSize + 1;
      const last = Math.min((w + 1) * windowSize, options.nRows ?? Infinity);
      starts.push(w * windowSize);
      spans.push([first, last]);
    }
    return {
      type: 'scatter',
      mode: 'lines',
      x: starts,
      y: Array.from(s.sums, (v) => num(v)),
      name: escapeHtml(s.name),
      showlegend: !single,
      line: { color: single ? COLORS.line : groupColor(k), width: 1.5 },
      customdata: spans,
      hovertemplate: `rows %{customdata[0]:,}–%{customdata[1]:,}<br>${escapeTemplate(s.name)}: %{y:,.6~g}<extra></extra>`,
    };
  });
  const what = single ? escapeHtml(series[0].name) : 'sums';
  const heading =
    options.title !== undefined ? escapeHtml(options.title) : `${what} per ${formatCount(windowSize)} rows (file order)`;
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: title(heading),
      xaxis: axis(`row (windows of ${formatCount(windowSize)})`, { rangemode: 'tozero' }),
      yaxis: axis(options.logY ? `sum (log scale)` : 'sum', { type: options.logY ? 'log' : 'linear' }),
      showlegend: !single,
    },
  };
}
