import { describe, expect, it } from 'vitest';
import type { EdaClassesResult, EdaTrafficResult } from '../../../workers/protocol-eda';
import type { BarTrace, PieTrace, ScatterTrace } from '../../lib/charts/types';
import { attackTypesFig, crossTabFig, histogramFig, normalAnomalousFig, scatterFig, trafficFig } from './figures';

const HOSTILE = '<img src=x onerror=alert(1)>';
const base = { rows: 10, totalRows: 10, filterKey: '', ms: 0 };

const classes: EdaClassesResult = {
  ...base,
  labelColumn: HOSTILE,
  hasAnomaly: true,
  classes: [
    { value: 'normal', count: 6, normal: true },
    { value: HOSTILE, count: 3, normal: false },
    { value: '__proto__', count: 1, normal: false },
  ],
  more: 0,
  normals: 6,
  anomalies: 4,
  unlabelled: 0,
};

/** No raw "<" of a user string may reach a figure. */
function noRawTags(fig: unknown): void {
  expect(JSON.stringify(fig)).not.toContain('<img');
}

describe('EDA figures', () => {
  it('attack types: bar + ring, escaped, normal in the normal colour', () => {
    const fig = attackTypesFig(classes);
    noRawTags(fig);
    const bar = fig.data[0] as BarTrace;
    const ring = fig.data[1] as PieTrace;
    expect(bar.y).toEqual([6, 3, 1]);
    expect(ring.labels).toEqual(['normal', '&lt;img src=x onerror=alert(1)&gt;', '__proto__']);
    expect(fig.layout.xaxis?.ticktext?.[1]).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(fig.layout.title?.text).toContain('3 values over 10 rows');
  });

  it('normal vs anomalous', () => {
    const fig = normalAnomalousFig(classes);
    noRawTags(fig);
    expect((fig.data[1] as PieTrace).values).toEqual([6, 4]);
  });

  it('histogram and categories: one colour without a label, overlaid groups with one', () => {
    const h = { column: HOSTILE, edges: Float64Array.of(0, 1, 2), counts: [Float64Array.of(1, 2)], zeros: Float64Array.of(0), excluded: Float64Array.of(0), log: false };
    const single = histogramFig(h, []);
    noRawTags(single);
    expect(single.data.length).toBe(1);
    expect(single.layout.showlegend).toBe(false);
    const grouped = histogramFig({ ...h, counts: [Float64Array.of(1, 2), Float64Array.of(0, 1)], zeros: Float64Array.of(0, 0) }, ['normal', 'anomalous']);
    expect(grouped.data.length).toBe(2);
    const bars = crossTabFig({ column: HOSTILE, categories: [HOSTILE, 'b'], rows: 2, cols: 1, counts: Float64Array.of(5, 2), folded: 0 }, []);
    noRawTags(bars);
    expect(bars.data.length).toBe(1);
    expect(bars.data[0].name).toBe('rows');
  });

  it('scatter states the sample', () => {
    const fig = scatterFig({ x: 'src_bytes', y: 'dst_bytes', xs: Float64Array.of(0, 10), ys: Float64Array.of(5, 0), groups: Uint8Array.of(0, 1), total: 30_000, seed: 1, chosenBy: 'bytes' }, ['normal', 'anomalous']);
    expect(fig.layout.title?.text).toContain('random sample of 2 of 30,000 rows');
  });

  it('traffic: rows windows or a date axis', () => {
    const t: EdaTrafficResult = {
      ...base,
      axis: 'rows',
      timeColumn: null,
      timeKind: null,
      windowSize: 5,
      starts: Float64Array.of(0, 5),
      counts: Float64Array.of(5, 5),
      series: [{ name: 'src_bytes', sums: Float64Array.of(1, 2) }, { name: HOSTILE, sums: Float64Array.of(3, 4) }],
      chosenBy: 'bytes',
      note: '',
    };
    const rows = trafficFig(t);
    noRawTags(rows);
    expect((rows.data[0] as ScatterTrace).x).toEqual([0, 5]);
    const time = trafficFig({ ...t, axis: 'time', timeColumn: 'Stime', timeKind: 'epoch-ms', windowSize: 0, starts: Float64Array.of(0, 86_400_000) });
    expect((time.data[0] as ScatterTrace).x).toEqual(['1970-01-01T00:00:00.000Z', '1970-01-02T00:00:00.000Z']);
    noRawTags(time);
  });
});
