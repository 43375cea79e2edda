import { describe, expect, it } from 'vitest';
import {
  errorHistogramFigure,
  errorScatterFigure,
  featureErrorFigure,
  histogramThreshold,
  latentFigure,
  operatingPoint,
  prFigure,
  rocFigure,
  scatterThreshold,
} from './figures';
import { withOverlay } from './overlay-plot';

const EVIL = '<img src=x onerror=alert(1)>';

describe('error figures', () => {
  it('histogram: overlaid groups and a threshold line in data units', () => {
    const fig = errorHistogramFigure({ edges: [1e-4, 1e-3, 1e-2], counts: [[5, 1], [0, 3]], log: true, zeros: [0, 0] }, ['normal', 'anomalous']);
    expect(fig.data).toHaveLength(2);
    expect(fig.layout.xaxis?.type).toBe('log');
    expect(fig.layout.barmode).toBe('overlay');
    const line = histogramThreshold(2e-3, true);
    expect(line.shapes[0]).toMatchObject({ type: 'line', xref: 'x', yref: 'paper', x0: 2e-3, x1: 2e-3 });
    expect(histogramThreshold(0, true).shapes).toEqual([]);
    expect(histogramThreshold(NaN, false).shapes).toEqual([]);
    const single = errorHistogramFigure({ edges: [1, 2], counts: [4], log: false }, null);
    expect(single.data).toHaveLength(1);
    expect(single.layout.showlegend).toBe(false);
  });

  it('per-row scatter: one trace per group, escaped names, log y, horizontal threshold', () => {
    const fig = errorScatterFigure(
      { row: Uint32Array.of(0, 1, 2), mse: Float32Array.of(0.1, 0.2, 0.3), group: Uint8Array.of(0, 1, 1), total: 3, undrawable: 0, complete: true },
      ['normal', EVIL],
      'label',
    );
    expect(fig.data).toHaveLength(2);
    expect(fig.data.every((t) => t.type === 'scatter')).toBe(true);
    expect(fig.layout.yaxis?.type).toBe('log');
    const json = JSON.stringify(fig);
    expect(json).not.toContain('<img');
    expect(json).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(scatterThreshold(0.15).shapes[0]).toMatchObject({ yref: 'y', xref: 'paper', y0: 0.15, y1: 0.15 });
    const thinned = errorScatterFigure(
      { row: Uint32Array.of(5), mse: Float32Array.of(1), group: Uint8Array.of(0), total: 200_000, undrawable: 3, complete: false },
      ['all rows'],
      null,
    );
    expect(thinned.layout.title?.text).toMatch(/1 of 200,000 rows drawn/);
    expect(thinned.layout.title?.text).toMatch(/3 rows with error ≤ 0/);
  });

  it('ROC and PR curves with AUC / AP in the titles and a pixel-sized operating point', () => {
    const roc = rocFigure({ x: [0, 0.1, 1], y: [0, 0.8, 1] }, 0.9123456);
    expect(roc.layout.title?.text).toBe('ROC curve (AUC = 0.9123)');
    const pr = prFigure({ x: [1, 0.5, 0], y: [0.4, 0.9, 1] }, 0.8, 0.4);
    expect(pr.layout.title?.text).toBe('Precision–recall (AP = 0.8000)');
    expect(pr.data[0]).toMatchObject({ name: 'chance', y: [0.4, 0.4] });
    const p = operatingPoint(0.1, 0.8).shapes[0];
    expect(p).toMatchObject({ type: 'circle', xsizemode: 'pixel', ysizemode: 'pixel', xanchor: 0.1, yanchor: 0.8 });
    expect(operatingPoint(NaN, 1).shapes).toEqual([]);
  });

  it('feature errors: largest on top, names escaped in ticks and hover data', () => {
    const fig = featureErrorFigure(7, [
      { feature: 'src_bytes', sqErr: 0.5, share: 0.5 },
      { feature: `service=${EVIL}`, sqErr: 0.3, share: 0.3 },
    ]);
    expect(fig.layout.yaxis?.ticktext).toEqual(['src_bytes', 'service=&lt;img src=x onerror=alert(1)&gt;']);
    expect(fig.layout.yaxis?.tickvals).toEqual([1, 0]);
    expect(JSON.stringify(fig)).not.toContain('<img');
    expect(fig.layout.title?.text).toMatch(/^Row 7/);
  });

  it('latent scatter: groups, explained variance, sample note', () => {
    const fig = latentFigure(
      { x: [1, 2, 3], y: [3, 2, 1], rows: [10, 20, 30], group: [0, 1, 0], explained: [0.61, 0.2], total: 100 },
      ['normal', EVIL],
      'label',
    );
    expect(fig.data).toHaveLength(2);
    expect(fig.data[0]).toMatchObject({ x: [1, 3], customdata: [10, 30] });
    expect(fig.layout.xaxis?.title?.text).toBe('PC1 (61.0% of variance)');
    expect(fig.layout.title?.text).toMatch(/sample of 3 of 100 rows/);
    expect(JSON.stringify(fig)).not.toContain('<img');
  });

  it('withOverlay puts the shapes into the layout without touching the traces', () => {
    const fig = rocFigure({ x: [0, 1], y: [0, 1] }, 0.5);
    const merged = withOverlay(fig, operatingPoint(0.5, 0.5)) as { data: unknown; layout: { shapes: unknown[] } };
    expect(merged.data).toBe(fig.data);
    expect(merged.layout.shapes).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(merged))).toEqual(merged);
  });
});
