/**
 * Thresholds over anomaly scores (per-row reconstruction errors).
 *
 * The default threshold is the 99.9th percentile of the training errors (DESIGN §5), computed as
 * `np.percentile(x, 99.9)` does. Moving the threshold afterwards must be cheap: `SortedScores`
 * sorts once and answers every later question by binary search, O(log n).
 */

type Floats = Float32Array | Float64Array;

/**
 * numpy's default (`method='linear'`) percentile of an ascending array, q in [0, 100].
 *
 * Mirrors numpy 1.24 `_quantile`: virtual index `(q / 100) × (n − 1)`, then numpy's `_lerp`
 * (`a + (b − a)·t`, or `b − (b − a)·(1 − t)` when t ≥ 0.5, which keeps the result monotone).
 * `sorted` must be ascending as `TypedArray.prototype.sort` leaves it, NaN last; like numpy, any
 * NaN gives NaN. An empty array gives NaN (numpy raises). Infinities: see below.
 */
export function percentile(sorted: Floats, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile: q must be in [0, 100], got ${q}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  if (Number.isNaN(sorted[n - 1])) return NaN;
  const virtual = (q / 100) * (n - 1);
  const lo = Math.floor(virtual);
  const hi = Math.min(lo + 1, n - 1);
  const t = virtual - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // numpy returns NaN whenever an infinity takes part in the lerp (even at t = 0, since ∞ · 0 is
  // NaN). A threshold of NaN is useless, so we deviate there only: the exact element when t = 0 or
  // a = b, and the limit (±Infinity) when one side is infinite.
  if (t === 0 || a === b) return a;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a + b;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** `Float64Array` copy of `scores`, ascending, NaN removed. */
function sortedFinite(scores: Floats | readonly number[]): { values: Float64Array; nan: number } {
  const values = Float64Array.from(scores).sort();
  // TypedArray sort puts NaN last.
  let end = values.length;
  while (end > 0 && Number.isNaN(values[end - 1])) end--;
  return { values: end === values.length ? values : values.slice(0, end), nan: values.length - end };
}

/**
 * Scores sorted once (ascending, as float64; NaN dropped and counted in `nanCount`) with O(log n)
 * queries. Every fraction is over the non-NaN scores.
 */
export class SortedScores {
  readonly values: Float64Array;
  readonly nanCount: number;

  /**
   * `options.sorted`: `scores` is already an ascending Float64Array without NaN and is adopted
   * as is (no copy); the caller must not modify it afterwards.
   */
  constructor(scores: Floats | readonly number[], options?: { sorted?: boolean }) {
    if (options?.sorted && scores instanceof Float64Array) {
      this.values = scores;
      this.nanCount = 0;
      return;
    }
    const { values, nan } = sortedFinite(scores);
    this.values = values;
    this.nanCount = nan;
  }

  /** Number of (non-NaN) scores. */
  get length(): number {
    return this.values.length;
  }

  /** Number of scores ≤ threshold (upper bound). */
  countAtOrBelow(threshold: number): number {
    const v = this.values;
    if (Number.isNaN(threshold)) return 0;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid] <= threshold) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Number of scores strictly greater than `threshold`: the rows flagged anomalous. */
  countAbove(threshold: number): number {
    if (Number.isNaN(threshold)) return 0;
    return this.values.length - this.countAtOrBelow(threshold);
  }

  /** Fraction of scores ≤ threshold, in [0, 1] (NaN when there are no scores). */
  rankOf(threshold: number): number {
    const n = this.values.length;
    return n === 0 ? NaN : this.countAtOrBelow(threshold) / n;
  }

  /** `np.percentile(scores, q)` over the non-NaN scores. */
  percentile(q: number): number {
    return percentile(this.values, q);
  }

  get min(): number {
    return this.values.length ? this.values[0] : NaN;
  }

  get max(): number {
    return this.values.length ? this.values[this.values.length - 1] : NaN;
  }
}
