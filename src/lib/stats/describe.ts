/**
 * Per-column summaries for the EDA statistics table, defined to agree with pandas 1.5
 * (`Series.describe`, `skew`, `kurt`, `nunique`, `sum`) — the reference fixtures check 1e-9.
 *
 * Conventions (all pandas'):
 * - `count` is the number of non-missing values; ±Infinity are values, so they count. Once a
 *   column holds an infinity, `sum`/`mean` are ±Infinity (NaN if both signs occur) and
 *   `std`, `skew`, `kurtosis` are NaN (their deviations contain inf − inf).
 * - `std` has ddof = 1 (NaN for count < 2). `skew` is the adjusted Fisher–Pearson G1 (NaN for
 *   count < 3), `kurtosis` the bias-corrected excess G2 (NaN for count < 4).
 * - Like pandas (`nanops._zero_out_fperr`), a sum of squared deviations below 1e-14 counts as
 *   zero, and then skew and kurtosis are 0 — not NaN — for a constant (or near-constant) column.
 * - Quantiles: numpy "linear" (see quantile.ts). `distinct` = `nunique()`: −0 equals +0.
 * Other degenerate input (empty, all missing) gives NaN, never an exception.
 */
import { countAboveSorted, countBelowSorted, countDistinctSorted, quantileSorted, sortedNonMissing } from './quantile';

export interface NumericSummary {
  /** Non-missing values (finite + infinite), over the selection when an index is given. */
  readonly count: number;
  readonly missing: number;
  readonly infinite: number;
  readonly sum: number;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly max: number;
  readonly skew: number;
  readonly kurtosis: number;
  readonly zeros: number;
  /** Percentage (0–100) of the non-missing values that are zero; NaN when count is 0. */
  readonly zerosPct: number;
  readonly distinct: number;
}

/** pandas treats |x| < 1e-14 in the moment sums as floating-point noise. */
function zeroOutFpErr(x: number): number {
  return Math.abs(x) < 1e-14 ? 0 : x;
}

/** pandas `nanskew` from the count and the 2nd/3rd central sums. */
function skewFromSums(count: number, m2: number, m3: number): number {
  if (count < 3) return NaN;
  m2 = zeroOutFpErr(m2);
  m3 = zeroOutFpErr(m3);
  if (m2 === 0) return 0;
  return ((count * Math.sqrt(count - 1)) / (count - 2)) * (m3 / Math.pow(m2, 1.5));
}

/** pandas `nankurt` from the count and the 2nd/4th central sums. */
function kurtFromSums(count: number, m2: number, m4: number): number {
  if (count < 4) return NaN;
  const adj = (3 * (count - 1) ** 2) / ((count - 2) * (count - 3));
  const numerator = zeroOutFpErr(count * (count + 1) * (count - 1) * m4);
  const denominator = zeroOutFpErr((count - 2) * (count - 3) * m2 ** 2);
  if (denominator === 0) return 0;
  return numerator / denominator - adj;
}

export function describeNumeric(values: Float64Array, index?: Uint32Array): NumericSummary {
  // One sorted copy of the non-missing values serves everything: sums and central moments,
  // quantiles, min/max and the distinct count (one native sort per column).
  return describeSorted(sortedNonMissing(values, index), index ? index.length : values.length);
}

/**
 * `describeNumeric` from the selection's non-missing values already sorted ascending (as
 * `sortedNonMissing` gives them, e.g. from a presorted column) and the selection's size `n`
 * (missing = n − x.length).
 */
export function describeSorted(x: Float64Array, n: number): NumericSummary {
  const count = x.length;
  // The zeros (most of a traffic column) are one block [z0, z1) of the sorted values: they are
  // counted, not visited. Adding ±0 never changes a sum that starts at +0 (it cannot become −0),
  // so the sums below have the same bits as a visit of every value.
  const z0 = countBelowSorted(x, 0);
  const z1 = count - countAboveSorted(x, 0);
  const zeros = z1 - z0;
  let infinite = 0;
  for (let i = 0; i < count && x[i] === -Infinity; i++) infinite++;
  for (let i = count - 1; i >= 0 && x[i] === Infinity; i--) infinite++;
  let sum = 0;
  for (let i = 0; i < z0; i++) sum += x[i];
  for (let i = z1; i < count; i++) sum += x[i];

  const mean = count > 0 ? sum / count : NaN;
  let std = NaN;
  let skew = NaN;
  let kurtosis = NaN;
  if (infinite === 0 && count > 0) {
    // Two-pass central moments, as pandas computes them (more accurate than one-pass updates).
    // In sorted order: the negatives, the zeros (one constant deviation, added once per zero,
    // so the same additions in the same order), the positives.
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (let i = 0; i < z0; i++) {
      const d = x[i] - mean;
      const d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    if (zeros > 0) {
      const d = 0 - mean;
      const d2 = d * d;
      const d3 = d2 * d;
      const d4 = d2 * d2;
      for (let i = 0; i < zeros; i++) {
        m2 += d2;
        m3 += d3;
        m4 += d4;
      }
    }
    for (let i = z1; i < count; i++) {
      const d = x[i] - mean;
      const d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    std = count > 1 ? Math.sqrt(m2 / (count - 1)) : NaN;
    skew = skewFromSums(count, m2, m3);
    kurtosis = kurtFromSums(count, m2, m4);
  }
  // distinct values: those of the negatives, one for the zeros (−0 equals +0), the positives'
  const distinct = countDistinctSorted(x.subarray(0, z0)) + (zeros > 0 ? 1 : 0) + countDistinctSorted(x.subarray(z1));

  return {
    count,
    missing: n - count,
    infinite,
    sum,
    mean,
    std,
    min: count > 0 ? x[0] : NaN,
    p25: quantileSorted(x, 0.25),
    median: quantileSorted(x, 0.5),
    p75: quantileSorted(x, 0.75),
    max: count > 0 ? x[count - 1] : NaN,
    skew,
    kurtosis,
    zeros,
    zerosPct: count > 0 ? (100 * zeros) / count : NaN,
    distinct,
  };
}

export interface CategoricalSummary {
  /** Non-missing values. */
  readonly count: number;
  readonly missing: number;
  /** Categories that occur (in the selection). */
  readonly distinct: number;
  /** Most frequent category (ties: the lowest code, i.e. first in the dictionary); null if none. */
  readonly top: string | null;
  readonly topCount: number;
  /**
   * Frequency table, most frequent first (ties by code), categories with count 0 left out,
   * truncated to `maxValues` entries; `otherCount` is what the truncation left out.
   */
  readonly values: readonly string[];
  readonly counts: Float64Array;
  readonly otherCount: number;
}

export interface DescribeCategoricalOptions {
  /** Keep at most this many entries in the frequency table (default: all). */
  readonly maxValues?: number;
}

export function describeCategorical(
  codes: Int32Array,
  dictionary: readonly string[],
  index?: Uint32Array,
  options: DescribeCategoricalOptions = {},
): CategoricalSummary {
  const k = dictionary.length;
  const tally = new Float64Array(k);
  const n = index ? index.length : codes.length;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const c = index ? codes[index[i]] : codes[i];
    // Codes outside the dictionary are treated as missing rather than trusted.
    if (c >= 0 && c < k) tally[c]++;
    else missing++;
  }
  const present: number[] = [];
  for (let c = 0; c < k; c++) if (tally[c] > 0) present.push(c);
  // Array.prototype.sort is stable, so equal counts keep code order.
  present.sort((a, b) => tally[b] - tally[a]);
  const maxValues = Math.max(0, Math.floor(options.maxValues ?? Infinity));
  const kept = present.length > maxValues ? present.slice(0, maxValues) : present;
  let otherCount = 0;
  for (let i = kept.length; i < present.length; i++) otherCount += tally[present[i]];
  return {
    count: n - missing,
    missing,
    distinct: present.length,
    top: present.length > 0 ? dictionary[present[0]] : null,
    topCount: present.length > 0 ? tally[present[0]] : 0,
    values: kept.map((c) => dictionary[c]),
    counts: Float64Array.from(kept, (c) => tally[c]),
    otherCount,
  };
}
