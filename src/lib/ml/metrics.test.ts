import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LabelledScores,
  averagePrecision,
  bestF1Threshold,
  confusion,
  confusionFromCounts,
  precisionRecallCurve,
  rocAuc,
  rocCurve,
} from './metrics';

type Num = number | null;
interface RefSet {
  name: string;
  dtype: string;
  scores: number[];
  labels: number[];
  roc: { fpr: Num[]; tpr: Num[]; thresholds: Num[] };
  rocAuc: Num;
  pr: { precision: Num[]; recall: Num[]; thresholds: Num[] };
  averagePrecision: Num;
  confusion: {
    threshold: number;
    tp: number;
    fp: number;
    tn: number;
    fn: number;
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
  }[];
}
interface Ref {
  sklearn: string;
  sets: RefSet[];
}

const ref = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/reference/metrics-sklearn.json', import.meta.url), 'utf8'),
) as Ref;

const TOL = 1e-9;

function expectClose(actual: ArrayLike<number>, expected: readonly Num[], what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === null) expect(Number.isNaN(a), `${what}[${i}] should be NaN, got ${a}`).toBe(true);
    else expect(Math.abs(a - e), `${what}[${i}]: ${a} vs ${e}`).toBeLessThanOrEqual(TOL);
  }
}

function closeScalar(actual: number, expected: Num, what: string): void {
  expectClose([actual], [expected], what);
}

function inputs(set: RefSet): { scores: Float32Array | Float64Array; labels: Uint8Array } {
  const scores =
    set.dtype === 'float32' ? Float32Array.from(set.scores) : Float64Array.from(set.scores);
  return { scores, labels: Uint8Array.from(set.labels) };
}

describe('metrics against scikit-learn ' + ref.sklearn, () => {
  it('has the reference sets', () => {
    expect(ref.sets.map((s) => s.name)).toEqual([
      'ties2000',
      'separable',
      'allNormal',
      'allAnomalous',
      'fiveLevels',
      'float32',
      'docExample',
      'negatives',
    ]);
  });

  for (const set of ref.sets) {
    describe(set.name, () => {
      const { scores, labels } = inputs(set);

      it('roc_curve (drop_intermediate=True, thresholds[0] = max + 1)', () => {
        const roc = rocCurve(scores, labels);
        expectClose(roc.fpr, set.roc.fpr, 'fpr');
        expectClose(roc.tpr, set.roc.tpr, 'tpr');
        expectClose(roc.thresholds, set.roc.thresholds, 'thresholds');
      });

      it('roc_auc_score (NaN where sklearn raises)', () => {
        closeScalar(rocAuc(scores, labels), set.rocAuc, 'auc');
      });

      it('precision_recall_curve and average_precision_score', () => {
        const pr = precisionRecallCurve(scores, labels);
        expectClose(pr.precision, set.pr.precision, 'precision');
        expectClose(pr.recall, set.pr.recall, 'recall');
        expectClose(pr.thresholds, set.pr.thresholds, 'thresholds');
        closeScalar(averagePrecision(scores, labels), set.averagePrecision, 'AP');
      });

      it('confusion (score > threshold) like confusion_matrix and *_score(zero_division=0)', () => {
        const ls = new LabelledScores(scores, labels);
        for (const c of set.confusion) {
          for (const got of [confusion(scores, labels, c.threshold), ls.confusionAt(c.threshold)]) {
            expect([got.tp, got.fp, got.tn, got.fn]).toEqual([c.tp, c.fp, c.tn, c.fn]);
            closeScalar(got.accuracy, c.accuracy, 'accuracy');
            closeScalar(got.precision, c.precision, 'precision');
            closeScalar(got.recall, c.recall, 'recall');
            closeScalar(got.f1, c.f1, 'f1');
          }
        }
      });

      it('bestF1Threshold agrees with a brute-force scan over every score', () => {
        const best = bestF1Threshold(scores, labels);
        let bruteF1 = -1;
        const candidates = [...new Set(Array.from(scores))].sort((a, b) => b - a);
        candidates.push(-Infinity);
        for (const t of candidates) bruteF1 = Math.max(bruteF1, confusion(scores, labels, t).f1);
        expect(best.f1).toBeCloseTo(bruteF1, 12);
        const at = confusion(scores, labels, best.threshold);
        expect([at.tp, at.fp, at.tn, at.fn]).toEqual([best.tp, best.fp, best.tn, best.fn]);
        expect(at.f1).toBeCloseTo(best.f1, 12);
      });
    });
  }
});

describe('metrics edge cases', () => {
  it('is strict: a score equal to the threshold is not flagged', () => {
    const c = confusion(Float64Array.of(0.5, 0.5, 1), Uint8Array.of(1, 0, 1), 0.5);
    expect([c.tp, c.fp, c.tn, c.fn]).toEqual([1, 0, 1, 1]);
    expect(c.fpr).toBe(0);
  });

  it('returns 0 for zero denominators', () => {
    const c = confusionFromCounts(0, 0, 0, 0);
    expect(c).toMatchObject({ accuracy: 0, precision: 0, recall: 0, f1: 0, fpr: 0 });
  });

  it('rejects NaN scores and mismatched lengths', () => {
    expect(() => rocAuc(Float64Array.of(0.1, NaN), Uint8Array.of(0, 1))).toThrow(/NaN/);
    expect(() => confusion(Float64Array.of(NaN), Uint8Array.of(0), 1)).toThrow(/NaN/);
    expect(() => rocCurve(Float64Array.of(1, 2), Uint8Array.of(1))).toThrow(RangeError);
  });

  it('accepts infinite scores', () => {
    const auc = rocAuc(Float64Array.of(-Infinity, 0, 1, Infinity), Uint8Array.of(0, 0, 1, 1));
    expect(auc).toBe(1);
    const roc = rocCurve(Float64Array.of(0, Infinity), Uint8Array.of(0, 1));
    expect(roc.thresholds[0]).toBe(Infinity);
  });

  it('handles an empty set without throwing', () => {
    const ls = new LabelledScores(new Float64Array(0), new Uint8Array(0));
    expect(Number.isNaN(ls.rocAuc())).toBe(true);
    expect(ls.precisionRecallCurve().precision).toEqual(Float64Array.of(1));
    expect(Number.isNaN(ls.bestF1Threshold().threshold)).toBe(true);
  });

  it('prefers the highest threshold among equal F1 and can flag everything', () => {
    // All anomalous: flagging everything (threshold −Infinity) is the only F1 = 1.
    const all = bestF1Threshold(Float64Array.of(1, 2, 3), Uint8Array.of(1, 1, 1));
    expect(all.threshold).toBe(-Infinity);
    expect(all.f1).toBe(1);
    // Separable: the best threshold is the highest normal score.
    const sep = bestF1Threshold(Float64Array.of(0.1, 0.2, 0.9, 0.8), Uint8Array.of(0, 0, 1, 1));
    expect(sep.threshold).toBe(0.2);
    expect(sep.f1).toBe(1);
  });

  it('evaluates 1M scores from one sort, quickly', () => {
    const n = 1_000_000;
    const scores = new Float32Array(n);
    const labels = new Uint8Array(n);
    let s = 1;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      labels[i] = s % 10 === 0 ? 1 : 0;
      scores[i] = (s >>> 8) / 16777216 + labels[i] * 0.3;
    }
    const t0 = performance.now();
    const ls = new LabelledScores(scores, labels);
    const auc = ls.rocAuc();
    ls.averagePrecision();
    ls.bestF1Threshold();
    const ms = performance.now() - t0;
    expect(auc).toBeGreaterThan(0.6);
    expect(ms).toBeLessThan(5000); // generous: the CPU is shared; typically ~0.2 s
  });
});
