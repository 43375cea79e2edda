/**
 * Timing of the hypothesis panels on a 126k-row table (KDDTrain+_20Percent repeated 5×).
 * Skipped unless HYPO_BENCH=1:  HYPO_BENCH=1 npx vitest run src/lib/stats/hypo/bench
 * Compare with: /usr/bin/python3 scripts/ref_hypotheses.py --bench
 */
import { describe, expect, it } from 'vitest';
import { oneWayAnova } from './anova';
import { chi2Contingency, crosstab } from './chi2';
import { logitCategorical, logitNumeric } from './logit';
import { mannWhitneyU } from './mannwhitney';
import { screenFeatures, type ScreenColumn } from './screen';
import { welchTTest } from './ttest';
import { dataAvailable, loadKdd } from './testing/kdd';

const run = dataAvailable && process.env.HYPO_BENCH === '1';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe.skipIf(!run)('hypothesis timing at 126k rows', () => {
  it('panels and every-column screen', () => {
    const data = loadKdd('KDDTrain+_20Percent', 5);
    expect(data.nRows).toBe(125960);
    const y = data.y;
    const attack = data.categorical.get('attack')!;
    const detail: Record<string, number[]> = {
      'ttest+anova+mwu': [],
      chi2x3: [],
      'logit-flag': [],
      'logit-urgent-x2': [],
      panels: [],
      everyColumn: [],
    };
    const cols: ScreenColumn[] = data.features.map((f) =>
      f.kind === 'numeric'
        ? { kind: 'numeric', name: f.name, values: data.numeric.get(f.name)! }
        : { kind: 'categorical', name: f.name, ...data.categorical.get(f.name)! },
    );
    const urgent = data.numeric.get('urgent')!;
    for (let rep = 0; rep < 6; rep++) {
      const t0 = performance.now();
      let t = t0;
      for (const col of ['src_bytes', 'dst_bytes']) {
        welchTTest(data.numeric.get(col)!, y);
        mannWhitneyU(data.numeric.get(col)!, y);
      }
      oneWayAnova(data.numeric.get('src_bytes')!, attack.codes, attack.dictionary.length, undefined, {
        minGroupSize: 2,
      });
      const t1 = performance.now();
      for (const col of ['protocol_type', 'service', 'flag']) {
        const c = data.categorical.get(col)!;
        chi2Contingency(crosstab(c.codes, c.dictionary.length, y), c.dictionary.length, 2);
      }
      const t2 = performance.now();
      const flag = data.categorical.get('flag')!;
      logitCategorical(flag.codes, flag.dictionary, y);
      const t3 = performance.now();
      logitNumeric(urgent.map((v) => (v > 0 ? 1 : 0)), y);
      logitNumeric(urgent, y);
      const t4 = performance.now();
      screenFeatures(cols, y);
      const t5 = performance.now();
      if (rep === 0) continue; // warm-up (JIT)
      detail['ttest+anova+mwu'].push(t1 - t);
      detail.chi2x3.push(t2 - t1);
      detail['logit-flag'].push(t3 - t2);
      detail['logit-urgent-x2'].push(t4 - t3);
      detail.panels.push(t4 - t0);
      detail.everyColumn.push(t5 - t4);
      t = t5;
    }
    const out = Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, +median(v).toFixed(2)]));
    // A count-only IRLS timing (no separation shortcut): logit ~ count.
    const c0 = performance.now();
    const r = logitNumeric(data.numeric.get('count')!, y);
    const irlsMs = performance.now() - c0;
    console.log(JSON.stringify({ rows: data.nRows, medianMs: out, irlsCountMs: +irlsMs.toFixed(2), irlsIterations: r.iterations }));
  });
});
