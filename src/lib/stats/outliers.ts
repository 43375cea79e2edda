/**
 * Outlier counts and box-plot statistics.
 *
 * - `outliersIQR`: Tukey's fences q1 − k·IQR and q3 + k·IQR over the non-missing values
 *   (±Infinity included and, when the quartiles are finite, counted as outliers), quartiles by
 *   numpy's linear rule — the same as `(s < q1 - k*iqr).sum()` in pandas.
 * - `outliersZ`: |x − mean| / std > z with the sample std (ddof = 1), as
 *   `((s - s.mean()) / s.std()).abs() > z` in pandas. With std NaN (count < 2 or an infinite
 *   value) or 0 (constant column) no value is an outlier.
 * - `boxStats`: the numbers a box plot needs, over the finite values only (a plot cannot place
 *   ±Infinity; they are reported in `infinite`), with a bounded sample of the outliers so that a
 *   chart never ships 100k points.
 */
import { quantileSorted, sortedNonMissing } from './quantile';

export interface IqrOutliers {
  readonly count: number;
  readonly q1: number;
  readonly q3: number;
  readonly iqr: number;
  readonly lowerFence: number;
  readonly upperFence: number;
  readonly below: number;
  readonly above: number;
}

export function outliersIQR(values: Float64Array, k = 1.5, index?: Uint32Array): IqrOutliers {
  const sorted = sortedNonMissing(values, index);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const lowerFence = q1 - k * iqr;
  const upperFence = q3 + k * iqr;
  let below = 0;
  let above = 0;
  // Comparisons with a NaN fence are false, as in pandas.
  for (let i = 0; i < sorted.length && sorted[i] < lowerFence; i++) below++;
  for (let i = sorted.length - 1; i >= 0 && sorted[i] > upperFence; i--) above++;
  return { count: sorted.length, q1, q3, iqr, lowerFence, upperFence, below, above };
}

export interface ZOutliers {
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation (ddof = 1). */
  readonly std: number;
  readonly z: number;
  /** Values with (x − mean) / std < −z, and > z. */
  readonly below: number;
  readonly above: number;
  readonly total: number;
}

export function outliersZ(values: Float64Array, z = 3, index?: Uint32Array): ZOutliers {
  // The selection is gathered once (a plain loop), so the three passes below read a dense
  // array: the same values in the same order, so the same sums, as reading through the index.
  const x = index ? gather(values, index) : values;
  const n = x.length;
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === v) {
      count++;
      sum += v;
    }
  }
  const mean = count > 0 ? sum / count : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === v) ss += (v - mean) * (v - mean);
  }
  const std = count > 1 ? Math.sqrt(ss / (count - 1)) : NaN;
  let below = 0;
  let above = 0;
  for (let i = 0; i < n; i++) {
    // Same expression as pandas so that values on the boundary fall the same way.
    const score = (x[i] - mean) / std;
    if (score > z) above++;
    else if (score < -z) below++;
  }
  return { count, mean, std, z, below, above, total: below + above };
}

/**
 * `outliersZ` for a selection whose non-missing values are at hand sorted ascending (as
 * `sortedNonMissing(values, index)` gives them). The mean and the sum of squares are still
 * summed in row order (the same bits as `outliersZ`); the counting pass becomes two binary
 * searches, as the score (x − mean) / std never decreases as x grows (rounding is monotone),
 * so the values with score > z are a suffix of the sorted values and those with score < −z a
 * prefix — the same counts.
 */
export function outliersZSorted(values: Float64Array, sorted: Float64Array, z = 3, index?: Uint32Array): ZOutliers {
  const n = index ? index.length : values.length;
  const count = sorted.length;
  let sum = 0;
  if (index) {
    for (let i = 0; i < n; i++) {
      const v = values[index[i]];
      if (v === v) sum += v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === v) sum += v;
    }
  }
  const mean = count > 0 ? sum / count : NaN;
  let ss = 0;
  if (index) {
    for (let i = 0; i < n; i++) {
      const v = values[index[i]];
      if (v === v) ss += (v - mean) * (v - mean);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === v) ss += (v - mean) * (v - mean);
    }
  }
  const std = count > 1 ? Math.sqrt(ss / (count - 1)) : NaN;
  return outliersZMoments(sorted, mean, std, z);
}

/**
 * The z-score outlier counts of ascending non-missing values whose mean and sample std are
 * already known (e.g. from the statistics row of the same values: `describeSorted` sums in
 * sorted order, which can differ from the row-order sums of `outliersZ` in the last bit, so a
 * value exactly on the boundary may fall the other way). Two binary searches, as in
 * `outliersZSorted`.
 */
export function outliersZMoments(sorted: Float64Array, mean: number, std: number, z = 3): ZOutliers {
  const count = sorted.length;
  // first position whose score is > z; last position whose score is < −z
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] - mean) / std > z) hi = mid;
    else lo = mid + 1;
  }
  const above = count - lo;
  lo = 0;
  hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] - mean) / std < -z) lo = mid + 1;
    else hi = mid;
  }
  // a value cannot be both (the loop in outliersZ counts it once, as above)
  const below = Math.min(lo, count - above);
  return { count, mean, std, z, below, above, total: below + above };
}

function gather(values: Float64Array, index: Uint32Array): Float64Array {
  const out = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = values[index[i]];
  return out;
}

export interface BoxStats {
  /** Finite values used. */
  readonly n: number;
  readonly infinite: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly mean: number;
  readonly lowerFence: number;
  readonly upperFence: number;
  /** Most extreme values inside the fences (Tukey's whiskers). */
  readonly whiskerLow: number;
  readonly whiskerHigh: number;
  readonly outliersLow: number;
  readonly outliersHigh: number;
  /**
   * At most `maxOutliers` outlier values, ascending, spread evenly over the sorted outliers and
   * always including the most extreme ones (deterministic: no randomness).
   */
  readonly outlierSample: Float64Array;
}

export interface BoxStatsOptions {
  /** Fence multiplier (default 1.5). */
  readonly k?: number;
  /** Bound on `outlierSample` (default 200). */
  readonly maxOutliers?: number;
}

/** Evenly spaced picks from an ascending array, first and last always included. */
function evenSample(sorted: Float64Array, max: number): Float64Array {
  const n = sorted.length;
  if (n <= max) return Float64Array.from(sorted);
  if (max <= 0) return new Float64Array(0);
  if (max === 1) return Float64Array.of(sorted[n - 1]);
  const out = new Float64Array(max);
  for (let i = 0; i < max; i++) out[i] = sorted[Math.round((i * (n - 1)) / (max - 1))];
  return out;
}

export function boxStats(
  values: Float64Array,
  index?: Uint32Array,
  options: BoxStatsOptions = {},
): BoxStats {
  return boxStatsSorted(sortedNonMissing(values, index), options);
}

/** `boxStats` from the selection's non-missing values already sorted ascending (`sortedNonMissing`). */
export function boxStatsSorted(all: Float64Array, options: BoxStatsOptions = {}): BoxStats {
  const k = options.k ?? 1.5;
  const maxOutliers = Math.max(0, Math.floor(options.maxOutliers ?? 200));
  // Drop the infinities, which sort to the two ends.
  let lo = 0;
  let hi = all.length;
  while (lo < hi && all[lo] === -Infinity) lo++;
  while (hi > lo && all[hi - 1] === Infinity) hi--;
  const x = all.subarray(lo, hi);
  const n = x.length;
  const q1 = quantileSorted(x, 0.25);
  const median = quantileSorted(x, 0.5);
  const q3 = quantileSorted(x, 0.75);
  const iqr = q3 - q1;
  const lowerFence = q1 - k * iqr;
  const upperFence = q3 + k * iqr;
  let a = 0;
  while (a < n && x[a] < lowerFence) a++;
  let b = n;
  while (b > a && x[b - 1] > upperFence) b--;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  // Share the sample budget between the two tails in proportion to their sizes, keeping at
  // least one value of a non-empty tail when the budget allows.
  const nLow = a;
  const nHigh = n - b;
  let budgetLow = nLow + nHigh > 0 ? Math.round((maxOutliers * nLow) / (nLow + nHigh)) : 0;
  if (nLow > 0 && budgetLow === 0 && maxOutliers > (nHigh > 0 ? 1 : 0)) budgetLow = 1;
  if (nHigh > 0 && budgetLow === maxOutliers && maxOutliers > 1) budgetLow--;
  budgetLow = Math.min(nLow, budgetLow);
  const budgetHigh = Math.min(nHigh, maxOutliers - budgetLow);
  const low = evenSample(x.subarray(0, a), budgetLow);
  const high = evenSample(x.subarray(b, n), budgetHigh);
  const outlierSample = new Float64Array(low.length + high.length);
  outlierSample.set(low, 0);
  outlierSample.set(high, low.length);
  return {
    n,
    infinite: all.length - n,
    min: n > 0 ? x[0] : NaN,
    q1,
    median,
    q3,
    max: n > 0 ? x[n - 1] : NaN,
    mean: n > 0 ? sum / n : NaN,
    lowerFence,
    upperFence,
    whiskerLow: a < b ? x[a] : NaN,
    whiskerHigh: a < b ? x[b - 1] : NaN,
    outliersLow: nLow,
    outliersHigh: nHigh,
    outlierSample,
  };
}
