/**
 * Per-row helpers over the error array: the top rows by error (anomalies log), the rows over the
 * threshold (export), the features that contribute most to one row's error, the colour groups
 * of the per-row charts, and a thinned set of points for the per-row scatter.
 */
import type { CsvCell } from '../../lib/ml/csv-export';
import { attackFamily, looksLikeKdd, FAMILIES } from './families';

/**
 * The `k` rows with the largest error, largest first (ties: lower row first). NaN errors are
 * skipped. One pass with a small sorted buffer: O(n) for the usual case, k ≤ a few hundred.
 */
export function topRows(mse: ArrayLike<number>, k: number): Uint32Array {
  const want = Math.max(0, Math.floor(k));
  const rows: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < mse.length; i++) {
    const v = mse[i];
    if (v !== v) continue;
    if (rows.length === want && !(v > vals[want - 1])) continue;
    // Insert after equal values so that earlier rows win ties.
    let at = rows.length;
    while (at > 0 && vals[at - 1] < v) at--;
    rows.splice(at, 0, i);
    vals.splice(at, 0, v);
    if (rows.length > want) {
      rows.pop();
      vals.pop();
    }
  }
  return Uint32Array.from(rows);
}

/** Rows with error > threshold (the flagged rows), ascending. */
export function flaggedRows(mse: ArrayLike<number>, threshold: number): Uint32Array {
  let n = 0;
  for (let i = 0; i < mse.length; i++) if (mse[i] > threshold) n++;
  const out = new Uint32Array(n);
  let o = 0;
  for (let i = 0; i < mse.length; i++) if (mse[i] > threshold) out[o++] = i;
  return out;
}

export interface FeatureContribution {
  readonly feature: string;
  readonly sqErr: number;
  /** Share of the row's summed squared error, in [0, 1]. */
  readonly share: number;
}

/** The `k` features with the largest squared reconstruction error, largest first. */
export function topFeatures(features: readonly string[], sqErr: ArrayLike<number>, k: number): FeatureContribution[] {
  let total = 0;
  const idx: number[] = [];
  for (let j = 0; j < sqErr.length; j++) {
    const e = sqErr[j];
    if (e === e) {
      total += e;
      idx.push(j);
    }
  }
  idx.sort((a, b) => sqErr[b] - sqErr[a] || a - b);
  return idx.slice(0, Math.max(0, k)).map((j) => ({
    feature: features[j] ?? `feature ${j}`,
    sqErr: sqErr[j],
    share: total > 0 ? sqErr[j] / total : 0,
  }));
}

/** One CSV row per flagged row: its index, its error, then its values. */
export function flaggedCsvRows(
  rowIndex: ArrayLike<number>,
  mse: ArrayLike<number>,
  values: readonly (readonly CsvCell[])[],
): CsvCell[][] {
  const out: CsvCell[][] = [];
  for (let r = 0; r < values.length; r++) {
    const row = rowIndex[r];
    out.push([row, mse[row], ...values[r]]);
  }
  return out;
}

export const CSV_PREFIX_COLUMNS: readonly string[] = ['row', 'reconstruction_mse'];

/** What the per-row charts colour by. */
export interface ColourGroups {
  /** Group id per row. */
  readonly group: Uint8Array;
  readonly names: readonly string[];
  /** What the groups are, for a legend title. */
  readonly by: 'family' | 'class' | 'label' | 'none';
}

/** At most this many classes are coloured one by one; more are grouped. */
const MAX_CLASS_GROUPS = 6;

/**
 * Colour groups: NSL-KDD families (normal, DoS, Probe, R2L, U2R, other) when the label looks
 * like NSL-KDD's; the classes themselves when there are few; normal vs anomalous otherwise;
 * one group without a label.
 */
export function colourGroups(input: {
  readonly n: number;
  readonly isAnomaly: Uint8Array | null;
  readonly classCodes: Int32Array | null;
  readonly classNames: readonly string[];
}): ColourGroups {
  const { n, isAnomaly, classCodes, classNames } = input;
  const group = new Uint8Array(n);
  if (!isAnomaly) return { group, names: ['all rows'], by: 'none' };
  if (classCodes && classCodes.length === n && classNames.length > 0) {
    const k = classNames.length;
    const rows = new Float64Array(k);
    const anomalous = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = classCodes[i];
      if (c < 0 || c >= k) continue;
      rows[c]++;
      if (isAnomaly[i]) anomalous[c]++;
    }
    const isAttack = (c: number): boolean => anomalous[c] * 2 > rows[c];
    if (looksLikeKdd(classNames, rows, isAttack)) {
      const names = ['normal', ...FAMILIES, 'other attack'];
      const familyGroup = classNames.map((name) => {
        const f = attackFamily(name);
        return f === null ? names.length - 1 : 1 + FAMILIES.indexOf(f);
      });
      for (let i = 0; i < n; i++) {
        const c = classCodes[i];
        group[i] = !isAnomaly[i] ? 0 : c >= 0 && c < k ? familyGroup[c] : names.length - 1;
      }
      return { group, names, by: 'family' };
    }
    if (k <= MAX_CLASS_GROUPS) {
      const names = [...classNames, 'missing'];
      for (let i = 0; i < n; i++) {
        const c = classCodes[i];
        group[i] = c >= 0 && c < k ? c : k;
      }
      return { group, names, by: 'class' };
    }
  }
  for (let i = 0; i < n; i++) group[i] = isAnomaly[i] ? 1 : 0;
  return { group, names: ['normal', 'anomalous'], by: 'label' };
}

export interface ScatterSample {
  readonly row: Uint32Array;
  readonly mse: Float32Array;
  readonly group: Uint8Array;
  /** Rows in the set. */
  readonly total: number;
  /** Rows not drawable on a log axis (error ≤ 0 or NaN). */
  readonly undrawable: number;
  /** Whether every drawable row is in the sample. */
  readonly complete: boolean;
}

export interface ScatterSampleOptions {
  /** Up to this many rows, every row is drawn (default 10,000). */
  readonly maxAll?: number;
  /** Rows with the largest errors that are always drawn (default 2,000). */
  readonly top?: number;
  /** Row windows in which each group's lowest and highest error are kept (default 300). */
  readonly windows?: number;
  /** Rows taken at an even stride through the file, to show where the bulk lies (default 4,000). */
  readonly uniform?: number;
}

/**
 * The points of the per-row error chart. Drawn as SVG (our CSP rules out Plotly's WebGL trace,
 * which compiles shaders with `Function`), so large sets are thinned in a way that keeps what
 * the chart is for: every one of the `top` largest errors; per window of consecutive rows the
 * lowest and highest error of each colour group (the envelope of every group along the file);
 * and rows at an even stride, so that the dense middle of each group shows too.
 */
export function scatterSample(mse: Float32Array, group: Uint8Array, options: ScatterSampleOptions = {}): ScatterSample {
  const n = mse.length;
  const maxAll = options.maxAll ?? 10_000;
  const drawable = (v: number): boolean => v > 0 && v < Infinity;
  let undrawable = 0;
  for (let i = 0; i < n; i++) if (!drawable(mse[i])) undrawable++;
  const keep = new Uint8Array(n);
  let complete = false;
  if (n - undrawable <= maxAll) {
    for (let i = 0; i < n; i++) if (drawable(mse[i])) keep[i] = 1;
    complete = true;
  } else {
    const top = Math.max(0, Math.floor(options.top ?? 2000));
    if (top > 0) {
      const sorted = Float32Array.from(mse).sort(); // NaN sorts last
      let end = n;
      while (end > 0 && Number.isNaN(sorted[end - 1])) end--;
      const cutoff = sorted[Math.max(0, end - top)];
      for (let i = 0; i < n; i++) if (drawable(mse[i]) && mse[i] >= cutoff) keep[i] = 1;
    }
    const uniform = Math.max(0, Math.floor(options.uniform ?? 4000));
    if (uniform > 0) {
      const stride = Math.max(1, Math.ceil(n / uniform));
      for (let i = 0; i < n; i += stride) if (drawable(mse[i])) keep[i] = 1;
    }
    const windows = Math.max(1, Math.floor(options.windows ?? 300));
    const size = Math.ceil(n / windows);
    let nGroups = 1;
    for (let i = 0; i < n; i++) if (group[i] + 1 > nGroups) nGroups = group[i] + 1;
    const lo = new Int32Array(nGroups);
    const hi = new Int32Array(nGroups);
    for (let start = 0; start < n; start += size) {
      lo.fill(-1);
      hi.fill(-1);
      const end = Math.min(n, start + size);
      for (let i = start; i < end; i++) {
        const v = mse[i];
        if (!drawable(v)) continue;
        const g = group[i];
        if (lo[g] < 0 || v < mse[lo[g]]) lo[g] = i;
        if (hi[g] < 0 || v > mse[hi[g]]) hi[g] = i;
      }
      for (let g = 0; g < nGroups; g++) {
        if (lo[g] >= 0) keep[lo[g]] = 1;
        if (hi[g] >= 0) keep[hi[g]] = 1;
      }
    }
  }
  let m = 0;
  for (let i = 0; i < n; i++) m += keep[i];
  const row = new Uint32Array(m);
  const y = new Float32Array(m);
  const g = new Uint8Array(m);
  let o = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    row[o] = i;
    y[o] = mse[i];
    g[o] = group[i];
    o++;
  }
  return { row, mse: y, group: g, total: n, undrawable, complete };
}
