import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SortedScores, percentile } from './threshold';

interface Ref {
  sets: { name: string; dtype: string; scores: number[]; percentiles: { q: number; value: number }[] }[];
  percentileCases: { values: number[]; percentiles: { q: number; value: number }[] }[];
}
const ref = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/reference/metrics-sklearn.json', import.meta.url), 'utf8'),
) as Ref;

describe('percentile (numpy linear)', () => {
  it('matches np.percentile on sorted normal samples of several sizes', () => {
    for (const c of ref.percentileCases) {
      const sorted = Float64Array.from(c.values);
      for (const { q, value } of c.percentiles) {
        expect(Math.abs(percentile(sorted, q) - value), `n=${c.values.length} q=${q}`).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it('matches np.percentile (95, 99, 99.9, ...) on the metric reference sets', () => {
    for (const set of ref.sets) {
      const sorted = Float64Array.from(set.scores).sort();
      for (const { q, value } of set.percentiles) {
        expect(Math.abs(percentile(sorted, q) - value), `${set.name} q=${q}`).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it('handles empty input, NaN, infinities and a bad q', () => {
    expect(Number.isNaN(percentile(new Float64Array(0), 50))).toBe(true);
    expect(Number.isNaN(percentile(Float64Array.of(1, NaN).sort(), 50))).toBe(true);
    expect(percentile(Float64Array.of(1, 2, Infinity), 100)).toBe(Infinity);
    expect(percentile(Float64Array.of(1, 2, Infinity), 99.9)).toBe(Infinity);
    expect(percentile(Float64Array.of(1, 2, Infinity), 50)).toBe(2);
    expect(percentile(Float32Array.of(1, 2, 3, 4), 50)).toBe(2.5);
    expect(() => percentile(Float64Array.of(1), 101)).toThrow(RangeError);
    expect(() => percentile(Float64Array.of(1), NaN)).toThrow(RangeError);
  });
});

describe('SortedScores', () => {
  const s = new SortedScores(Float32Array.of(0.5, 0.1, 0.3, 0.3, NaN, 0.9));

  it('sorts once and drops NaN', () => {
    expect(s.length).toBe(5);
    expect(s.nanCount).toBe(1);
    expect(s.min).toBeCloseTo(0.1, 6);
    expect(s.max).toBeCloseTo(0.9, 6);
  });

  it('counts strictly above and ranks at-or-below by binary search', () => {
    const t = Math.fround(0.3);
    expect(s.countAbove(t)).toBe(2);
    expect(s.countAtOrBelow(t)).toBe(3);
    expect(s.rankOf(t)).toBeCloseTo(0.6, 12);
    expect(s.countAbove(-Infinity)).toBe(5);
    expect(s.countAbove(Infinity)).toBe(0);
    expect(s.rankOf(0)).toBe(0);
    expect(s.countAbove(NaN)).toBe(0);
  });

  it('agrees with a linear count on random data', () => {
    let seed = 42;
    const data = new Float64Array(5000);
    for (let i = 0; i < data.length; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      data[i] = Math.round((seed / 4294967296) * 100) / 10; // many ties
    }
    const sorted = new SortedScores(data);
    for (const t of [-1, 0, 0.05, 3.3, 5, 9.99, 10, 11]) {
      let above = 0;
      for (const v of data) if (v > t) above++;
      expect(sorted.countAbove(t)).toBe(above);
      expect(sorted.rankOf(t)).toBe((data.length - above) / data.length);
    }
    expect(sorted.percentile(99.9)).toBe(percentile(Float64Array.from(data).sort(), 99.9));
  });

  it('rankOf is NaN with no scores', () => {
    expect(Number.isNaN(new SortedScores([]).rankOf(1))).toBe(true);
  });
});
