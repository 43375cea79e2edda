/**
 * Average ranks (ties share the mean of their positions), as pandas `rank(method="average")`
 * and SciPy `rankdata`. Ranks are 1-based; NaN stays NaN; ±Infinity are ranked as values.
 *
 * Instead of an index sort with a comparator (slow in V8), we sort a copy of the values natively,
 * collapse it to its distinct values with their average ranks, and binary-search each value in
 * that (usually short) list.
 */
import { sortedNonMissing } from './quantile';

/** Distinct ascending values and the average rank of each. */
interface RankTable {
  readonly distinct: Float64Array;
  readonly ranks: Float64Array;
}

function rankTable(sorted: Float64Array): RankTable {
  const n = sorted.length;
  const distinct = new Float64Array(n);
  const ranks = new Float64Array(n);
  let d = 0;
  let i = 0;
  while (i < n) {
    const v = sorted[i];
    let j = i + 1;
    while (j < n && sorted[j] === v) j++;
    // positions i+1 .. j (1-based): their mean is exact in binary floating point
    distinct[d] = v;
    ranks[d] = (i + 1 + j) / 2;
    d++;
    i = j;
  }
  return { distinct: distinct.subarray(0, d), ranks: ranks.subarray(0, d) };
}

/** Position of v in an ascending array of distinct values that contains it (−0 finds +0). */
function find(distinct: Float64Array, v: number): number {
  let lo = 0;
  let hi = distinct.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (distinct[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Average ranks of `values` (or of `values[index[i]]`, giving an array of `index.length`).
 * Missing (NaN) → NaN.
 */
export function averageRanks(values: Float64Array, index?: Uint32Array): Float64Array {
  const n = index ? index.length : values.length;
  const out = new Float64Array(n);
  const { distinct, ranks } = rankTable(sortedNonMissing(values, index));
  for (let i = 0; i < n; i++) {
    const v = index ? values[index[i]] : values[i];
    out[i] = v === v ? ranks[find(distinct, v)] : NaN;
  }
  return out;
}

/**
 * Average ranks of a dense array known to hold no NaN, written into `out` (may alias nothing
 * else). Used by the Spearman matrix on pairwise-complete subsets.
 */
export function averageRanksDense(values: Float64Array, out: Float64Array): Float64Array {
  const sorted = sortedNonMissing(values);
  const { distinct, ranks } = rankTable(sorted);
  for (let i = 0; i < values.length; i++) out[i] = ranks[find(distinct, values[i])];
  return out;
}
