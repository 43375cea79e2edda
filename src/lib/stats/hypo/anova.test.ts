import { describe, expect, it } from 'vitest';
import { oneWayAnova } from './anova';
import {
  expectClose,
  expectLog10,
  expectP,
  KDD_FILES,
  loadKdd,
  readFixture,
} from './testing/kdd';

describe('one-way ANOVA vs scipy.stats.f_oneway on NSL-KDD', () => {
  for (const file of KDD_FILES) {
    it(`${file}: src_bytes across attack types (groups with ≥ 2 rows)`, () => {
      const data = loadKdd(file);
      const ref = readFixture(file).anova.src_bytes_by_attack;
      const attack = data.categorical.get('attack')!;
      const r = oneWayAnova(
        data.numeric.get('src_bytes')!,
        attack.codes,
        attack.dictionary.length,
        undefined,
        { minGroupSize: 2 },
      );
      expect(r.nGroupsUsed).toBe(ref.groups.length);
      const used = attack.dictionary.filter((_, c) => r.groupN[c] >= 2).sort();
      expect(used).toEqual(ref.groups);
      expect(r.dfBetween).toBe(ref.dfBetween);
      expect(r.dfWithin).toBe(ref.dfWithin);
      expectClose(r.statistic, ref.statistic, 1e-6, 'F');
      expectP(r.pValue, ref.pvalue, 'p');
      expectLog10(r.log10p, ref.log10p, 1e-8, 'log10p');
      for (const c of r.excludedGroups) expect(r.groupN[c]).toBe(1);
      expect(r.warning).toBeNull();
    });
  }
});

describe('ANOVA by hand and degenerate input', () => {
  it('matches a hand computation', () => {
    // groups {1,2,3}, {4,5,6}, {7,8,9,10}: means 2, 5, 8.5; grand 5.5
    const v = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const g = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
    const r = oneWayAnova(v, g, 3);
    const ssb = 3 * 3.5 ** 2 + 3 * 0.5 ** 2 + 4 * 3 ** 2;
    const ssw = 2 + 2 + (2.25 + 0.25 + 0.25 + 2.25);
    expectClose(r.statistic, ssb / 2 / (ssw / 7), 1e-14);
    expectClose(r.etaSquared, ssb / (ssb + ssw), 1e-14);
  });
  it('missing codes / NaN are skipped; index selects rows', () => {
    const v = Float64Array.from([1, 2, 3, NaN, 4, 5, 6, 99]);
    const g = Int32Array.from([0, 0, 0, 1, 1, 1, 1, -1]);
    const r = oneWayAnova(v, g, 2);
    expect(r.n).toBe(6);
    const s = oneWayAnova(v, g, 2, Uint32Array.from([0, 1, 2, 4, 5, 6]));
    expect(s.statistic).toBe(r.statistic);
  });
  it('one group → NaN with a warning', () => {
    const r = oneWayAnova(Float64Array.from([1, 2, 3]), Int32Array.from([0, 0, 0]), 2);
    expect(r.statistic).toBeNaN();
    expect(r.warning).toMatch(/at least 2 groups/);
  });
  it('constant groups → NaN with a warning', () => {
    const r = oneWayAnova(Float64Array.from([1, 1, 2, 2]), Int32Array.from([0, 0, 1, 1]), 2);
    expect(r.statistic).toBeNaN();
    expect(r.warning).toMatch(/constant/);
  });
  it('singleton groups only → NaN', () => {
    const r = oneWayAnova(Float64Array.from([1, 2]), Int32Array.from([0, 1]), 2);
    expect(r.statistic).toBeNaN();
    expect(r.warning).toMatch(/single value/);
  });
});
