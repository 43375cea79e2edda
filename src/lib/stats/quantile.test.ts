import { describe, expect, it } from 'vitest';
import { countAboveSorted, countBelowSorted, countDistinctSorted, presortColumn, presortRadix, quantile, quantileSorted, quantiles, sortedNonMissing, sortedSelection } from './quantile';

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

describe('presorted columns', () => {
  // a seeded column with every awkward value: −0, NaN, ±Infinity, negatives, ties, tiny and huge
  function column(n: number, seed: number): Float64Array {
    let s = seed;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pool = [0, -0, NaN, Infinity, -Infinity, 1, -1, 2.5, 1e-300, -1e300, 5e-324, Number.MAX_VALUE];
    return Float64Array.from({ length: n }, () => (rnd() < 0.4 ? 0 : rnd() < 0.3 ? pool[Math.floor(rnd() * pool.length)] : Math.round((rnd() - 0.3) * 1e6) / (rnd() < 0.5 ? 1 : 100)));
  }
  const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

  it('give every selection the same sorted values as sortedNonMissing, bit for bit', () => {
    for (const seed of [1, 2, 3]) {
      const v = column(5000, seed);
      const p = presortColumn(v);
      for (let i = 1; i < p.order.length; i++) expect(v[p.order[i - 1]] <= v[p.order[i]]).toBe(true);
      expect(same(sortedSelection(p, null, 1, v.length), sortedNonMissing(v))).toBe(true);
      let s = seed;
      const member = Uint8Array.from(v, () => ((s = (Math.imul(s, 48271) + 11) >>> 0) % 3));
      const scratch = new Float64Array(v.length).fill(NaN); // reused: stale values must not leak
      for (const code of [0, 1, 2]) {
        const index = Uint32Array.from(v.keys()).filter((r) => member[r] === code);
        expect(same(sortedSelection(p, member, code, index.length), sortedNonMissing(v, index)), `seed ${seed} code ${code}`).toBe(true);
        expect(same(sortedSelection(p, member, code, index.length, scratch), sortedNonMissing(v, index)), `scratch, seed ${seed} code ${code}`).toBe(true);
      }
      expect(same(sortedSelection(p, null, 1, v.length, scratch), sortedNonMissing(v))).toBe(true);
    }
  });

  it('come out the same from the counting path (few distinct values) as from the radix sort', () => {
    const rand = lcg(7);
    const identical = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (x: number, i: number) => Object.is(x, b[i]));
    const awkward = [NaN, -0, 0, Infinity, -Infinity, 5e-324, -5e-324, 2.2250738585072014e-308, -1e-310, Number.MAX_VALUE, -Number.MAX_VALUE, 0.1, 0.30000000000000004, 0.3];
    const cases: Float64Array[] = [new Float64Array(0), new Float64Array(100), Float64Array.of(-0, 0, NaN), Float64Array.from(awkward)];
    for (let trial = 0; trial < 60; trial++) {
      const n = Math.floor(rand() * 3000);
      // distinct values from 1 to ~20000: both sides of the counting path's limit
      const distinct = Float64Array.from({ length: 1 + Math.floor(rand() ** 2 * 20000) }, () =>
        rand() < 0.1 ? awkward[Math.floor(rand() * awkward.length)] : rand() < 0.5 ? Math.round((rand() - 0.3) * 1000) : (rand() - 0.5) * 10 ** (rand() * 20 - 10),
      );
      cases.push(Float64Array.from({ length: n }, () => (rand() < 0.4 ? 0 : distinct[Math.floor(rand() * distinct.length)])));
    }
    // many distinct values in a long column (the counting path gives up), and exactly at its limit
    cases.push(Float64Array.from({ length: 30000 }, (_, i) => (i * 7919) % 9000 + 0.5));
    for (const d of [8191, 8192, 8193]) cases.push(Float64Array.from({ length: 3 * d }, (_, i) => d - (i % d) - 100));
    for (const v of cases) {
      const a = presortColumn(v);
      const b = presortRadix(v);
      expect(identical(a.order, b.order), `order, n ${v.length}`).toBe(true);
      expect(identical(a.sorted, b.sorted)).toBe(true);
      expect(a.negatives).toBe(b.negatives);
      expect(identical(a.nanRows, b.nanRows)).toBe(true);
      expect(identical(a.negZeroRows, b.negZeroRows)).toBe(true);
      expect(a.values).toBe(v);
    }
  });

  it('handle empty, all-zero and all-missing columns', () => {
    for (const v of [new Float64Array(0), Float64Array.of(0, -0, 0), Float64Array.of(NaN, NaN), Float64Array.of(-0)]) {
      const p = presortColumn(v);
      expect(same(sortedSelection(p, null, 1, v.length), sortedNonMissing(v))).toBe(true);
      const member = Uint8Array.from(v, (_, i) => i % 2);
      const index = Uint32Array.from(v.keys()).filter((r) => member[r] === 1);
      expect(same(sortedSelection(p, member, 1, index.length), sortedNonMissing(v, index))).toBe(true);
    }
  });

  it('count values beyond a threshold by binary search', () => {
    const x = Float64Array.of(-Infinity, -1, 0, 0, 2, 2, Infinity);
    expect([countBelowSorted(x, 0), countAboveSorted(x, 0), countBelowSorted(x, 2), countAboveSorted(x, 2)]).toEqual([2, 3, 4, 1]);
    expect([countBelowSorted(x, NaN), countAboveSorted(x, NaN)]).toEqual([0, 0]);
    expect([countBelowSorted(x, -Infinity), countAboveSorted(x, Infinity)]).toEqual([0, 0]);
  });
});
