import { describe, expect, it } from 'vitest';
import { adjustPValues, benjaminiHochberg, holm } from './adjust';
import { screenFeatures, type ScreenColumn } from './screen';
import {
  expectClose,
  expectP,
  KDD_FILES,
  loadKdd,
  readFixture,
} from './testing/kdd';

describe('Holm and Benjamini–Hochberg (statsmodels multipletests)', () => {
  it('small case with ties', () => {
    const p = Float64Array.from([0.01, 0.04, 0.03, 0.005, 0.04, 0.9]);
    const h = [0.05, 0.12, 0.12, 0.03, 0.12, 0.9];
    const b = [0.030000000000000002, 0.048, 0.048, 0.030000000000000002, 0.048, 0.9];
    Array.from(holm(p)).forEach((v, i) => expectClose(v, h[i], 1e-14));
    Array.from(benjaminiHochberg(p)).forEach((v, i) => expectClose(v, b[i], 1e-14));
    expect(Array.from(adjustPValues(p, 'holm'))).toEqual(Array.from(holm(p)));
  });
  it('NaN is outside the family and stays NaN; caps at 1; empty input', () => {
    const p = Float64Array.from([NaN, 0.5, 0.6]);
    const h = holm(p);
    expect(h[0]).toBeNaN();
    expect(h[1]).toBe(1);
    expect(h[2]).toBe(1);
    const b = benjaminiHochberg(p);
    expect(b[0]).toBeNaN();
    expectClose(b[1], 0.6, 1e-15);
    expect(holm(new Float64Array(0)).length).toBe(0);
  });
});

describe('adjusted p over every numeric feature (NSL-KDD)', () => {
  for (const file of KDD_FILES) {
    it(`${file}: fixture p → statsmodels holm / fdr_bh`, () => {
      const ref = readFixture(file).adjust;
      const p = Float64Array.from(ref.p as number[]);
      const h = holm(p);
      const b = benjaminiHochberg(p);
      ref.holm.forEach((v: number, i: number) => expectP(h[i], v, `holm ${ref.names[i]}`));
      ref.fdr_bh.forEach((v: number, i: number) => expectP(b[i], v, `bh ${ref.names[i]}`));
    });

    it(`${file}: screenFeatures reproduces the t-tests, chi2 and the adjustment`, () => {
      const data = loadKdd(file);
      const fx = readFixture(file);
      const numeric: ScreenColumn[] = [];
      const all: ScreenColumn[] = [];
      for (const f of data.features) {
        if (f.kind === 'numeric') {
          const c = { kind: 'numeric' as const, name: f.name, values: data.numeric.get(f.name)! };
          numeric.push(c);
          all.push(c);
        } else {
          const c = data.categorical.get(f.name)!;
          all.push({ kind: 'categorical', name: f.name, ...c });
        }
      }
      const rows = screenFeatures(numeric, data.y);
      const byName = new Map(rows.map((r) => [r.name, r]));
      fx.adjust.names.forEach((nm: string, i: number) => {
        const r = byName.get(nm)!;
        expectP(r.pValue, fx.adjust.p[i], `${nm} p`);
        expectP(r.pHolm, fx.adjust.holm[i], `${nm} holm`);
        expectP(r.pBH, fx.adjust.fdr_bh[i], `${nm} bh`);
      });
      // degenerate columns (constant) are NaN and outside the family
      for (const r of rows) if (!fx.adjust.names.includes(r.name)) expect(r.pHolm).toBeNaN();
      const full = screenFeatures(all, data.y);
      expect(full.length).toBe(41);
      for (const col of ['protocol_type', 'service', 'flag']) {
        const r = full.find((x) => x.name === col)!;
        expect(r.test).toBe('chi2');
        expectClose(r.statistic, fx.chi2[col].statistic, 1e-6, col);
      }
    });
  }
});
