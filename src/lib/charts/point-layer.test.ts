import { describe, expect, it } from 'vitest';
import { LAYER_MIN_POINTS, splitMarkers } from './point-layer';
import type { Figure, ScatterTrace } from './types';

const n = LAYER_MIN_POINTS;
const xs = Array.from({ length: n }, (_, i) => i + 1);
const ys = Array.from({ length: n }, (_, i) => (i * 7) % 13 + 1);

const big = (extra: Partial<ScatterTrace> = {}): ScatterTrace => ({
  type: 'scatter',
  mode: 'markers',
  name: 'normal',
  legendgroup: 'g0',
  x: xs,
  y: ys,
  marker: { color: '#2a9d8f', size: 4, opacity: 0.5 },
  hovertemplate: '%{x}<extra>normal</extra>',
  ...extra,
});

describe('splitMarkers', () => {
  it('leaves small, line and multi-colour traces to Plotly', () => {
    const fig: Figure = {
      data: [
        { ...big(), x: xs.slice(1), y: ys.slice(1) },
        big({ mode: 'lines' }),
        big({ marker: { color: xs.map(() => '#000'), size: 4 } }),
        big({ x: [...xs.slice(1), null] }),
      ],
      layout: {},
    };
    const out = splitMarkers(fig);
    expect(out.series).toEqual([]);
    expect(out.data).toEqual(fig.data);
    expect(out.layout).toBe(fig.layout);
  });

  it('keeps a large marker trace for hover and legend, draws its points beside Plotly, and keeps the autorange', () => {
    const opacity = xs.map((_, i) => (i % 2 ? 0.5 : 0.75));
    const repeated = big({ showlegend: false, marker: { color: '#2a9d8f', size: 4, opacity }, customdata: xs });
    const small: ScatterTrace = { type: 'scatter', mode: 'markers', name: 'anomalous', legendgroup: 'g1', x: [3], y: [4], marker: { color: '#e76f51', size: 4 } };
    const out = splitMarkers({ data: [big(), repeated, small], layout: { showlegend: true } });
    const [hover0, legend0, ends0, hover1, ends1, rest] = out.data as ScatterTrace[];
    expect(out.data).toHaveLength(6);
    // the hover trace: same points, template and custom data, no markers, no legend entry
    expect(hover0).toMatchObject({ mode: 'none', x: xs, y: ys, hovertemplate: '%{x}<extra>normal</extra>', showlegend: false, legendgroup: 'g0', hoverlabel: { bgcolor: '#2a9d8f' } });
    expect(hover1).toMatchObject({ mode: 'none', customdata: xs, showlegend: false });
    // the legend's symbol: the original marker, no point
    expect(legend0).toMatchObject({ mode: 'markers', name: 'normal', legendgroup: 'g0', x: [null], y: [null], marker: { color: '#2a9d8f', size: 4, opacity: 0.5 }, hoverinfo: 'skip' });
    // a trace with showlegend: false gets no legend trace; each gets invisible extremes (same marker size → same padding)
    for (const e of [ends0, ends1]) {
      expect(e).toMatchObject({ mode: 'markers', showlegend: false, legendgroup: 'g0', marker: { size: 4, opacity: 0 }, hoverinfo: 'skip' });
      expect(Math.min(...(e.x as number[]))).toBe(Math.min(...xs));
      expect(Math.max(...(e.x as number[]))).toBe(Math.max(...xs));
      expect(Math.min(...(e.y as number[]))).toBe(Math.min(...ys));
      expect(Math.max(...(e.y as number[]))).toBe(Math.max(...ys));
    }
    expect(rest).toBe(small);
    expect(out.series).toEqual([
      { trace: 0, x: xs, y: ys, color: '#2a9d8f', radius: 2, opacity: 0.5 },
      { trace: 3, x: xs, y: ys, color: '#2a9d8f', radius: 2, opacity },
    ]);
  });

  it('does not turn a one-trace chart into one with a legend', () => {
    const one = big({ legendgroup: undefined, name: 'b vs a' });
    expect(splitMarkers({ data: [one], layout: {} }).layout.showlegend).toBe(false);
    expect(splitMarkers({ data: [one, big()], layout: {} }).layout.showlegend).toBe(true);
    expect(splitMarkers({ data: [one], layout: { showlegend: true } }).layout.showlegend).toBe(true);
  });
});
