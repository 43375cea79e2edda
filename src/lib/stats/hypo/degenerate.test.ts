import { describe, expect, it } from 'vitest';
import { oneWayAnova } from './anova';
import { chi2Contingency, crosstab, mergeRareRows } from './chi2';
import { logitCategorical, logitNumeric } from './logit';
import { mannWhitneyU } from './mannwhitney';
import { screenFeatures } from './screen';
import { studentTTest, welchTTest } from './ttest';
import { benjaminiHochberg, holm } from './adjust';

/** Deterministic LCG (Numerical Recipes constants). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function pOk(p: number) {
  expect(Number.isNaN(p) || (p >= 0 && p <= 1), `p = ${p}`).toBe(true);
}

describe('hostile input never throws; p-values are NaN or in [0, 1]', () => {
  it('empty arrays', () => {
    const f = new Float64Array(0);
    const u = new Uint8Array(0);
    const i = new Int32Array(0);
    pOk(welchTTest(f, u).pValue);
    pOk(studentTTest(f, u).pValue);
    pOk(mannWhitneyU(f, u).pValue);
    pOk(oneWayAnova(f, i, 0).pValue);
    pOk(chi2Contingency(f, 0, 0).pValue);
    pOk(logitNumeric(f, u).lrPValue);
    pOk(logitCategorical(i, [], u).lrPValue);
    expect(screenFeatures([], u)).toEqual([]);
    expect(crosstab(i, 0, u).length).toBe(0);
    expect(mergeRareRows(f, 0, 2, []).nRows).toBe(0);
    expect(holm(f).length + benjaminiHochberg(f).length).toBe(0);
  });

  it('random small inputs with NaN, ±Infinity, missing codes and odd labels', () => {
    const r = rng(20261121);
    const specials = [NaN, Infinity, -Infinity, 0, 1e308, -1e-308];
    for (let trial = 0; trial < 400; trial++) {
      const n = Math.floor(r() * 12);
      const L = 1 + Math.floor(r() * 4);
      const v = new Float64Array(n);
      const y = new Uint8Array(n);
      const c = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        v[i] = r() < 0.2 ? specials[Math.floor(r() * specials.length)] : Math.round(r() * 5);
        y[i] = r() < 0.1 ? 255 : r() < 0.5 ? 1 : 0;
        c[i] = r() < 0.1 ? -1 : Math.floor(r() * L);
      }
      const dict = Array.from({ length: L }, (_, k) => (k === 0 ? '__proto__' : `l${k}`));
      for (const t of [welchTTest(v, y), studentTTest(v, y)]) {
        pOk(t.pValue);
        if (Number.isNaN(t.pValue)) expect(t.warning, JSON.stringify([Array.from(v), Array.from(y), t])).toBeTruthy();
      }
      pOk(mannWhitneyU(v, y).pValue);
      pOk(oneWayAnova(v, c, L).pValue);
      const tab = crosstab(c, L, y);
      pOk(chi2Contingency(tab, L, 2).pValue);
      mergeRareRows(tab, L, 2, dict);
      const lc = logitCategorical(c, dict, y);
      pOk(lc.lrPValue);
      for (const k of lc.coefficients) pOk(k.pValue);
      const ln = logitNumeric(v, y);
      pOk(ln.lrPValue);
      for (const k of ln.coefficients) pOk(k.pValue);
      const rows = screenFeatures(
        [
          { kind: 'numeric', name: 'v', values: v },
          { kind: 'categorical', name: 'c', codes: c, dictionary: dict },
        ],
        y,
      );
      for (const row of rows) {
        pOk(row.pValue);
        pOk(row.pHolm);
        pOk(row.pBH);
      }
    }
  });
});
