/**
 * Correlation matrices over numeric columns, defined as pandas `DataFrame.corr()`:
 * pairwise-complete observations, where "complete" means finite in both columns (pandas masks
 * with `isfinite`, so ±Infinity is left out like NaN). A pair with fewer than two complete
 * observations or with zero variance in either column gives NaN; a constant column has NaN
 * on its diagonal too.
 */
import { averageRanksDense } from './rank';

/** A k × k symmetric matrix, row-major: `values[i * size + j]`. */
export interface SquareMatrix {
  readonly size: number;
  readonly values: Float64Array;
}

/** One column over the selection, with whether every value is finite. */
interface Prepared {
  readonly x: Float64Array;
  readonly allFinite: boolean;
}

function prepare(columns: readonly Float64Array[], index?: Uint32Array): Prepared[] {
  return columns.map((col) => {
    let x = col;
    if (index) {
      // A plain gather loop: Float64Array.from with a map callback is ~4× slower here.
      x = new Float64Array(index.length);
      for (let i = 0; i < index.length; i++) x[i] = col[index[i]];
    }
    let allFinite = true;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      // v - v is NaN exactly for NaN and ±Infinity
      if (v - v !== 0) {
        allFinite = false;
        break;
      }
    }
    return { x, allFinite };
  });
}

/** Σ a[i]·b[i] over [from, to), with four accumulators (shorter dependency chain in V8). */
function dotRange(a: Float64Array, b: Float64Array, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = from;
  for (; i + 3 < to; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < to; i++) s0 += a[i] * b[i];
  return s0 + s1 + s2 + s3;
}

/** All cross products Σ c_i·c_j (i ≤ j) of equally long columns, row-major k × k (upper half). */
function crossProducts(cols: readonly Float64Array[]): Float64Array {
  const k = cols.length;
  const out = new Float64Array(k * k);
  const n = k > 0 ? cols[0].length : 0;
  // (Blocking the rows for cache made no difference here: the loop is compute-bound, ~1 ns per
  // multiply-add in V8.)
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) out[i * k + j] = dotRange(cols[i], cols[j], 0, n);
  }
  return out;
}

function ratio(sxy: number, sxx: number, syy: number): number {
  const divisor = Math.sqrt(sxx * syy);
  return divisor !== 0 ? sxy / divisor : NaN;
}

/**
 * Pearson's r over the rows where both are finite, by pandas' own online update (`nancorr`);
 * used only for pairs that involve a column with missing or infinite values.
 */
function pearsonPairwise(x: Float64Array, y: Float64Array): number {
  let nobs = 0;
  let meanx = 0;
  let meany = 0;
  let ssx = 0;
  let ssy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const vx = x[i];
    const vy = y[i];
    if (vx - vx !== 0 || vy - vy !== 0) continue;
    nobs++;
    const dx = vx - meanx;
    const dy = vy - meany;
    meanx += dx / nobs;
    meany += dy / nobs;
    ssx += (vx - meanx) * dx;
    ssy += (vy - meany) * dy;
    sxy += (vx - meanx) * dy;
  }
  return nobs < 2 ? NaN : ratio(sxy, ssx, ssy);
}

/**
 * Correlations of fully finite columns given as centred copies: r = Σ c_i c_j /
 * sqrt(Σ c_i² · Σ c_j²); `centred[i]` null marks a column that needs the pairwise path.
 */
function fromCentred(
  centred: readonly (Float64Array | null)[],
  pairwise: (i: number, j: number) => number,
): SquareMatrix {
  const k = centred.length;
  const fast: Float64Array[] = [];
  const slot = centred.map((c) => (c ? fast.push(c) - 1 : -1));
  const cp = crossProducts(fast);
  const kf = fast.length;
  const n = kf > 0 ? fast[0].length : 0;
  const values = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const a = slot[i];
      const b = slot[j];
      let r: number;
      if (a >= 0 && b >= 0) {
        const ssa = cp[a * kf + a];
        const ssb = cp[b * kf + b];
        // the diagonal is exactly 1 unless the column is constant (or shorter than 2)
        r = i === j ? (n >= 2 && ssa > 0 ? 1 : NaN) : ratio(cp[a * kf + b], ssa, ssb);
      } else if (i === j) {
        r = Number.isNaN(pairwise(i, i)) ? NaN : 1;
      } else {
        r = pairwise(i, j);
      }
      values[i * k + j] = r;
      values[j * k + i] = r;
    }
  }
  return { size: k, values };
}

/**
 * Pearson correlation matrix (pandas `corr()`), over the selection when `index` is given.
 * Fully finite columns take a fast path (centre once, then one dot product per pair); pairs
 * involving a column with missing or infinite values use pairwise-complete observations.
 */
export function pearsonMatrix(columns: readonly Float64Array[], index?: Uint32Array): SquareMatrix {
  const prepared = prepare(columns, index);
  const centred = prepared.map(({ x, allFinite }) => {
    if (!allFinite || x.length === 0) return null;
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += x[i];
    const mean = sum / x.length;
    const c = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) c[i] = x[i] - mean;
    return c;
  });
  return fromCentred(centred, (i, j) => pearsonPairwise(prepared[i].x, prepared[j].x));
}

/** Pearson's r of two rank vectors whose mean is known to be (n + 1) / 2 (pandas' formula). */
function rankCorrelation(rx: Float64Array, ry: Float64Array, n: number): number {
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const vx = rx[i] - mean;
    const vy = ry[i] - mean;
    sxy += vx * vy;
    sxx += vx * vx;
    syy += vy * vy;
  }
  return ratio(sxy, sxx, syy);
}

/**
 * Spearman rank correlation matrix (pandas `corr(method="spearman")`): Pearson's r of average
 * ranks (ties share their mean rank). Each pair is ranked over its own complete (finite)
 * observations, so a missing value in one column does not shift the other's ranks. (pandas
 * keeps ranks that counted ±Infinity when both columns have them on the same rows; we re-rank.)
 * For fully finite columns the centred ranks are multiples of ½, so (below ~300k rows) every
 * sum is exact.
 */
export function spearmanMatrix(columns: readonly Float64Array[], index?: Uint32Array): SquareMatrix {
  const prepared = prepare(columns, index);
  const m = prepared.length > 0 ? prepared[0].x.length : 0;
  const centred = prepared.map(({ x, allFinite }) => {
    if (!allFinite || x.length === 0) return null;
    const r = averageRanksDense(x, new Float64Array(x.length));
    const mean = (x.length + 1) / 2;
    for (let i = 0; i < r.length; i++) r[i] -= mean;
    return r;
  });
  const bufX = new Float64Array(m);
  const bufY = new Float64Array(m);
  const rankX = new Float64Array(m);
  const rankY = new Float64Array(m);
  const pairwise = (i: number, j: number): number => {
    const x = prepared[i].x;
    const y = prepared[j].x;
    let nobs = 0;
    for (let r = 0; r < x.length; r++) {
      const vx = x[r];
      const vy = y[r];
      if (vx - vx !== 0 || vy - vy !== 0) continue;
      bufX[nobs] = vx;
      bufY[nobs] = vy;
      nobs++;
    }
    if (nobs < 2) return NaN;
    averageRanksDense(bufX.subarray(0, nobs), rankX);
    averageRanksDense(bufY.subarray(0, nobs), rankY);
    return rankCorrelation(rankX, rankY, nobs);
  };
  return fromCentred(centred, pairwise);
}

/** A pair of columns and their correlation. */
export interface CorrelatedPair {
  readonly a: string;
  readonly b: string;
  readonly i: number;
  readonly j: number;
  readonly r: number;
}

/**
 * The k off-diagonal pairs (i < j) with the largest |r|, NaN skipped; ties keep matrix order.
 */
export function topPairs(matrix: SquareMatrix, names: readonly string[], k: number): CorrelatedPair[] {
  const { size, values } = matrix;
  const pairs: CorrelatedPair[] = [];
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const r = values[i * size + j];
      if (r === r) pairs.push({ a: names[i] ?? '', b: names[j] ?? '', i, j, r });
    }
  }
  pairs.sort((p, q) => Math.abs(q.r) - Math.abs(p.r));
  return pairs.slice(0, Math.max(0, Math.floor(k)));
}
