/**
 * Quantiles with pandas' default (numpy's "linear" method, type 7 of Hyndman & Fan).
 *
 * pandas' `Series.quantile` drops NaN and calls `np.percentile`, so ±Infinity are values:
 * they sort to the ends and, through numpy's interpolation formula, a quantile that touches an
 * infinite neighbour is NaN (inf − inf) even at an exact index — we reproduce that formula
 * (`lerp` below) so results agree bit for bit on finite data and in the infinite edge cases.
 */

/**
 * The non-missing values (NaN dropped, ±Infinity kept) of `values`, or of `values[index[i]]`,
 * copied into a new Float64Array and sorted ascending — the same array a full typed-array sort
 * gives (−0 before +0). Typed-array sort is numeric and native; as traffic columns are mostly
 * zeros (70% of NSL-KDD's cells), only the non-zero values are sorted and the zeros are then
 * filled in between the negatives and the positives, which halves the cost of describe.
 */
export function sortedNonMissing(values: Float64Array, index?: Uint32Array): Float64Array {
  const n = index ? index.length : values.length;
  const out = new Float64Array(n);
  let m = 0;
  let zeros = 0;
  let negZeros = 0;
  let negatives = 0;
  // Two copies of one loop so that the common no-index case has no per-element branch on it.
  if (index) {
    for (let i = 0; i < n; i++) {
      const v = values[index[i]];
      if (v !== v) continue;
      if (v === 0) {
        zeros++;
        if (1 / v < 0) negZeros++;
        continue;
      }
      if (v < 0) negatives++;
      out[m++] = v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v) continue;
      if (v === 0) {
        zeros++;
        if (1 / v < 0) negZeros++;
        continue;
      }
      if (v < 0) negatives++;
      out[m++] = v;
    }
  }
  out.subarray(0, m).sort();
  if (zeros > 0) {
    out.copyWithin(negatives + zeros, negatives, m);
    out.fill(-0, negatives, negatives + negZeros);
    out.fill(0, negatives + negZeros, negatives + zeros);
  }
  const total = m + zeros;
  return total === n ? out : out.subarray(0, total);
}

/** numpy's `_lerp`: the two-sided form keeps exactness at t = 1 and monotonicity. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of an ascending array without NaN, exactly as numpy's
 * `percentile(..., method="linear")` computes it. Empty input or q outside [0, 1] → NaN.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0 || !(q >= 0 && q <= 1)) return NaN;
  const virtual = (n - 1) * q;
  let prev = Math.floor(virtual);
  let next = prev + 1;
  let gamma = virtual - prev;
  if (virtual >= n - 1) {
    // numpy clamps both neighbours to the last element and, as its index is −1, gamma = v + 1.
    prev = next = n - 1;
    gamma = virtual + 1;
  }
  return lerp(sorted[prev], sorted[next], gamma);
}

/** One quantile of the non-missing values (optionally of a selection). */
export function quantile(values: Float64Array, q: number, index?: Uint32Array): number {
  return quantileSorted(sortedNonMissing(values, index), q);
}

/** Several quantiles with a single sort. */
export function quantiles(
  values: Float64Array,
  qs: readonly number[],
  index?: Uint32Array,
): number[] {
  const sorted = sortedNonMissing(values, index);
  return qs.map((q) => quantileSorted(sorted, q));
}

/** Number of distinct values of an ascending array without NaN (−0 and +0 are one value). */
export function countDistinctSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  let d = 1;
  let prev = sorted[0];
  for (let i = 1; i < n; i++) {
    const v = sorted[i];
    if (v !== prev) {
      d++;
      prev = v;
    }
  }
  return d;
}
