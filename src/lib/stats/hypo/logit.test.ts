import { describe, expect, it } from 'vitest';
import { logitCategorical, logitNumeric, type LogitResult } from './logit';
import {
  expectClose,
  expectLog10,
  expectP,
  KDD_FILES,
  loadKdd,
  type Fixture,
  readFixture,
} from './testing/kdd';

/** statsmodels names: 'Intercept', 'C(flag, Treatment(reference="SF"))[T.REJ]', 'urgent'. */
function levelOf(name: string): string {
  if (name === 'Intercept') return 'intercept';
  const m = /\[T\.(.*)\]$/.exec(name);
  return m ? m[1] : name;
}

/**
 * LR χ² = 2(llf − llnull) is a difference of two numbers of ~1e4: statsmodels' own fits (the null
 * model included) stop at tolerances that leave ~1e-10 relative error in each log-likelihood
 * (its llnull on KDDTrain+ urgent is 1.6e-6 below the exact n1·ln(n1/n) + n0·ln(n0/n)), so the
 * LR is compared at 1e-6 relative plus 2e-10·(|llf| + |llnull|) absolute.
 */
function expectLR(ours: number, ref: Fixture, what: string) {
  const tol = 1e-6 * Math.abs(ref.llr) + 2e-10 * (Math.abs(ref.llf) + Math.abs(ref.llnull));
  expect(Math.abs(ours - ref.llr) <= tol, `${what}: LR ${ours} vs ${ref.llr}`).toBe(true);
}

/** Compare every coefficient statsmodels reports for which we give a finite estimate. */
function compareFit(r: LogitResult, ref: Fixture, what: string, full = true) {
  const byName = new Map(r.coefficients.map((c) => [c.name, c]));
  ref.names.forEach((nm: string, k: number) => {
    const c = byName.get(levelOf(nm));
    expect(c, `${what} ${nm}`).toBeDefined();
    if (!c || Number.isNaN(c.estimate)) return;
    expectClose(c.estimate, ref.params[k], 1e-6, `${what} ${nm} coef`);
    expectClose(c.se, ref.bse[k], 1e-6, `${what} ${nm} se`);
    expectClose(c.z, ref.tvalues[k], 1e-6, `${what} ${nm} z`);
    expectP(c.pValue, ref.pvalues[k], `${what} ${nm} p`);
    expectLog10(c.log10p, ref.log10p[k], 1e-6, `${what} ${nm} log10p`);
    expectClose(c.ci95[0], ref.ci_lo[k], 1e-6, `${what} ${nm} ci lo`);
    expectClose(c.ci95[1], ref.ci_hi[k], 1e-6, `${what} ${nm} ci hi`);
    expectClose(c.oddsRatio, Math.exp(ref.params[k]), 1e-6, `${what} ${nm} OR`);
  });
  expectClose(r.llNull, ref.llnull, 1e-9, `${what} llnull`);
  expectClose(r.llf, ref.llf, 1e-6, `${what} llf`);
  expectLR(r.lrStatistic, ref, `${what}`);
  expect(r.lrDf).toBe(ref.df_model);
  expectP(r.lrPValue, ref.llr_pvalue, `${what} LR p`);
  expectLog10(r.lrLog10p, ref.llr_log10p, 1e-6, `${what} LR log10p`);
  expectClose(r.pseudoR2, ref.prsquared, 1e-6, `${what} pseudo-R²`);
  if (full) {
    expect(r.nObs).toBe(ref.nobs);
    expect(r.coefficients.length).toBe(ref.names.length);
  }
}

describe('logistic regression vs statsmodels Logit on NSL-KDD', () => {
  for (const file of KDD_FILES) {
    describe(file, () => {
      const data = loadKdd(file);
      const fx = readFixture(file).logit;

      for (const col of ['flag', 'protocol_type', 'service']) {
        it(`anomaly ~ C(${col}) in closed form`, () => {
          const { codes, dictionary } = data.categorical.get(col)!;
          const ref = fx[col];
          const r = logitCategorical(codes, dictionary, data.y);
          expect(r.method).toBe('closed-form');
          expect([...r.separatedLevels].sort()).toEqual([...ref.full.separated].sort());
          if (ref.full.separated.length === 0) {
            expect(r.separation).toBe('none');
            expect(r.converged).toBe(true);
            expect(r.reference).toBe(ref.full.reference);
            compareFit(r, ref.full, `${col} full`);
          } else {
            expect(r.separation).toBe('quasi');
            expect(r.converged).toBe(false);
            expect(r.warning).toMatch(/quasi-separation/);
            for (const c of r.coefficients) {
              if (ref.full.separated.includes(c.name)) {
                expect(c.estimate).toBeNaN();
                expect(c.separation === 'all-0' || c.separation === 'all-1').toBe(true);
              } else expect(Number.isFinite(c.estimate), c.name).toBe(true);
            }
            if (ref.full.error === undefined) {
              // statsmodels stopped after 35 iterations (ConvergenceWarning): the non-separated
              // coefficients and the LR it reports equal ours (its llf → our supremum).
              expect(ref.full.converged).toBe(false);
              expect(r.reference).toBe(ref.full.reference);
              compareFit(r, ref.full, `${col} full (statsmodels not converged)`);
            } else {
              // statsmodels failed outright (singular Hessian): we still give the supremum LR.
              expect(ref.full.error).toMatch(/Singular|Separation/);
              expect(Number.isFinite(r.lrStatistic)).toBe(true);
            }
            // Without the separated levels, statsmodels converges: same numbers to 1e-6.
            const ns = ref.nonseparated;
            const keep = new Set(ns.excluded as string[]);
            const idx: number[] = [];
            for (let i = 0; i < data.nRows; i++) if (!keep.has(dictionary[codes[i]])) idx.push(i);
            const s = logitCategorical(codes, dictionary, data.y, Uint32Array.from(idx));
            expect(s.separation).toBe('none');
            expect(s.reference).toBe(ns.reference);
            expect(ns.converged).toBe(true);
            compareFit(s, ns, `${col} non-separated`);
          }
        });
      }

      it('anomaly ~ (urgent > 0): quasi-separated, both as 0/1 numeric and as a category', () => {
        const ref = fx.urgent_pos;
        const u = data.numeric.get('urgent')!;
        const x = u.map((v) => (v > 0 ? 1 : 0));
        const r = logitNumeric(x, data.y, undefined, { name: 'urgent > 0' });
        expect(r.separation).toBe('quasi');
        expect(r.converged).toBe(false);
        expect(r.coefficients.every((c) => Number.isNaN(c.estimate))).toBe(true);
        expect(ref.converged).toBe(false);
        // statsmodels' llr after 35 non-converged iterations approaches our supremum
        expectLR(r.lrStatistic, ref, 'urgent > 0');
        expectClose(r.lrPValue, ref.llr_pvalue, 1e-5, 'LR p');
        expectClose(r.llNull, ref.llnull, 1e-9, 'llnull');
        const codes = Int32Array.from(u, (v) => (v > 0 ? 1 : 0));
        const c = logitCategorical(codes, ['False', 'True'], data.y);
        expect(c.separation).toBe('quasi');
        expect(c.separatedLevels).toEqual(ref.separated);
        expect(c.reference).toBe('False');
        expect(c.lrStatistic).toBe(r.lrStatistic);
        expect(c.coefficients[0].estimate).toBeCloseTo(ref.params[0], 6);
      });

      it('anomaly ~ urgent (numeric): quasi-separated at urgent = 0', () => {
        const ref = fx.urgent;
        const r = logitNumeric(data.numeric.get('urgent')!, data.y, undefined, { name: 'urgent' });
        expect(r.separation).toBe('quasi');
        expect(r.warning).toMatch(/quasi-separation/);
        expect(ref.converged).toBe(false);
        expectLR(r.lrStatistic, ref, 'urgent');
        expectClose(r.pseudoR2, ref.prsquared, 1e-5, 'R²');
      });

      for (const col of ['count', 'same_srv_rate']) {
        it(`anomaly ~ ${col} by IRLS`, () => {
          const ref = fx[col];
          const r = logitNumeric(data.numeric.get(col)!, data.y, undefined, { name: col });
          expect(r.converged).toBe(true);
          expect(r.separation).toBe('none');
          expect(r.iterations).toBeLessThan(15);
          compareFit(r, ref, col);
        });
      }
    });
  }
});

describe('logit by hand and degenerate input', () => {
  it('2×2 closed form: log odds ratio and Woolf SE', () => {
    // level a: 30 of 40 positive; level b: 10 of 60 positive (reference = b, the most frequent)
    const codes = new Int32Array(100);
    const y = new Uint8Array(100);
    for (let i = 0; i < 40; i++) y[i] = i < 30 ? 1 : 0;
    for (let i = 40; i < 100; i++) {
      codes[i] = 1;
      y[i] = i < 50 ? 1 : 0;
    }
    const r = logitCategorical(codes, ['a', 'b'], y);
    expect(r.reference).toBe('b');
    expectClose(r.coefficients[0].estimate, Math.log(10 / 50), 1e-14);
    expectClose(r.coefficients[1].estimate, Math.log((30 / 10) / (10 / 50)), 1e-14);
    expectClose(r.coefficients[1].se, Math.sqrt(1 / 30 + 1 / 10 + 1 / 10 + 1 / 50), 1e-14);
    const num = logitNumeric(Float64Array.from(codes, (c) => 1 - c), y);
    expectClose(num.coefficients[1].estimate, r.coefficients[1].estimate, 1e-9);
    expectClose(num.coefficients[1].se, r.coefficients[1].se, 1e-9);
    expectClose(num.lrStatistic, r.lrStatistic, 1e-9);
  });
  it('explicit reference level, absent levels, missing codes', () => {
    const codes = Int32Array.from([0, 0, 0, 1, 1, 1, 1, -1, 0, 1]);
    const y = Uint8Array.from([1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
    const r = logitCategorical(codes, ['a', 'b', 'unused'], y, undefined, { reference: 0 });
    expect(r.reference).toBe('a');
    expect(r.absentLevels).toEqual(['unused']);
    expect(r.nObs).toBe(9);
    expect(r.coefficients.map((c) => c.name)).toEqual(['intercept', 'b']);
  });
  it('complete separation (categorical): NaN coefficients, llf = 0, finite LR', () => {
    const codes = Int32Array.from([0, 0, 0, 1, 1]);
    const y = Uint8Array.from([1, 1, 1, 0, 0]);
    const r = logitCategorical(codes, ['a', 'b'], y);
    expect(r.separation).toBe('complete');
    expect(r.llf).toBe(0);
    expect(r.coefficients.every((c) => Number.isNaN(c.estimate))).toBe(true);
    expectClose(r.lrStatistic, -2 * (3 * Math.log(3 / 5) + 2 * Math.log(2 / 5)), 1e-14);
    expect(r.pseudoR2).toBe(1);
  });
  it('separated reference level → the most frequent mixed level becomes the reference', () => {
    const codes = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const y = Uint8Array.from([0, 0, 0, 0, 1, 0, 1, 1, 1, 0]);
    const r = logitCategorical(codes, ['sep', 'm1', 'm2'], y);
    expect(r.reference).toBe('m1');
    expect(r.warning).toMatch(/reference "sep"/);
    expect(r.separatedLevels).toEqual(['sep']);
  });
  it('complete separation (numeric)', () => {
    const r = logitNumeric(Float64Array.from([1, 2, 3, 4, 5, 6]), Uint8Array.from([0, 0, 0, 1, 1, 1]));
    expect(r.separation).toBe('complete');
    expect(r.llf).toBe(0);
    expect(r.warning).toMatch(/PerfectSeparationError/);
  });
  it('quasi separation (numeric): supremum uses the tied rows', () => {
    const x = Float64Array.from([1, 2, 3, 3, 3, 4, 5]);
    const y = Uint8Array.from([0, 0, 0, 1, 1, 1, 1]);
    const r = logitNumeric(x, y);
    expect(r.separation).toBe('quasi');
    // rows at x = 3: 1 normal, 2 anomalous
    expectClose(r.llf, Math.log(1 / 3) + 2 * Math.log(2 / 3), 1e-14);
  });
  it('single-class outcome, constant predictor, single level → NaN + warning', () => {
    const one = logitNumeric(Float64Array.from([1, 2, 3]), Uint8Array.from([1, 1, 1]));
    expect(one.lrStatistic).toBeNaN();
    expect(one.warning).toMatch(/single class/);
    const c = logitNumeric(Float64Array.from([2, 2, 2, 2]), Uint8Array.from([0, 1, 0, 1]));
    expect(c.warning).toMatch(/constant/);
    const l = logitCategorical(Int32Array.from([0, 0, 0]), ['a'], Uint8Array.from([0, 1, 1]));
    expect(l.warning).toMatch(/single level/);
    const e = logitCategorical(new Int32Array(0), ['a'], new Uint8Array(0));
    expect(e.warning).toMatch(/no usable rows/);
  });
  it('IRLS is scale-free (x in bytes up to 1e9)', () => {
    const n = 400;
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = ((i * 7919) % 997) * 1e6;
      y[i] = ((i * 104729) % 1000) / 1000 < 1 / (1 + Math.exp(-(x[i] / 2e8 - 2.5))) ? 1 : 0;
    }
    const a = logitNumeric(x, y);
    const b = logitNumeric(x.map((v) => v / 1e6), y);
    expect(a.converged).toBe(true);
    expectClose(a.coefficients[1].estimate * 1e6, b.coefficients[1].estimate, 1e-9);
    expectClose(a.coefficients[0].estimate, b.coefficients[0].estimate, 1e-9);
    expectClose(a.llf, b.llf, 1e-12);
  });
});
