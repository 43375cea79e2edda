/**
 * Figure builders as JSON (no browser): structure, and that hostile user strings (column names,
 * category values, group names) come out escaped in every text field Plotly renders as HTML.
 */
import { describe, expect, it } from 'vitest';
import { crossTab } from '../stats/counts';
import { pearsonMatrix } from '../stats/correlation';
import { histogram, histogramByGroup, windowSums } from '../stats/histogram';
import { boxStats } from '../stats/outliers';
import { classBalanceFigure, stackedBarFigure } from './bars';
import { boxPlotFigure } from './box';
import { contingencyHeatmapFigure, correlationHeatmapFigure } from './heatmap';
import { histogramFigure } from './histogram';
import { windowSumsFigure } from './line';
import { mulberry32, sampleIndex } from './sample';
import { logLogScatterFigure } from './scatter';
import type { Axis, Figure, Trace } from './types';

const HOSTILE = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';
const TEMPLATE_HOSTILE = '%{y}<b>';

/** A heavy-tailed non-negative column with zeros, deterministic. */
function traffic(n: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, () => {
    const u = rand();
    return u < 0.3 ? 0 : Math.floor(Math.exp(rand() * 14));
  });
}

function labels(n: number, seed: number): Uint8Array {
  const rand = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
}

/** Every string anywhere in the figure. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** No raw tag anywhere; the escaped form present; and round-trips through JSON. */
function expectSafe(fig: Figure): void {
  const json = JSON.stringify(fig);
  expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(fig)));
  for (const s of strings(fig)) {
    expect(s).not.toContain('<img');
    expect(s).not.toMatch(/<(?!br>|extra>|\/extra>)/);
  }
  expect(json).toContain(ESCAPED);
}

const axisTitle = (a: Axis | undefined): string => a?.title?.text ?? '';
const templates = (fig: Figure): string[] => fig.data.map((t: Trace) => t.hovertemplate ?? '');

describe('histogramFigure', () => {
  const x = traffic(5000, 1);
  const g = labels(5000, 2);

  it('overlays two groups on shared edges, with a legend and escaped names everywhere', () => {
    const h = histogramByGroup(x, g);
    const fig = histogramFigure(HOSTILE, h, { groupNames: ['normal', HOSTILE] });
    expect(fig.data).toHaveLength(2);
    expect(fig.layout.barmode).toBe('overlay');
    expect(fig.layout.showlegend).toBe(true);
    expect(fig.layout.title?.text).toContain(ESCAPED);
    expect(axisTitle(fig.layout.xaxis)).toContain(ESCAPED);
    expect(fig.data[1].name).toBe(ESCAPED);
    for (const t of templates(fig)) expect(t).toContain(ESCAPED);
    expectSafe(fig);
    const bars = fig.data[0];
    if (bars.type !== 'bar') throw new Error('bar expected');
    expect(bars.x).toHaveLength(h.edges.length - 1);
    // each bar spans exactly its bin: midpoint ± width/2
    const w = bars.width as number[];
    expect((bars.x[0] as number) - w[0] / 2).toBeCloseTo(h.edges[0], 9);
  });

  it('draws a single series in one colour without a legend', () => {
    const fig = histogramFigure('src_bytes', histogram(x));
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0].showlegend).toBe(false);
    expect(fig.layout.showlegend).toBe(false);
    expect(fig.layout.xaxis?.type).toBe('linear');
  });

  it('log x: log axis, zeros reported in an annotation; log y option', () => {
    const h = histogramByGroup(x, g, { log: true });
    const fig = histogramFigure(HOSTILE, h, { logY: true, groupNames: [HOSTILE, 'anomalous'] });
    expect(fig.layout.xaxis?.type).toBe('log');
    expect(fig.layout.yaxis?.type).toBe('log');
    const note = fig.layout.annotations?.[0]?.text ?? '';
    expect(note).toContain('zeros');
    expect(note).toContain(ESCAPED);
    expectSafe(fig);
  });

  it('template characters in a name are not substituted', () => {
    const fig = histogramFigure(TEMPLATE_HOSTILE, histogram(x));
    for (const t of templates(fig)) {
      expect(t).not.toContain('%{y}<b>');
      expect(t).toContain('&#37;{y}&lt;b&gt;');
    }
  });
});

describe('stackedBarFigure', () => {
  const cats = ['tcp', HOSTILE, 'icmp', '1', 'other', '__proto__'];
  const codes = Int32Array.from({ length: 600 }, (_, i) => i % 6);
  const isAnomaly = Uint8Array.from({ length: 600 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  const table = crossTab(codes, cats.length, isAnomaly, 2);

  it('stacks groups, escapes categories in tick text and hover data, and the column everywhere', () => {
    const fig = stackedBarFigure(HOSTILE, cats, table, { groupNames: ['normal', HOSTILE], topN: 4 });
    expect(fig.layout.barmode).toBe('stack');
    expect(fig.data).toHaveLength(2);
    const ticks = fig.layout.xaxis?.ticktext ?? [];
    expect(ticks).toHaveLength(5); // top 4 + other
    expect(ticks).toContain(ESCAPED);
    expect(ticks[4]).toMatch(/^other \(2 values\)$/);
    expect(fig.layout.title?.text).toContain(ESCAPED);
    expect(axisTitle(fig.layout.xaxis)).toBe(ESCAPED);
    expect(fig.data[1].name).toBe(ESCAPED);
    for (const t of templates(fig)) expect(t).toContain(ESCAPED);
    expectSafe(fig);
    // counts add up: every row is in some bar
    const total = fig.data.reduce((s, t) => s + (t.type === 'bar' ? (t.y as number[]).reduce((a, b) => a + b, 0) : 0), 0);
    expect(total).toBe(600);
  });

  it('uses numeric positions, so category values like "1" and "other" stay distinct bars', () => {
    const fig = stackedBarFigure('c', cats, table, { topN: 10 });
    const bar = fig.data[0];
    if (bar.type !== 'bar') throw new Error('bar expected');
    expect(bar.x).toEqual([0, 1, 2, 3, 4, 5]);
    expect(fig.layout.xaxis?.ticktext).toContain('other');
    expect(fig.layout.xaxis?.ticktext).toContain('1');
  });

  it('percent mode makes each bar sum to 100', () => {
    const fig = stackedBarFigure('c', cats, table, { percent: true });
    const ys = fig.data.map((t) => (t.type === 'bar' ? (t.y as number[]) : []));
    ys[0].forEach((_, i) => expect(ys[0][i] + ys[1][i]).toBeCloseTo(100, 9));
  });
});

describe('classBalanceFigure', () => {
  it('bar of classes and a donut of normal vs anomalous, escaped', () => {
    const fig = classBalanceFigure(
      [
        { value: 'normal', count: 9711, normal: true },
        { value: 'neptune', count: 4657, normal: false },
        { value: HOSTILE, count: 3, normal: false },
      ],
      { labelColumn: HOSTILE },
    );
    expect(fig.data.map((t) => t.type)).toEqual(['bar', 'pie']);
    const pie = fig.data[1];
    if (pie.type !== 'pie') throw new Error('pie expected');
    expect(pie.hole).toBeGreaterThan(0);
    expect(pie.values).toEqual([9711, 4660]);
    expect(fig.layout.xaxis?.ticktext).toContain(ESCAPED);
    expect(fig.layout.title?.text).toContain(ESCAPED);
    expectSafe(fig);
  });

  it('puts the rest into "other" beyond topN', () => {
    const classes = Array.from({ length: 30 }, (_, i) => ({ value: `c${i}`, count: 100 - i, normal: i === 0 }));
    const fig = classBalanceFigure(classes, { topN: 5 });
    expect(fig.layout.xaxis?.ticktext).toHaveLength(6);
    const bar = fig.data[0];
    if (bar.type !== 'bar') throw new Error('bar expected');
    expect((bar.y as number[]).reduce((a, b) => a + b, 0)).toBe(classes.reduce((s, c) => s + c.count, 0));
  });
});

describe('heatmaps', () => {
  it('correlation heatmap: names escaped as categories (ticks) and NaN as null', () => {
    const a = traffic(200, 3);
    const b = Float64Array.from(a, (v, i) => v * 2 + (i % 7));
    const c = new Float64Array(200); // constant → NaN row
    const m = pearsonMatrix([a, b, c]);
    const fig = correlationHeatmapFigure(['a', HOSTILE, 'c'], m, { method: 'spearman' });
    const t = fig.data[0];
    if (t.type !== 'heatmap') throw new Error('heatmap expected');
    expect(t.x).toEqual(['a', ESCAPED, 'c']);
    expect(t.y).toEqual(['a', ESCAPED, 'c']);
    expect(t.z[2][2]).toBeNull();
    expect(t.z[0][0]).toBe(1);
    expect(t.zmin).toBe(-1);
    expect(fig.layout.xaxis?.type).toBe('category');
    expectSafe(fig);
  });

  it('contingency heatmap: row/column names and labels escaped, counts as text', () => {
    const table = crossTab(Int32Array.of(0, 0, 1, 2, 2, 2), 3, Uint8Array.of(0, 1, 0, 1, 1, 0), 2);
    const fig = contingencyHeatmapFigure(HOSTILE, ['SF', HOSTILE, 'REJ'], 'label', ['normal', HOSTILE], table, {
      normalize: 'row',
    });
    const t = fig.data[0];
    if (t.type !== 'heatmap') throw new Error('heatmap expected');
    expect(t.y).toEqual(['SF', ESCAPED, 'REJ']);
    expect(t.x).toEqual(['normal', ESCAPED]);
    expect(t.text).toEqual([
      ['1', '1'],
      ['1', '0'],
      ['1', '2'],
    ]);
    expect(t.z[2][1]).toBeCloseTo(200 / 3, 12);
    expect(axisTitle(fig.layout.yaxis)).toBe(ESCAPED);
    expect(fig.layout.title?.text).toContain(ESCAPED);
    expect(t.hovertemplate).toContain(ESCAPED);
    expectSafe(fig);
  });
});

describe('boxPlotFigure', () => {
  it('boxes from precomputed stats, a bounded outlier sample, escaped names', () => {
    const x = traffic(20000, 4);
    const g = labels(20000, 5);
    const idx = (k: number) => Uint32Array.from(Array.from({ length: x.length }, (_, i) => i).filter((i) => g[i] === k));
    const groups = [
      { name: 'normal', stats: boxStats(x, idx(0), { maxOutliers: 50 }) },
      { name: HOSTILE, stats: boxStats(x, idx(1), { maxOutliers: 50 }) },
    ];
    const fig = boxPlotFigure(HOSTILE, groups);
    const boxes = fig.data.filter((t) => t.type === 'box');
    expect(boxes).toHaveLength(2);
    const points = fig.data.filter((t) => t.type === 'scatter');
    for (const p of points) if (p.type === 'scatter') expect(p.y.length).toBeLessThanOrEqual(50);
    const b = boxes[1];
    if (b.type !== 'box') throw new Error('box expected');
    expect(b.boxpoints).toBe(false);
    expect(b.x).toEqual([ESCAPED]);
    expect(b.q1[0]).toBeLessThanOrEqual(b.median[0]);
    expect(fig.layout.title?.text).toContain(ESCAPED);
    expect(fig.layout.title?.text).toMatch(/of [\d,]+ outliers shown/);
    expect(axisTitle(fig.layout.yaxis)).toContain(ESCAPED);
    expectSafe(fig);
  });

  it('a group without finite values is named in an annotation, not drawn', () => {
    const fig = boxPlotFigure('c', [
      { name: HOSTILE, stats: boxStats(Float64Array.of(NaN, NaN)) },
      { name: 'ok', stats: boxStats(Float64Array.of(1, 2, 3)) },
    ]);
    expect(fig.data.filter((t) => t.type === 'box')).toHaveLength(1);
    expect(fig.layout.annotations?.[0]?.text).toContain(ESCAPED);
    expectSafe(fig);
  });
});

describe('logLogScatterFigure', () => {
  it('stays SVG by default (scattergl needs eval, blocked by our CSP), uses scattergl only above an explicit threshold, and states the sample size', () => {
    const n = 126000;
    const idx = sampleIndex(n, 8000, 7);
    const x = traffic(n, 8);
    const y = traffic(n, 9);
    const g = labels(n, 10);
    const fig = logLogScatterFigure(
      HOSTILE,
      'dst_bytes',
      { x: Array.from(idx, (i) => x[i]), y: Array.from(idx, (i) => y[i]), group: Array.from(idx, (i) => g[i]) },
      { total: n, groupNames: ['normal', HOSTILE] },
    );
    expect(fig.data.every((t) => t.type === 'scatter')).toBe(true);
    const gl = logLogScatterFigure('a', 'b', { x: [1, 2, 3], y: [1, 2, 3], group: [0, 1, 0] }, { glThreshold: 2 });
    expect(gl.data.every((t) => t.type === 'scattergl')).toBe(true);
    expect(fig.layout.title?.text).toContain('random sample of 8,000 of 126,000 rows');
    expect(fig.layout.xaxis?.type).toBe('log');
    expect(fig.layout.yaxis?.type).toBe('log');
    expect(axisTitle(fig.layout.xaxis)).toContain(`${ESCAPED} + 1`);
    expect(fig.layout.title?.text).toContain(ESCAPED);
    // one legend entry per group (its single rows and its repeated points share it)
    const legend = fig.data.filter((t) => t.showlegend);
    expect(legend.map((t) => t.name)).toEqual(['normal', ESCAPED]);
    expect(fig.data.filter((t) => t.legendgroup === 'g1').every((t) => t.name === ESCAPED)).toBe(true);
    for (const t of templates(fig)) expect(t).toContain(ESCAPED);
    expectSafe(fig);
  });

  it('draws repeated points once, as dense as the rows they stand for, and keeps every row', () => {
    // with the offset of 1: (1,1) three times, (10,10) once and (5,0) twice in group 0, (1,1) once in group 1
    const fig = logLogScatterFigure(
      'a',
      'b',
      { x: [0, 0, 4, 0, 4, 9, 0], y: [0, 0, -1, 0, -1, 9, 0], group: [0, 0, 0, 0, 0, 0, 1] },
      { groupNames: ['normal', 'anomalous'] },
    );
    const traces = fig.data.map((t) => {
      if (t.type !== 'scatter') throw new Error('scatter expected');
      return t;
    });
    // group 0: the single row (10, 10), then the repeated points; group 1: its single row
    expect(traces.map((t) => [t.legendgroup, t.x, t.y])).toEqual([
      ['g0', [10], [10]],
      ['g0', [1], [1]],
      ['g1', [1], [1]],
    ]);
    expect(traces[0].marker?.opacity).toBe(0.5);
    expect(traces[1].marker?.opacity).toEqual([1 - 0.5 ** 3]);
    expect(traces[1].customdata).toEqual([3]);
    expect(traces[1].hovertemplate).toContain('%{customdata:,} rows here');
    expect(traces.map((t) => t.showlegend)).toEqual([true, false, true]);
    // (5, 0) + 1 = (5, 0): not drawable on a log axis, left out and counted as before
    expect(fig.layout.title?.text).toContain('2 not drawable on log axes left out');
  });

  it('uses SVG scatter for few points, drops points not drawable on log axes and says so', () => {
    const fig = logLogScatterFigure('a', 'b', { x: [0, 1, -5, NaN, 10], y: [0, 2, 3, 4, 100] }, { offset: 1 });
    expect(fig.data[0].type).toBe('scatter');
    const t = fig.data[0];
    if (t.type !== 'scatter') throw new Error('scatter expected');
    expect(t.x).toEqual([1, 2, 11]);
    expect(fig.layout.title?.text).toContain('2 not drawable on log axes left out');
    expect(fig.layout.title?.text).not.toContain('sample');
  });
});

describe('windowSumsFigure', () => {
  it('one line per series over window starts; escaped names', () => {
    const x = traffic(2500, 11);
    const w = windowSums(x, 1000);
    const fig = windowSumsFigure([{ name: HOSTILE, sums: w.sums }], 1000, { nRows: 2500 });
    const t = fig.data[0];
    if (t.type !== 'scatter') throw new Error('scatter expected');
    expect(t.x).toEqual([0, 1000, 2000]);
    expect(t.customdata?.[2]).toEqual([2001, 2500]);
    expect(fig.layout.title?.text).toContain(ESCAPED);
    expect(t.name).toBe(ESCAPED);
    expect(t.hovertemplate).toContain(ESCAPED);
    expectSafe(fig);
  });
});

describe('sampleIndex', () => {
  it('is deterministic, distinct, sorted and in range', () => {
    const a = sampleIndex(100000, 1000, 42);
    const b = sampleIndex(100000, 1000, 42);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(new Set(a).size).toBe(1000);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
    expect(a[a.length - 1]).toBeLessThan(100000);
    expect(Array.from(sampleIndex(5, 10))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(sampleIndex(100000, 1000, 43))).not.toEqual(Array.from(a));
  });
});
