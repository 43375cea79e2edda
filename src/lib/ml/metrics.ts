/**
 * Binary classification metrics over anomaly scores, matching scikit-learn 1.2
 * (`roc_curve`, `roc_auc_score`, `precision_recall_curve`, `average_precision_score`,
 * `confusion_matrix` and `precision/recall/f1_score(zero_division=0)`); checked against
 * `tests/fixtures/reference/metrics-sklearn.json` made by `scripts/ref_metrics.py`.
 *
 * Conventions
 * - `labels[i] !== 0` means row i is anomalous (the positive class).
 * - Predicted anomalous ⇔ `score > threshold`, strictly (the seed notebook's `mse > threshold`).
 *   The curves follow sklearn instead: their point i counts rows with `score >= thresholds[i]`.
 * - Ratios with a zero denominator are 0 (sklearn's `zero_division=0`), except where sklearn
 *   gives something else: a ROC curve with no negatives has fpr = NaN (no positives: tpr = NaN),
 *   and the AUC of a single-class set is NaN (sklearn raises).
 * - NaN scores throw a `RangeError` (sklearn rejects them too); ±Infinity is accepted.
 * - One sort per score set: `LabelledScores` sorts positives and negatives once (native typed-array
 *   sort, O(n log n)); curves come from one merge pass and a threshold move is O(log n).
 */
import { SortedScores } from './threshold';

type Floats = Float32Array | Float64Array;

export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** False positive rate fp / (fp + tn). */
  readonly fpr: number;
}

export interface RocCurve {
  /** Increasing false positive rates; point i counts rows with score ≥ thresholds[i]. */
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Decreasing; thresholds[0] = max(score) + 1 (sklearn ≤ 1.2), meaning "nothing flagged". */
  readonly thresholds: Float64Array;
}

export interface PrecisionRecallCurve {
  /** n_thresholds + 1 values; the last is 1. */
  readonly precision: Float64Array;
  /** n_thresholds + 1 values, decreasing; the last is 0. */
  readonly recall: Float64Array;
  /** Increasing distinct scores. */
  readonly thresholds: Float64Array;
}

/** Cumulative counts per distinct score, from the highest score down (sklearn's `_binary_clf_curve`). */
export interface BinaryClfCurve {
  /** Negatives with score ≥ thresholds[i]. */
  readonly fps: Float64Array;
  /** Positives with score ≥ thresholds[i]. */
  readonly tps: Float64Array;
  /** Distinct scores, decreasing. */
  readonly thresholds: Float64Array;
}

export interface BestF1 extends Confusion {
  /**
   * The threshold (predicted anomalous ⇔ score > threshold) with the highest F1; ties go to the
   * highest threshold (fewest alarms). Always one of the scores, or −Infinity when flagging every
   * row is strictly best.
   */
  readonly threshold: number;
}

/** Confusion counts and the derived ratios (zero denominators give 0). */
export function confusionFromCounts(tp: number, fp: number, tn: number, fn: number): Confusion {
  const n = tp + fp + tn + fn;
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  // sklearn computes 2PR / (P + R) (0 when P + R = 0); this equals 2tp / (2tp + fp + fn) up to
  // rounding and is what sklearn does, so follow it.
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    tp,
    fp,
    tn,
    fn,
    accuracy: ratio(tp + tn, n),
    precision,
    recall,
    f1,
    fpr: ratio(fp, fp + tn),
  };
}

function checkLengths(scores: Floats, labels: Uint8Array): void {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `metrics: ${scores.length} scores but ${labels.length} labels (they must be the same rows)`,
    );
  }
}

const NAN_MESSAGE =
  'metrics: scores contain NaN (did the model diverge?); metrics need a number for every row';

/**
 * Scores split by label and sorted once. Build one per evaluated set, then ask it for curves and
 * for the confusion at any threshold.
 */
export class LabelledScores {
  /** Scores of the anomalous rows, ascending. */
  readonly positives: SortedScores;
  /** Scores of the normal rows, ascending. */
  readonly negatives: SortedScores;
  /** numpy keeps float32 arithmetic for float32 input; we mirror it where sklearn adds 1. */
  readonly float32: boolean;
  #curve: BinaryClfCurve | undefined;

  constructor(scores: Floats, labels: Uint8Array) {
    checkLengths(scores, labels);
    const n = scores.length;
    let nPos = 0;
    for (let i = 0; i < n; i++) if (labels[i] !== 0) nPos++;
    const pos = new Float64Array(nPos);
    const neg = new Float64Array(n - nPos);
    let p = 0;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const s = scores[i];
      if (s !== s) throw new RangeError(NAN_MESSAGE);
      if (labels[i] !== 0) pos[p++] = s;
      else neg[q++] = s;
    }
    this.positives = new SortedScores(pos.sort(), { sorted: true });
    this.negatives = new SortedScores(neg.sort(), { sorted: true });
    this.float32 = scores instanceof Float32Array;
  }

  get nPositive(): number {
    return this.positives.length;
  }

  get nNegative(): number {
    return this.negatives.length;
  }

  /** Confusion with predicted anomalous ⇔ score > threshold, O(log n). */
  confusionAt(threshold: number): Confusion {
    const tp = this.positives.countAbove(threshold);
    const fp = this.negatives.countAbove(threshold);
    return confusionFromCounts(tp, fp, this.nNegative - fp, this.nPositive - tp);
  }

  /** sklearn's `_binary_clf_curve`: one merge pass over the two sorted arrays (cached). */
  binaryClfCurve(): BinaryClfCurve {
    if (this.#curve) return this.#curve;
    const pos = this.positives.values;
    const neg = this.negatives.values;
    const cap = pos.length + neg.length;
    const fps = new Float64Array(cap);
    const tps = new Float64Array(cap);
    const thresholds = new Float64Array(cap);
    let i = pos.length - 1;
    let j = neg.length - 1;
    let tp = 0;
    let fp = 0;
    let k = 0;
    while (i >= 0 || j >= 0) {
      let v: number;
      if (i < 0) v = neg[j];
      else if (j < 0) v = pos[i];
      else v = pos[i] >= neg[j] ? pos[i] : neg[j];
      while (i >= 0 && pos[i] === v) {
        tp++;
        i--;
      }
      while (j >= 0 && neg[j] === v) {
        fp++;
        j--;
      }
      fps[k] = fp;
      tps[k] = tp;
      thresholds[k] = v;
      k++;
    }
    this.#curve = {
      fps: fps.slice(0, k),
      tps: tps.slice(0, k),
      thresholds: thresholds.slice(0, k),
    };
    return this.#curve;
  }

  /** sklearn `roc_curve(drop_intermediate=True)`. */
  rocCurve(): RocCurve {
    const { fps, tps, thresholds } = this.binaryClfCurve();
    const m = fps.length;
    // Keep the ends and every point where the curve bends (nonzero second difference); collinear
    // points add nothing to a plot or to the area.
    const keep: number[] = [];
    if (m > 2) {
      keep.push(0);
      for (let k = 1; k < m - 1; k++) {
        if (
          fps[k + 1] - 2 * fps[k] + fps[k - 1] !== 0 ||
          tps[k + 1] - 2 * tps[k] + tps[k - 1] !== 0
        ) {
          keep.push(k);
        }
      }
      keep.push(m - 1);
    } else {
      for (let k = 0; k < m; k++) keep.push(k);
    }
    const len = keep.length + 1;
    const fpr = new Float64Array(len);
    const tpr = new Float64Array(len);
    const thr = new Float64Array(len);
    const nNeg = m ? fps[m - 1] : 0;
    const nPos = m ? tps[m - 1] : 0;
    const first = m ? thresholds[0] + 1 : NaN;
    thr[0] = this.float32 ? Math.fround(first) : first;
    fpr[0] = nNeg > 0 ? 0 : NaN;
    tpr[0] = nPos > 0 ? 0 : NaN;
    for (let a = 0; a < keep.length; a++) {
      const k = keep[a];
      fpr[a + 1] = nNeg > 0 ? fps[k] / nNeg : NaN;
      tpr[a + 1] = nPos > 0 ? tps[k] / nPos : NaN;
      thr[a + 1] = thresholds[k];
    }
    return { fpr, tpr, thresholds: thr };
  }

  /** sklearn `roc_auc_score`: trapezoid over the ROC points (ties are diagonal steps); NaN for one class. */
  rocAuc(): number {
    if (this.nPositive === 0 || this.nNegative === 0) return NaN;
    const { fpr, tpr } = this.rocCurve();
    let area = 0;
    for (let k = 1; k < fpr.length; k++) {
      area += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
    }
    return area;
  }

  /** sklearn `precision_recall_curve` (1.2: every distinct score is a threshold). */
  precisionRecallCurve(): PrecisionRecallCurve {
    const { fps, tps, thresholds } = this.binaryClfCurve();
    const m = fps.length;
    const precision = new Float64Array(m + 1);
    const recall = new Float64Array(m + 1);
    const thr = new Float64Array(m);
    const nPos = m ? tps[m - 1] : 0;
    for (let k = 0; k < m; k++) {
      const r = m - 1 - k; // sklearn reverses to increasing thresholds
      const ps = tps[k] + fps[k];
      precision[r] = ps === 0 ? 0 : tps[k] / ps;
      // sklearn: with no positives, recall is 1 at every threshold (and warns).
      recall[r] = nPos === 0 ? 1 : tps[k] / nPos;
      thr[r] = thresholds[k];
    }
    precision[m] = 1;
    recall[m] = 0;
    return { precision, recall, thresholds: thr };
  }

  /** sklearn `average_precision_score`: Σ (R_k − R_{k−1}) P_k, the step-function integral. */
  averagePrecision(): number {
    const { precision, recall } = this.precisionRecallCurve();
    let sum = 0;
    for (let k = 0; k < recall.length - 1; k++) sum += (recall[k + 1] - recall[k]) * precision[k];
    return -sum;
  }

  /** The threshold maximising F1 under "anomalous ⇔ score > threshold", from one scan of the curve. */
  bestF1Threshold(): BestF1 {
    const { fps, tps, thresholds } = this.binaryClfCurve();
    const nPos = this.nPositive;
    const nNeg = this.nNegative;
    const m = thresholds.length;
    // Candidate k (0 ≤ k < m): threshold = thresholds[k]; flagged = rows with score > thresholds[k],
    // i.e. the rows counted at k − 1. Candidate m: flag everything (threshold −Infinity).
    let bestK = -1;
    let bestF1 = -1;
    for (let k = 0; k <= m; k++) {
      const tp = k === 0 ? 0 : tps[k - 1];
      const fp = k === 0 ? 0 : fps[k - 1];
      const denom = 2 * tp + fp + (nPos - tp);
      const f1 = denom === 0 ? 0 : (2 * tp) / denom;
      if (f1 > bestF1) {
        bestF1 = f1;
        bestK = k;
      }
    }
    if (bestK < 0 || m === 0) return { threshold: NaN, ...confusionFromCounts(0, 0, nNeg, nPos) };
    const tp = bestK === 0 ? 0 : tps[bestK - 1];
    const fp = bestK === 0 ? 0 : fps[bestK - 1];
    const threshold = bestK === m ? -Infinity : thresholds[bestK];
    return { threshold, ...confusionFromCounts(tp, fp, nNeg - fp, nPos - tp) };
  }
}

/** sklearn `roc_curve(y, scores)` (drop_intermediate=True). */
export function rocCurve(scores: Floats, labels: Uint8Array): RocCurve {
  return new LabelledScores(scores, labels).rocCurve();
}

/** sklearn `roc_auc_score(y, scores)`; NaN when only one class is present (sklearn raises). */
export function rocAuc(scores: Floats, labels: Uint8Array): number {
  return new LabelledScores(scores, labels).rocAuc();
}

/** sklearn `precision_recall_curve(y, scores)`. */
export function precisionRecallCurve(scores: Floats, labels: Uint8Array): PrecisionRecallCurve {
  return new LabelledScores(scores, labels).precisionRecallCurve();
}

/** sklearn `average_precision_score(y, scores)`. */
export function averagePrecision(scores: Floats, labels: Uint8Array): number {
  return new LabelledScores(scores, labels).averagePrecision();
}

/**
 * Confusion matrix and ratios with predicted anomalous ⇔ score > threshold (strictly), one pass,
 * no sort. NaN scores throw.
 */
export function confusion(scores: Floats, labels: Uint8Array, threshold: number): Confusion {
  checkLengths(scores, labels);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s !== s) throw new RangeError(NAN_MESSAGE);
    const predicted = s > threshold;
    if (labels[i] !== 0) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  return confusionFromCounts(tp, fp, tn, fn);
}

/** The F1-maximising threshold (see `LabelledScores.bestF1Threshold`). */
export function bestF1Threshold(scores: Floats, labels: Uint8Array): BestF1 {
  return new LabelledScores(scores, labels).bestF1Threshold();
}
