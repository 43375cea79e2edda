import { describe, expect, it } from 'vitest';
import { boxStats, boxStatsSorted, outliersIQR, outliersZ, outliersZSorted } from './outliers';
import { sortedNonMissing } from './quantile';

describe('outliersIQR', () => {
  it('counts values beyond Tukey fences', () => {
    const r = outliersIQR(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 100, -50, NaN));
    expect([r.q1, r.q3]).toEqual([2.25, 6.75]);
    expect([r.below, r.above, r.count]).toEqual([1, 1, 10]);
    expect(outliersIQR(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 100), 100).above).toBe(0);
  });

  it('degenerate input: no outliers, NaN fences', () => {
    const r = outliersIQR(new Float64Array(0));
    expect([r.below, r.above]).toEqual([0, 0]);
    expect(r.q1).toBeNaN();
  });
});

describe('outliersZ', () => {
  it('uses the sample std (ddof = 1)', () => {
    const v = Float64Array.from({ length: 20 }, (_, i) => (i === 19 ? 30 : i % 2));
    const r = outliersZ(v);
    const mean = v.reduce((a, b) => a + b, 0) / 20;
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / 19);
    expect(r.mean).toBeCloseTo(mean, 14);
    expect(r.std).toBeCloseTo(std, 14);
    expect([r.above, r.below, r.total]).toEqual([1, 0, 1]);
  });

  it('constant, single and infinite columns have no z outliers', () => {
    expect(outliersZ(Float64Array.of(2, 2, 2)).total).toBe(0);
    expect(outliersZ(Float64Array.of(2)).std).toBeNaN();
    expect(outliersZ(Float64Array.of(1, 2, Infinity)).total).toBe(0);
  });
});

describe('boxStats', () => {
  it('quartiles, whiskers at the most extreme values inside the fences, outlier counts', () => {
    const b = boxStats(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 100, -50, NaN, Infinity));
    expect([b.q1, b.median, b.q3]).toEqual([2.25, 4.5, 6.75]);
    expect([b.whiskerLow, b.whiskerHigh]).toEqual([1, 8]);
    expect([b.outliersLow, b.outliersHigh, b.n, b.infinite]).toEqual([1, 1, 10, 1]);
    expect(Array.from(b.outlierSample)).toEqual([-50, 100]);
  });

  it('bounds the outlier sample, keeps both extremes and both tails', () => {
    const v = Float64Array.from({ length: 10000 }, (_, i) => (i < 9000 ? i % 10 : 1000 + i));
    v[0] = -1e6;
    const b = boxStats(v, undefined, { maxOutliers: 50 });
    expect(b.outlierSample.length).toBe(50);
    expect(b.outlierSample[0]).toBe(-1e6);
    expect(b.outlierSample[49]).toBe(1000 + 9999);
    expect(b.outliersLow).toBe(1);
    for (let i = 1; i < 50; i++) expect(b.outlierSample[i]).toBeGreaterThanOrEqual(b.outlierSample[i - 1]);
  });

  it('degenerate input gives NaN, never throws', () => {
    const b = boxStats(Float64Array.of(NaN));
    expect(b.n).toBe(0);
    expect(b.median).toBeNaN();
    expect(b.whiskerLow).toBeNaN();
    expect(b.outlierSample.length).toBe(0);
    const one = boxStats(Float64Array.of(5), Uint32Array.of(0));
    expect([one.q1, one.whiskerLow, one.whiskerHigh]).toEqual([5, 5, 5]);
  });
});

describe('from sorted values', () => {
  it('outliersZSorted counts exactly as outliersZ, with and without an index', () => {
    let s = 11;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let t = 0; t < 40; t++) {
      const n = 1 + Math.floor(rnd() * 400);
      const v = Float64Array.from({ length: n }, () => (rnd() < 0.5 ? 0 : rnd() < 0.05 ? NaN : rnd() < 0.05 ? 1e6 : Math.round(rnd() * 100) - 30));
      if (t === 3) v.fill(4); // constant: std 0, no outliers
      if (t === 4) v[0] = Infinity; // std NaN
      const index = Uint32Array.from(v.keys()).filter(() => rnd() < 0.7);
      for (const z of [3, 1, 0, -1]) {
        for (const idx of [undefined, index]) {
          const sorted = sortedNonMissing(v, idx);
          const a = outliersZ(v, z, idx);
          const b = outliersZSorted(v, sorted, z, idx);
          expect([b.below, b.above, b.count], `case ${t}, z ${z}`).toEqual([a.below, a.above, a.count]);
          expect(Object.is(b.mean, a.mean) && Object.is(b.std, a.std)).toBe(true);
        }
      }
    }
  });

  it('boxStatsSorted is boxStats on presorted values', () => {
    const v = Float64Array.of(5, -Infinity, 1, 2, NaN, 3, 100, 4, Infinity, -40);
    expect(boxStatsSorted(sortedNonMissing(v), { maxOutliers: 3 })).toEqual(boxStats(v, undefined, { maxOutliers: 3 }));
  });
});
