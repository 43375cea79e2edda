import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from './mannwhitney';
import {
  expectClose,
  expectLog10,
  expectP,
  KDD_FILES,
  loadKdd,
  readFixture,
  type Fixture,
} from './testing/kdd';

describe('Mann–Whitney U vs scipy.stats.mannwhitneyu on NSL-KDD', () => {
  for (const file of KDD_FILES) {
    it(`${file}: src_bytes, dst_bytes`, () => {
      const data = loadKdd(file);
      const fx = readFixture(file);
      for (const [col, ref] of Object.entries<Fixture>(fx.mannwhitney)) {
        const r = mannWhitneyU(data.numeric.get(col)!, data.y);
        expect(r.n1).toBe(ref.n1);
        expect(r.n0).toBe(ref.n0);
        expectClose(r.statistic, ref.statistic, 1e-12, `${col} U`);
        expectClose(r.z, ref.z, 1e-9, `${col} z`);
        expectP(r.pValue, ref.pvalue, `${col} p`);
        expectLog10(r.log10p, ref.log10p, 1e-8, `${col} log10p`);
        expectClose(r.rankBiserial, (2 * ref.statistic) / (ref.n0 * ref.n1) - 1, 1e-12);
      }
    });
  }
});

describe('Mann–Whitney by hand and degenerate input', () => {
  it('small case with ties, checked against SciPy', () => {
    // scipy.stats.mannwhitneyu([3, 4, 4, 7, 9], [1, 2, 4, 5], alternative='two-sided',
    //   method='asymptotic') → statistic 15.0, pvalue 0.2622393495020251
    const v = Float64Array.from([3, 4, 4, 7, 9, 1, 2, 4, 5]);
    const g = Uint8Array.from([1, 1, 1, 1, 1, 0, 0, 0, 0]);
    const r = mannWhitneyU(v, g);
    expect(r.statistic).toBe(15);
    expect(r.u0).toBe(5);
    expect(r.tieTerm).toBe(24);
    expectClose(r.pValue, 0.2622393495020251, 1e-12);
  });
  it('NaN rows are missing; ±Infinity are ranked', () => {
    const v = Float64Array.from([NaN, -Infinity, 1, 2, Infinity, 3]);
    const g = Uint8Array.from([1, 0, 0, 1, 1, 0]);
    const r = mannWhitneyU(v, g);
    expect(r.n0).toBe(3);
    expect(r.n1).toBe(2);
    // ranks: -inf 1, 1 2, 2 3, 3 4, inf 5 → R1 = 3 + 5 = 8, U1 = 8 − 3 = 5
    expect(r.statistic).toBe(5);
  });
  it('U = μ gives p = 1 (SciPy clips)', () => {
    const r = mannWhitneyU(Float64Array.from([1, 2, 1, 2]), Uint8Array.from([0, 0, 1, 1]));
    expect(r.pValue).toBe(1);
    expect(r.log10p).toBe(0);
  });
  it('an empty group or all-tied values → NaN with a warning', () => {
    const e = mannWhitneyU(Float64Array.from([1, 2]), Uint8Array.from([0, 0]));
    expect(e.pValue).toBeNaN();
    expect(e.warning).toMatch(/both groups/);
    const t = mannWhitneyU(new Float64Array(5).fill(7), Uint8Array.from([0, 1, 0, 1, 0]));
    expect(t.pValue).toBeNaN();
    expect(t.statistic).toBe(3);
    expect(t.warning).toMatch(/tied/);
  });
});
