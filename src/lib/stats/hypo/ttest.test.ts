import { describe, expect, it } from 'vitest';
import { studentTTest, welchTTest, type TTestResult } from './ttest';
import {
  expectClose,
  expectLog10,
  expectP,
  KDD_FILES,
  loadKdd,
  num,
  readFixture,
  type Fixture,
} from './testing/kdd';

function check(r: TTestResult, ref: Fixture, all: Fixture, what: string) {
  expectClose(r.statistic, ref.statistic, 1e-6, `${what} statistic`);
  expectClose(r.df, ref.df, 1e-6, `${what} df`);
  expectP(r.pValue, ref.pvalue, `${what} p`);
  if (Number.isNaN(num(ref.statistic))) {
    // Zero variance: SciPy gives nan; we also give a NaN CI (the script's mean ± q·0 = [d, d]).
    expect(r.ci95[0]).toBeNaN();
    expect(r.warning).toBeTruthy();
  } else {
    expectClose(r.ci95[0], ref.ci95[0], 1e-6, `${what} ci lo`);
    expectClose(r.ci95[1], ref.ci95[1], 1e-6, `${what} ci hi`);
    expectLog10(r.log10p, ref.log10p, 1e-8, `${what} log10p`);
  }
  expect(r.n0).toBe(all.n0);
  expect(r.n1).toBe(all.n1);
  expectClose(r.mean0, all.mean0, 1e-9, `${what} mean0`);
  expectClose(r.mean1, all.mean1, 1e-9, `${what} mean1`);
  expectClose(r.sd0, all.sd0, 1e-8, `${what} sd0`);
  expectClose(r.sd1, all.sd1, 1e-8, `${what} sd1`);
  expectClose(r.meanDiff, all.meanDiff, 1e-9, `${what} meanDiff`);
  expectClose(r.cohensD, all.cohensD, 1e-6, `${what} d`);
  expectClose(r.hedgesG, all.hedgesG, 1e-6, `${what} g`);
  expectClose(r.gCi95[0], all.gCi95[0], 1e-6, `${what} g lo`);
  expectClose(r.gCi95[1], all.gCi95[1], 1e-6, `${what} g hi`);
}

describe('t-tests vs scipy.stats.ttest_ind on NSL-KDD', () => {
  for (const file of KDD_FILES) {
    it(`${file}: every numeric column, Welch and Student`, () => {
      const data = loadKdd(file);
      const fx = readFixture(file);
      let n = 0;
      for (const [name, ref] of Object.entries<Fixture>(fx.ttest)) {
        let values: Float64Array;
        if (name.startsWith('log1p_')) {
          values = data.numeric.get(name.slice(6))!.map(Math.log1p);
        } else values = data.numeric.get(name)!;
        expect(values, name).toBeDefined();
        check(welchTTest(values, data.y), ref.welch, ref, `${file} ${name} welch`);
        check(studentTTest(values, data.y), ref.student, ref, `${file} ${name} student`);
        n++;
      }
      expect(n).toBeGreaterThan(38);
    });
  }

  it('an index selection equals the subset', () => {
    const data = loadKdd('KDDTest+');
    const v = data.numeric.get('count')!;
    const idx = new Uint32Array(5000).map((_, k) => k * 4);
    const sub = idx.reduce<number[]>((a, i) => (a.push(v[i]), a), []);
    const ys = Uint8Array.from(idx, (i) => data.y[i]);
    const a = welchTTest(v, data.y, idx);
    const b = welchTTest(Float64Array.from(sub), ys);
    expect(a.statistic).toBe(b.statistic);
    expect(a.pValue).toBe(b.pValue);
  });
});

describe('t-test degenerate input', () => {
  const y = Uint8Array.from([0, 0, 0, 1, 1, 1]);
  it('constant column → NaN statistic with a warning (scipy: nan)', () => {
    const r = welchTTest(new Float64Array(6).fill(3), y);
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
    expect(r.cohensD).toBeNaN();
    expect(r.warning).toMatch(/constant/);
    expect(r.meanDiff).toBe(0);
    const s = studentTTest(new Float64Array(6).fill(3), y);
    expect(s.statistic).toBeNaN();
    expect(s.warning).toMatch(/constant/);
  });
  it('each group constant but different → NaN with a warning', () => {
    const r = welchTTest(Float64Array.from([1, 1, 1, 2, 2, 2]), y);
    expect(r.statistic).toBeNaN();
    expect(r.meanDiff).toBe(1);
    expect(r.warning).toMatch(/each group is constant/);
  });
  it('a group empty or with one value → NaN with a warning', () => {
    const r = welchTTest(Float64Array.from([1, 2, 3]), Uint8Array.from([0, 0, 0]));
    expect(r.statistic).toBeNaN();
    expect(r.n1).toBe(0);
    expect(r.warning).toMatch(/at least 2/);
    const r1 = welchTTest(Float64Array.from([1, 2, 3, 4]), Uint8Array.from([0, 0, 0, 1]));
    expect(r1.statistic).toBeNaN();
    expect(r1.n1).toBe(1);
  });
  it('NaN is missing, ±Infinity is left out and counted, other labels ignored', () => {
    const v = Float64Array.from([1, 2, NaN, 3, 5, 6, Infinity, 8, 100]);
    const g = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1, 255]);
    const r = welchTTest(v, g);
    expect(r.n0).toBe(3);
    expect(r.n1).toBe(3);
    expect(r.excludedInfinite).toBe(1);
    expect(r.warning).toMatch(/infinite/);
    const clean = welchTTest(Float64Array.from([1, 2, 3, 5, 6, 8]), Uint8Array.from([0, 0, 0, 1, 1, 1]));
    expect(r.statistic).toBe(clean.statistic);
    expect(r.pValue).toBe(clean.pValue);
    // hand check: means 2 and 19/3, variances 1 and 7/3
    expectClose(clean.statistic, (19 / 3 - 2) / Math.sqrt(1 / 3 + 7 / 9), 1e-14);
  });
  it('a huge separation keeps a finite log10p while p underflows', () => {
    const n = 2000;
    const v = new Float64Array(n);
    const g = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      g[i] = i % 2;
      v[i] = (i % 2) * 1000 + ((i * 7919) % 13) / 13;
    }
    const r = welchTTest(v, g);
    expect(r.pValue).toBe(0);
    expect(Number.isFinite(r.log10p)).toBe(true);
    expect(r.log10p).toBeLessThan(-300);
  });
});
