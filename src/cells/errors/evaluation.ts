/**
 * The evaluation of one scored set (the dataset or a test file) at any threshold.
 *
 * Everything that depends on the rows is done once, when the set arrives: the scores are split
 * by label and by class and each part is sorted (`LabelledScores`, `SortedScores`), the ROC and
 * PR curves and their areas are computed. A threshold move then costs a binary search per
 * class — O(k log n) for k classes — and touches no per-row array (DESIGN: < 100 ms per move at
 * 126k rows; measured in evaluation.test.ts).
 */
import { LabelledScores, type Confusion } from '../../lib/ml/metrics';
import { SortedScores } from '../../lib/ml/threshold';
import { FAMILIES, attackFamily, isNormalName, looksLikeKdd, type AttackFamily } from './families';

/** What the evaluation needs from a scored set (a subset of `ScoredRows`). */
export interface EvaluationInput {
  readonly mse: Float32Array;
  readonly isAnomaly: Uint8Array | null;
  readonly classCodes: Int32Array | null;
  readonly classNames: readonly string[];
}

/** Rows of one class or family, sorted once. */
interface Part {
  readonly name: string;
  readonly family: AttackFamily | 'other' | null;
  /** Rows of this part are anomalous (an attack class); false for the normal class. */
  readonly anomalous: boolean;
  readonly scores: SortedScores;
}

/** Detection at one threshold for one class or family. */
export interface PartRate {
  readonly name: string;
  readonly family: AttackFamily | 'other' | null;
  readonly anomalous: boolean;
  readonly n: number;
  /** Rows with score > threshold. */
  readonly flagged: number;
  /** flagged / n: the detection rate of an attack class, the false-alarm rate of the normal class. */
  readonly rate: number;
}

export interface EvaluationAt {
  readonly threshold: number;
  readonly n: number;
  readonly flagged: number;
  readonly flaggedFraction: number;
  /** Null when the set has no label. */
  readonly confusion: Confusion | null;
  /** Per class of the label column, largest first (empty without classes). */
  readonly classes: readonly PartRate[];
  /** Per NSL-KDD family (normal first); empty when the classes do not look like NSL-KDD. */
  readonly families: readonly PartRate[];
}

/** A curve thinned for drawing: at most a few thousand points, ends kept. */
export interface CurvePoints {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/**
 * Keeps a point when it moved at least `step` from the last kept point in x or y, and always
 * the first and last points; NaN points are left out. ROC and PR curves at 126k rows have tens
 * of thousands of points, far more than a chart can show.
 */
export function thinCurve(x: ArrayLike<number>, y: ArrayLike<number>, step = 1 / 1500): CurvePoints {
  const xs: number[] = [];
  const ys: number[] = [];
  const n = Math.min(x.length, y.length);
  let lastX = NaN;
  let lastY = NaN;
  let pendingX = NaN;
  let pendingY = NaN;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    if (xs.length === 0 || Math.abs(a - lastX) >= step || Math.abs(b - lastY) >= step) {
      xs.push(a);
      ys.push(b);
      lastX = a;
      lastY = b;
      pendingX = NaN;
    } else {
      pendingX = a;
      pendingY = b;
    }
  }
  if (!Number.isNaN(pendingX)) {
    xs.push(pendingX);
    ys.push(pendingY);
  }
  return { x: xs, y: ys };
}

function rateOf(part: Part, threshold: number): PartRate {
  const n = part.scores.length;
  const flagged = part.scores.countAbove(threshold);
  return { name: part.name, family: part.family, anomalous: part.anomalous, n, flagged, rate: n === 0 ? NaN : flagged / n };
}

/**
 * Splits the scores by class code in one counting pass: one Float64Array partitioned into
 * per-class runs, each sorted in place and adopted by a `SortedScores` (no further copies).
 */
function splitByClass(mse: Float32Array, codes: Int32Array, nClasses: number): Float64Array[] {
  const counts = new Int32Array(nClasses);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && c < nClasses && mse[i] === mse[i]) counts[c]++;
  }
  const starts = new Int32Array(nClasses + 1);
  for (let c = 0; c < nClasses; c++) starts[c + 1] = starts[c] + counts[c];
  const all = new Float64Array(starts[nClasses]);
  const fill = starts.slice(0, nClasses);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    const s = mse[i];
    if (c >= 0 && c < nClasses && s === s) all[fill[c]++] = s;
  }
  const parts: Float64Array[] = [];
  for (let c = 0; c < nClasses; c++) parts.push(all.subarray(starts[c], starts[c + 1]).sort());
  return parts;
}

function concatSorted(arrays: readonly Float64Array[]): Float64Array {
  let n = 0;
  for (const a of arrays) n += a.length;
  const out = new Float64Array(n);
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out.sort();
}

/** Merges two ascending arrays into one ascending array (O(n), no sort). */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length && j < b.length) out[o++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[o++] = a[i++];
  while (j < b.length) out[o++] = b[j++];
  return out;
}

interface EvaluationParts {
  readonly all: SortedScores;
  readonly labelled: LabelledScores | null;
  readonly auc: number;
  readonly averagePrecision: number;
  readonly prevalence: number;
  readonly roc: CurvePoints | null;
  readonly pr: CurvePoints | null;
  readonly classParts: readonly Part[];
  readonly familyParts: readonly Part[];
}

/** Nothing to wait for (tests, small sets). */
const noPause = (): Promise<void> => Promise.resolve();

/**
 * Builds the evaluation of a scored set. At 126k rows this is several sorts (~0.1–0.25 s on a
 * busy 2-core machine); `pause` is awaited between the steps so that the main thread is given
 * back in between instead of being held in one long task.
 */
export async function buildEvaluation(input: EvaluationInput, pause: () => Promise<void> = noPause): Promise<EvaluationModel> {
  const { mse, isAnomaly, classCodes, classNames } = input;
  let labelled: LabelledScores | null = null;
  let all: SortedScores;
  let auc = NaN;
  let ap = NaN;
  let prevalence = NaN;
  let roc: CurvePoints | null = null;
  let pr: CurvePoints | null = null;
  if (isAnomaly) {
    // LabelledScores rejects NaN scores with a clear message (a diverged model).
    labelled = new LabelledScores(mse, isAnomaly);
    all = new SortedScores(mergeSorted(labelled.positives.values, labelled.negatives.values), { sorted: true });
    await pause();
    auc = labelled.rocAuc();
    prevalence = labelled.nPositive / Math.max(1, labelled.nPositive + labelled.nNegative);
    const rocCurve = labelled.rocCurve();
    if (labelled.nPositive > 0 && labelled.nNegative > 0) roc = thinCurve(rocCurve.fpr, rocCurve.tpr);
    if (labelled.nPositive > 0) {
      ap = labelled.averagePrecision();
      const prCurve = labelled.precisionRecallCurve();
      pr = thinCurve(prCurve.recall, prCurve.precision);
    }
    await pause();
  } else {
    all = new SortedScores(mse);
  }
  const { classParts, familyParts } = classCodes && classCodes.length === mse.length && classNames.length > 0 ? splitParts(mse, isAnomaly, classCodes, classNames) : { classParts: [], familyParts: [] };
  return new EvaluationModel({ all, labelled, auc, averagePrecision: ap, prevalence, roc, pr, classParts, familyParts });
}

/** Per-class and per-family sorted scores. */
function splitParts(
  mse: Float32Array,
  isAnomaly: Uint8Array | null,
  classCodes: Int32Array,
  classNames: readonly string[],
): { classParts: Part[]; familyParts: Part[] } {
  const classParts: Part[] = [];
  const familyParts: Part[] = [];
  const k = classNames.length;
  const sorted = splitByClass(mse, classCodes, k);
  // A class is anomalous when most of its rows are (the label's normal value decides).
  const anomalousRows = new Int32Array(k);
  const rows = new Int32Array(k);
  for (let i = 0; i < classCodes.length; i++) {
    const c = classCodes[i];
    if (c < 0 || c >= k) continue;
    rows[c]++;
    if (isAnomaly ? isAnomaly[i] !== 0 : !isNormalName(classNames[c])) anomalousRows[c]++;
  }
  const isAttack = (c: number): boolean => anomalousRows[c] * 2 > rows[c];
  const kdd = looksLikeKdd(classNames, rows, isAttack);
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => rows[c] > 0)
    .sort((a, b) => rows[b] - rows[a] || a - b);
  for (const c of order) {
    const attack = isAttack(c);
    const family = attack && kdd ? (attackFamily(classNames[c]) ?? 'other') : null;
    classParts.push({ name: classNames[c], family, anomalous: attack, scores: new SortedScores(sorted[c], { sorted: true }) });
  }
  if (kdd) {
    const normal = order.filter((c) => !isAttack(c));
    if (normal.length > 0) {
      familyParts.push({ name: 'normal', family: null, anomalous: false, scores: new SortedScores(concatSorted(normal.map((c) => sorted[c])), { sorted: true }) });
    }
    for (const family of [...FAMILIES, 'other' as const]) {
      const members = order.filter((c) => isAttack(c) && (attackFamily(classNames[c]) ?? 'other') === family);
      if (members.length === 0) continue;
      const scores = new SortedScores(concatSorted(members.map((c) => sorted[c])), { sorted: true });
      familyParts.push({ name: family === 'other' ? 'other attacks' : family, family, anomalous: true, scores });
    }
  }
  return { classParts, familyParts };
}

export class EvaluationModel {
  /** All (non-NaN) scores, sorted: flagged counts with or without a label. */
  readonly all: SortedScores;
  /** Null without a label. */
  readonly labelled: LabelledScores | null;
  readonly auc: number;
  readonly averagePrecision: number;
  /** Fraction of anomalous rows (the PR curve's chance level); NaN without a label. */
  readonly prevalence: number;
  readonly roc: CurvePoints | null;
  readonly pr: CurvePoints | null;
  readonly classParts: readonly Part[];
  readonly familyParts: readonly Part[];

  constructor(parts: EvaluationParts) {
    this.all = parts.all;
    this.labelled = parts.labelled;
    this.auc = parts.auc;
    this.averagePrecision = parts.averagePrecision;
    this.prevalence = parts.prevalence;
    this.roc = parts.roc;
    this.pr = parts.pr;
    this.classParts = parts.classParts;
    this.familyParts = parts.familyParts;
  }

  /** Everything that depends on the threshold: O(k log n), no per-row work. */
  at(threshold: number): EvaluationAt {
    const flagged = this.all.countAbove(threshold);
    const n = this.all.length;
    return {
      threshold,
      n,
      flagged,
      flaggedFraction: n === 0 ? NaN : flagged / n,
      confusion: this.labelled ? this.labelled.confusionAt(threshold) : null,
      classes: this.classParts.map((p) => rateOf(p, threshold)),
      families: this.familyParts.map((p) => rateOf(p, threshold)),
    };
  }
}
