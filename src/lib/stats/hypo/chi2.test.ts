import { describe, expect, it } from 'vitest';
import { chi2Contingency, crosstab, mergeRareRows } from './chi2';
import {
  expectClose,
  expectLog10,
  expectP,
  KDD_FILES,
  loadKdd,
  readFixture,
  type Fixture,
  type KddData,
} from './testing/kdd';

/** Codes + dictionary of a categorical column, or of a 0/1 numeric column as levels "0", "1". */
function levels(data: KddData, col: string): { codes: Int32Array; dictionary: string[] } {
  const cat = data.categorical.get(col);
  if (cat) return cat;
  const v = data.numeric.get(col)!;
  const dictionary: string[] = [];
  const map = new Map<number, number>();
  const codes = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    let c = map.get(v[i]);
    if (c === undefined) {
      c = dictionary.length;
      map.set(v[i], c);
      dictionary.push(String(v[i]));
    }
    codes[i] = c;
  }
  return { codes, dictionary };
}

describe('chi2 vs scipy.stats.chi2_contingency on NSL-KDD', () => {
  for (const file of KDD_FILES) {
    it(`${file}: protocol_type, service, flag (r×2) and logged_in, land (2×2, Yates)`, () => {
      const data = loadKdd(file);
      const fx = readFixture(file);
      for (const [col, ref] of Object.entries<Fixture>(fx.chi2)) {
        const { codes, dictionary } = levels(data, col);
        const L = dictionary.length;
        const tab = crosstab(codes, L, data.y);
        const r = chi2Contingency(tab, L, 2);
        expect(r.dof, col).toBe(ref.dof);
        expect(r.yates).toBe(ref.dof === 1);
        expectClose(r.statistic, ref.statistic, 1e-6, `${col} χ²`);
        expectP(r.pValue, ref.pvalue, `${col} p`);
        expectLog10(r.log10p, ref.log10p, 1e-8, `${col} log10p`);
        // Expected counts by level (SciPy's rows are the sorted levels).
        ref.levels.forEach((lv: string, k: number) => {
          const row = Array.from(r.rowsKept).indexOf(dictionary.indexOf(lv));
          expect(row, `${col} level ${lv}`).toBeGreaterThanOrEqual(0);
          for (let j = 0; j < 2; j++) {
            expect(r.observed[row * 2 + j]).toBe(ref.observed[k * 2 + j]);
            expectClose(r.expected[row * 2 + j], ref.expected[k * 2 + j], 1e-9, `${col} E`);
          }
        });
        expect(r.nRows).toBe(ref.levels.length);
      }
    });
  }
});

describe('chi2 by hand (SciPy values) and degenerate input', () => {
  it('2×2 with Yates', () => {
    const r = chi2Contingency(Float64Array.from([10, 20, 30, 5]), 2, 2);
    expect(r.yates).toBe(true);
    expectClose(r.statistic, 16.57848214285714, 1e-12);
    expectClose(r.pValue, 4.667763281513949e-5, 1e-10);
    expectClose(r.cramersV, 0.5367450401216932, 1e-12);
    const u = chi2Contingency(Float64Array.from([10, 20, 30, 5]), 2, 2, { correction: false });
    expect(u.yates).toBe(false);
    expect(u.statistic).toBe(r.pearsonStatistic);
  });
  it('Yates shrinks |O − E| < 0.5 to 0 (χ² = 0, p = 1)', () => {
    const r = chi2Contingency(Float64Array.from([5, 5, 5, 6]), 2, 2);
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
    expectClose(r.cramersV, 0.04545454545454546, 1e-12);
  });
  it('an all-zero row and column are removed and reported', () => {
    const r = chi2Contingency(Float64Array.from([3, 0, 4, 0, 0, 0, 1, 2, 8]), 3, 3);
    expect(r.droppedRows).toEqual([1]);
    expect(r.droppedCols).toEqual([]);
    expect(r.dof).toBe(2);
    expectClose(r.statistic, 3.6233766233766236, 1e-12);
    expectClose(r.pValue, 0.16337807071907215, 1e-12);
    expect(r.warning).toMatch(/removed 1 empty row/);
    const c = chi2Contingency(Float64Array.from([3, 0, 4, 1, 0, 8]), 2, 3);
    expect(c.droppedCols).toEqual([1]);
    expect(c.nCols).toBe(2);
  });
  it('2×3 with residuals', () => {
    const r = chi2Contingency(Float64Array.from([12, 7, 1, 3, 9, 14]), 2, 3);
    expectClose(r.statistic, 16.413301282051282, 1e-12);
    expectClose(r.pValue, 0.000272833008333247, 1e-10);
    expectClose(r.cramersV, 0.5973365026816103, 1e-12);
    // adjusted residual of cell (0,0): (12 − 20·15/46)/√(E(1 − 20/46)(1 − 15/46))
    const e = (20 * 15) / 46;
    expectClose(r.adjustedResiduals[0], (12 - e) / Math.sqrt(e * (26 / 46) * (31 / 46)), 1e-12);
    expectClose(r.residuals[0], (12 - e) / Math.sqrt(e), 1e-12);
    expect(r.lowExpectedShare).toBe(0);
  });
  it('1×k and all-zero tables are degenerate: NaN + warning, no throw', () => {
    const r = chi2Contingency(Float64Array.from([3, 4, 5]), 1, 3);
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
    expect(r.warning).toMatch(/at least 2/);
    const z = chi2Contingency(new Float64Array(4), 2, 2);
    expect(z.statistic).toBeNaN();
    expect(z.droppedRows).toEqual([0, 1]);
    const k1 = chi2Contingency(Float64Array.from([3, 0, 4, 0]), 2, 2);
    expect(k1.statistic).toBeNaN();
    expect(k1.droppedCols).toEqual([1]);
    const bad = chi2Contingency(Float64Array.from([1, -1, 2, 3]), 2, 2);
    expect(bad.statistic).toBeNaN();
    expect(bad.warning).toMatch(/non-negative/);
    const shape = chi2Contingency(Float64Array.from([1, 2, 3]), 2, 2);
    expect(shape.warning).toMatch(/cells/);
  });
  it('warns when many expected counts are < 5', () => {
    const r = chi2Contingency(Float64Array.from([1, 2, 3, 1, 100, 90]), 3, 2);
    expect(r.lowExpectedShare).toBeCloseTo(4 / 6, 12);
    expect(r.warning).toMatch(/expected count < 5/);
  });
});

describe('crosstab and mergeRareRows', () => {
  it('crosstab skips missing codes and unknown labels; honours index', () => {
    const codes = Int32Array.from([0, 1, 1, -1, 2, 0]);
    const y = Uint8Array.from([0, 1, 0, 1, 1, 255]);
    expect(Array.from(crosstab(codes, 3, y))).toEqual([1, 0, 1, 1, 0, 1]);
    expect(Array.from(crosstab(codes, 3, y, Uint32Array.from([1, 2])))).toEqual([0, 0, 1, 1, 0, 0]);
  });
  it('folds rare rows into "other", keeps order, makes the label unique', () => {
    // n = 230; min column total 100 → a row is rare when total·100/230 < 5, i.e. total < 11.5
    const tab = Float64Array.from([60, 40, 50, 50, 3, 2, 0, 0, 1, 4, 16, 4]);
    const labels = ['a', 'other', 'c', 'd', 'e', 'f'];
    const m = mergeRareRows(tab, 6, 2, labels);
    expect(m.labels).toEqual(['a', 'other', 'f', 'other (merged)']);
    expect(m.merged).toEqual(['c', 'd', 'e']);
    expect(Array.from(m.table)).toEqual([60, 40, 50, 50, 16, 4, 4, 6]);
    expect(Array.from(m.rowMap)).toEqual([0, 1, 3, 3, 3, 2]);
  });
  it('does not merge a single rare row', () => {
    const tab = Float64Array.from([60, 40, 50, 50, 3, 2]);
    const m = mergeRareRows(tab, 3, 2, ['a', 'b', 'c']);
    expect(m.merged).toEqual([]);
    expect(m.labels).toEqual(['a', 'b', 'c']);
  });
});
