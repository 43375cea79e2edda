/**
 * The panels' supporting charts, as pure figure builders over the worker's small results: box
 * plots by label, anomaly share per level, and odds ratios with their Wald intervals. Every
 * user string is escaped (src/lib/charts/escape.ts) before it reaches Plotly.
 */
import { boxPlotFigure } from '../../lib/charts/box';
import { stackedBarFigure } from '../../lib/charts/bars';
import { escapeHtml } from '../../lib/charts/escape';
import { BASE_LAYOUT, COLORS, axis, num, title } from '../../lib/charts/theme';
import type { Figure, ScatterTrace } from '../../lib/charts/types';
import type { Chi2Table, GroupBoxes, LevelCount, UrgentCount } from '../../../workers/protocol-hypo';
import type { LogitResult } from '../../lib/stats/hypo';

/** Box plots of normal vs anomalous (quartiles, Tukey whiskers, sampled outliers). */
export function groupBoxFigure(column: string, boxes: GroupBoxes): Figure {
  return boxPlotFigure(column, [
    { name: 'normal', stats: boxes.normal },
    { name: 'anomalous', stats: boxes.anomalous },
  ]);
}

/** Share of anomalous rows per level (largest levels first, the rest summed). */
export function levelShareFigure(column: string, table: Chi2Table, topN = 20): Figure {
  return stackedBarFigure(column, table.levels, { rows: table.levels.length, cols: 2, counts: table.observed }, { percent: true, topN });
}

/** Rows per value of the urgent count by label, on a log axis (the zeros dwarf the rest). */
export function urgentFigure(column: string, values: readonly UrgentCount[]): Figure {
  const counts = new Float64Array(values.length * 2);
  values.forEach((v, i) => {
    counts[2 * i] = v.normal;
    counts[2 * i + 1] = v.anomalous;
  });
  return stackedBarFigure(
    column,
    values.map((v) => String(v.value)),
    { rows: values.length, cols: 2, counts },
    { logY: true, topN: 12 },
  );
}

/**
 * Odds ratios of each estimated level against the reference, with Wald 95 % intervals, on a log
 * axis; separated levels (odds 0 or ∞) are listed with their verdict instead of a point.
 * Levels sit at numeric positions with their names as tick text (a level called "1" must not
 * become a number on a category axis).
 */
export function oddsRatioFigure(column: string, fit: LogitResult, separated: readonly LevelCount[]): Figure {
  const levels = fit.coefficients.filter((c) => c.term === 'level' && Number.isFinite(c.estimate));
  levels.sort((a, b) => b.estimate - a.estimate);
  const ticks: string[] = [];
  const ys: number[] = [];
  const ors: (number | null)[] = [];
  const ciX: (number | null)[] = [];
  const ciY: (number | null)[] = [];
  const hover: string[] = [];
  levels.forEach((c, i) => {
    ticks.push(escapeHtml(c.name));
    ys.push(i);
    ors.push(num(c.oddsRatio));
    ciX.push(num(c.oddsRatioCi95[0]), num(c.oddsRatioCi95[1]), null);
    ciY.push(i, i, null);
    hover.push(`${escapeHtml(c.name)}: OR ${fmt(c.oddsRatio)} [${fmt(c.oddsRatioCi95[0])}, ${fmt(c.oddsRatioCi95[1])}]`);
  });
  separated.forEach((l, k) => {
    ticks.push(`${escapeHtml(l.name)} (${l.separation === 'all-1' ? 'all anomalous: OR → ∞' : 'all normal: OR → 0'})`);
    ys.push(levels.length + k);
  });
  const ci: ScatterTrace = {
    type: 'scatter',
    mode: 'lines',
    x: ciX,
    y: ciY,
    name: '95 % CI',
    line: { color: COLORS.line, width: 2 },
    showlegend: false,
    hoverinfo: 'skip',
  };
  const points: ScatterTrace = {
    type: 'scatter',
    mode: 'markers',
    x: ors,
    y: ys.slice(0, levels.length),
    name: 'odds ratio',
    marker: { color: COLORS.anomalous, size: 9 },
    customdata: hover,
    hovertemplate: '%{customdata}<extra></extra>',
    showlegend: false,
  };
  const ref = escapeHtml(fit.reference ?? '');
  return {
    data: [ci, points],
    layout: {
      ...BASE_LAYOUT,
      title: title(`${escapeHtml(column)}: odds of an anomaly vs ${ref} (95 % Wald CI)`),
      xaxis: axis('odds ratio (log scale; 1 = same odds as the reference)', { type: 'log' }),
      // An explicit reversed range: separated levels have ticks but no point, and must still show.
      yaxis: axis('', { tickvals: ys, ticktext: ticks, range: [ticks.length - 0.5, -0.5], zeroline: false }),
      showlegend: false,
      margin: { l: 140, r: 20, t: 50, b: 50 },
      height: Math.max(260, 60 + 28 * ticks.length),
    },
  };
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : Number.isNaN(x) ? '—' : '−∞';
  return Number(x.toPrecision(3)).toString();
}
