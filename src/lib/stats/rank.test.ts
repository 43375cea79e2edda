import { describe, expect, it } from 'vitest';
import { averageRanks, averageRanksDense } from './rank';

describe('averageRanks', () => {
  it('shares tied positions, keeps NaN, ranks infinities', () => {
    expect(Array.from(averageRanks(Float64Array.of(10, 20, 10, NaN, -Infinity, 30)))).toEqual([2.5, 4, 2.5, NaN, 1, 5]);
  });

  it('−0 ties with +0', () => {
    expect(Array.from(averageRanks(Float64Array.of(0, -0, 1)))).toEqual([1.5, 1.5, 3]);
  });

  it('ranks a selection in selection order', () => {
    const v = Float64Array.of(5, 1, 4, 2, 3);
    expect(Array.from(averageRanks(v, Uint32Array.of(4, 0, 1)))).toEqual([2, 3, 1]);
  });

  it('empty and all-missing input', () => {
    expect(averageRanks(new Float64Array(0)).length).toBe(0);
    expect(Array.from(averageRanks(Float64Array.of(NaN)))).toEqual([NaN]);
  });

  it('matches a naive O(n²) definition on seeded data with many ties', () => {
    let s = 7;
    const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const v = Float64Array.from({ length: 300 }, () => Math.floor(rand() * 20));
    const naive = Array.from(v, (x) => {
      let less = 0;
      let equal = 0;
      for (const y of v) {
        if (y < x) less++;
        else if (y === x) equal++;
      }
      return less + (equal + 1) / 2;
    });
    expect(Array.from(averageRanks(v))).toEqual(naive);
    expect(Array.from(averageRanksDense(v, new Float64Array(v.length)))).toEqual(naive);
  });
});
