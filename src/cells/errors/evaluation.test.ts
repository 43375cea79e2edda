import { beforeAll, describe, expect, it } from 'vitest';
import { confusion, rocAuc, averagePrecision } from '../../lib/ml/metrics';
import { buildEvaluation, mergeSorted, thinCurve, type EvaluationModel } from './evaluation';
import { syntheticScored } from './testing.svelte';

describe('EvaluationModel', () => {
  const s = syntheticScored({ n: 5000, seed: 3 });
  let model: EvaluationModel;
  beforeAll(async () => {
    model = await buildEvaluation(s);
  });

  it('agrees with a direct pass over the rows at any threshold', () => {
    for (const t of [-1, 0, 1e-4, 1e-3, 2.5e-3, 1e-2, 0.1, 10, Infinity]) {
      const at = model.at(t);
      const direct = confusion(s.mse, s.isAnomaly!, t);
      expect(at.confusion).toEqual(direct);
      expect(at.flagged).toBe(direct.tp + direct.fp);
      expect(at.flaggedFraction).toBeCloseTo((direct.tp + direct.fp) / s.mse.length, 12);
    }
  });

  it('has the AUC and AP of the metrics library', () => {
    expect(model.auc).toBe(rocAuc(s.mse, s.isAnomaly!));
    expect(model.averagePrecision).toBe(averagePrecision(s.mse, s.isAnomaly!));
    expect(model.auc).toBeGreaterThan(0.85);
    expect(model.prevalence).toBeCloseTo(s.isAnomaly!.reduce((a, b) => a + b, 0) / s.mse.length, 12);
  });

  it('reports detection per attack type and per NSL-KDD family', () => {
    const t = 5e-3;
    const at = model.at(t);
    const byName = new Map(at.classes.map((c) => [c.name, c]));
    for (let c = 0; c < s.classNames.length; c++) {
      let n = 0;
      let flagged = 0;
      for (let i = 0; i < s.mse.length; i++) {
        if (s.classCodes![i] !== c) continue;
        n++;
        if (s.mse[i] > t) flagged++;
      }
      const rate = byName.get(s.classNames[c])!;
      expect(rate.n).toBe(n);
      expect(rate.flagged).toBe(flagged);
      expect(rate.anomalous).toBe(c !== 0);
    }
    expect(byName.get('neptune')!.family).toBe('DoS');
    expect(byName.get('mystery')!.family).toBe('other');
    expect(byName.get('normal')!.family).toBeNull();
    // Largest class first.
    for (let i = 1; i < at.classes.length; i++) expect(at.classes[i - 1].n).toBeGreaterThanOrEqual(at.classes[i].n);
    const families = at.families.map((f) => f.name);
    expect(families).toEqual(['normal', 'DoS', 'Probe', 'R2L', 'U2R', 'other attacks']);
    const dos = at.families.find((f) => f.name === 'DoS')!;
    expect(dos.n).toBe(byName.get('neptune')!.n);
    expect(dos.flagged).toBe(byName.get('neptune')!.flagged);
    const sumN = at.families.reduce((a, f) => a + f.n, 0);
    expect(sumN).toBe(s.mse.length);
  });

  it('works without a label (flag counts only)', async () => {
    const u = syntheticScored({ n: 1000, labelled: false });
    const m = await buildEvaluation(u);
    const at = m.at(1e-3);
    expect(at.confusion).toBeNull();
    expect(at.classes).toEqual([]);
    expect(at.families).toEqual([]);
    expect(at.flagged).toBe(Array.from(u.mse).filter((v) => v > 1e-3).length);
    expect(m.roc).toBeNull();
    expect(Number.isNaN(m.auc)).toBe(true);
  });

  it('does not group classes into families when the label is not NSL-KDD', async () => {
    const base = syntheticScored({ n: 500 });
    const m = await buildEvaluation({ ...base, classNames: ['BENIGN', 'DDoS', 'PortScan', 'Bot', 'Web', 'Infiltration'] });
    const at = m.at(1e-3);
    expect(at.families).toEqual([]);
    expect(at.classes.every((c) => c.family === null)).toBe(true);
  });

  it('rejects NaN errors with a clear message', async () => {
    const base = syntheticScored({ n: 100 });
    const mse = base.mse.slice();
    mse[3] = NaN;
    await expect(buildEvaluation({ ...base, mse })).rejects.toThrow(/NaN/);
  });

  it('moves the threshold at 126k rows in well under 100 ms (binary searches only)', async () => {
    const big = syntheticScored({ n: 126_000, seed: 11 });
    const t0 = performance.now();
    const m = await buildEvaluation(big);
    const build = performance.now() - t0;
    const moves = 1000;
    const t1 = performance.now();
    let sink = 0;
    for (let k = 0; k < moves; k++) sink += m.at(1e-4 * (1 + k)).flagged;
    const perMove = (performance.now() - t1) / moves;
    expect(sink).toBeGreaterThan(0);
    expect(perMove).toBeLessThan(5);
    // Reported in the closing note: the build is once per scored set, the move per slider step.
    console.info(`[errors] 126k rows: evaluation built in ${build.toFixed(1)} ms; threshold move ${(perMove * 1000).toFixed(1)} µs`);
  });
});

describe('mergeSorted', () => {
  it('merges two ascending arrays', () => {
    expect(Array.from(mergeSorted(Float64Array.of(1, 3, 5), Float64Array.of(0, 3, 9, 10)))).toEqual([0, 1, 3, 3, 5, 9, 10]);
    expect(Array.from(mergeSorted(new Float64Array(0), Float64Array.of(2)))).toEqual([2]);
  });
});

describe('thinCurve', () => {
  it('keeps the ends, drops near-duplicates and NaN', () => {
    const x = Float64Array.from({ length: 100_001 }, (_, i) => i / 100_000);
    const y = Float64Array.from(x, (v) => Math.sqrt(v));
    y[5] = NaN;
    const c = thinCurve(x, y);
    expect(c.x.length).toBeLessThan(3100);
    expect(c.x[0]).toBe(0);
    expect(c.x[c.x.length - 1]).toBe(1);
    expect(c.y.every((v) => !Number.isNaN(v))).toBe(true);
  });
});
