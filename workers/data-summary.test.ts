import { describe, expect, it } from 'vitest';
import { distinctNumeric } from './data-summary';
import { mulberry32 } from '../src/lib/ml/random';

/** The reference: a Set over the non-missing values (±0 and equal doubles are one value). */
function bySet(values: Float64Array): number {
  const set = new Set<number>();
  for (const v of values) if (!Number.isNaN(v)) set.add(v === 0 ? 0 : v);
  return set.size;
}

describe('distinctNumeric', () => {
  const cases: Record<string, number[]> = {
    integers: [0, 1, 1, 2, 511, 0, NaN, 7],
    negatives: [-5, -5, 3, 0, -0, 2e6],
    rates: [0, 0.01, 0.07, 0.07, 0.29, 0.3, 1, 0.57, NaN],
    general: [0.123, 0.1234, 1e-9, 3.5, 3.5, Math.PI],
    infinite: [1, Infinity, -Infinity, Infinity, 2],
    wideIntegers: [0, 2 ** 40, 2 ** 40, 5],
    empty: [],
    allMissing: [NaN, NaN],
  };
  for (const [name, xs] of Object.entries(cases)) {
    it(name, () => {
      const values = Float64Array.from(xs);
      expect(distinctNumeric(values)).toBe(bySet(values));
    });
  }

  it('agrees with a Set on seeded random two-decimal and integer columns', () => {
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const rates = Float64Array.from({ length: 5000 }, () => Math.round(rand() * 100) / 100);
    const counts = Float64Array.from({ length: 5000 }, () => Math.floor(rand() * 600));
    expect(distinctNumeric(rates)).toBe(bySet(rates));
    expect(distinctNumeric(counts)).toBe(bySet(counts));
  });

  it('agrees with a Set on wide ranges (the hash set, grown many times)', () => {
    const rand = mulberry32(987);
    const bytes = Float64Array.from({ length: 60_000 }, (_, i) => (i % 7 === 0 ? NaN : Math.floor(rand() * 2e9)));
    const decimals = Float64Array.from({ length: 60_000 }, () => Math.round(rand() * 1e6) / 1e3);
    const signed = Float64Array.from({ length: 60_000 }, (_, i) => (i % 3 === 0 ? -0 : i % 5 === 0 ? 0 : Math.floor(rand() * 1e5) - 5e4) * (i % 11 === 0 ? 1e6 : 1));
    for (const values of [bytes, decimals, signed]) expect(distinctNumeric(values)).toBe(bySet(values));
    expect(distinctNumeric(bytes)).toBeGreaterThan(40_000);
  });
});
