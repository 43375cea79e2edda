import { describe, expect, it } from 'vitest';
import { countDistinctSorted, quantile, quantileSorted, quantiles, sortedNonMissing } from './quantile';

/** Seeded LCG (deterministic tests). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('sortedNonMissing', () => {
  it('equals a full typed-array sort without NaN, −0 before +0, with or without an index', () => {
    const rand = lcg(1);
    const pool = [0, -0, 1, -1, 2.5, NaN, Infinity, -Infinity, 1e300, -3];
    for (let trial = 0; trial < 50; trial++) {
      const v = Float64Array.from({ length: 1 + Math.floor(rand() * 60) }, () =>
        rand() < 0.5 ? pool[Math.floor(rand() * pool.length)] : (rand() - 0.5) * 100,
      );
      const expected = Float64Array.from(v.filter((x) => !Number.isNaN(x))).sort();
      const got = sortedNonMissing(v);
      expect(got.length).toBe(expected.length);
      got.forEach((x, i) => expect(Object.is(x, expected[i]), `${trial}:${i}`).toBe(true));
      const index = Uint32Array.from({ length: v.length }, (_, i) => i).filter(() => rand() < 0.5);
      const sub = Float64Array.from(index, (i) => v[i]);
      expect(Array.from(sortedNonMissing(v, index))).toEqual(Array.from(sortedNonMissing(sub)));
    }
  });
});

describe('quantileSorted (numpy linear)', () => {
  it('interpolates linearly between order statistics', () => {
    const s = Float64Array.of(1, 2, 3, 4);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.25)).toBe(1.75);
    expect(quantileSorted(s, 0.75)).toBe(3.25);
  });

  it('degenerate input gives NaN, never throws', () => {
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
    expect(quantileSorted(Float64Array.of(1), -0.1)).toBeNaN();
    expect(quantileSorted(Float64Array.of(1), NaN)).toBeNaN();
    expect(quantileSorted(Float64Array.of(7), 0.5)).toBe(7);
    expect(quantile(Float64Array.of(NaN, NaN), 0.5)).toBeNaN();
  });

  it('touching an infinity gives NaN as numpy does (inf − inf)', () => {
    const s = Float64Array.of(1, 3, Infinity);
    expect(quantileSorted(s, 0.25)).toBe(2);
    expect(quantileSorted(s, 0.5)).toBeNaN();
    expect(quantileSorted(s, 1)).toBeNaN();
  });

  it('quantiles() sorts once and agrees with quantile(), index respected', () => {
    const v = Float64Array.of(5, NaN, 1, 9, 3, 7);
    expect(quantiles(v, [0.1, 0.5, 0.9])).toEqual([0.1, 0.5, 0.9].map((q) => quantile(v, q)));
    expect(quantile(v, 0.5, Uint32Array.of(0, 2, 3))).toBe(5);
  });
});

describe('countDistinctSorted', () => {
  it('counts −0 and +0 as one value, infinities as values', () => {
    expect(countDistinctSorted(Float64Array.of(-Infinity, -0, 0, 0, 1, Infinity))).toBe(4);
    expect(countDistinctSorted(new Float64Array(0))).toBe(0);
  });
});
