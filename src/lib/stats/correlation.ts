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

function gatherInto(out: Float64Array, values: Float64Array, index: Uint32Array): Float64Array {
  for (let i = 0; i < index.length; i++) out[i] = values[index[i]];
  return out;
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

/**
 * Σ a[i]·b[i] and Σ a[i]·c[i] in one pass: the same four stripes and the same order of
 * additions as `dotRange` for each pair (so the same bits), with a's values loaded once — ~30%
 * faster than two `dotRange` calls in V8, where the loop is bound by loads, not by arithmetic.
 */
function dotPair(a: Float64Array, b: Float64Array, c: Float64Array, n: number, out: Float64Array, ob: number, oc: number): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const a0 = a[i];
    const a1 = a[i + 1];
    const a2 = a[i + 2];
    const a3 = a[i + 3];
    s0 += a0 * b[i];
    s1 += a1 * b[i + 1];
    s2 += a2 * b[i + 2];
    s3 += a3 * b[i + 3];
    t0 += a0 * c[i];
    t1 += a1 * c[i + 1];
    t2 += a2 * c[i + 2];
    t3 += a3 * c[i + 3];
  }
  for (; i < n; i++) {
    s0 += a[i] * b[i];
    t0 += a[i] * c[i];
  }
  out[ob] = s0 + s1 + s2 + s3;
  out[oc] = t0 + t1 + t2 + t3;
}

/**
 * All cross products Σ c_i·c_j (i ≤ j) of equally long centred columns, row-major k × k (upper
 * half). A column whose Σ c² is 0 (constant over the rows: common under a filter) gives NaN
 * with every other column whatever its products are, so they are not computed (left 0).
 * Columns that live in the SIMD kernel's memory (`centredColumns`) go through the kernel.
 */
function crossProducts(cols: readonly Float64Array[]): Float64Array {
  const k = cols.length;
  const out = new Float64Array(k * k);
  const n = k > 0 ? cols[0].length : 0;
  const simd = simdKernel();
  const inKernel = simd !== null && cols.every((c) => c.buffer === simd.memory.buffer);
  // (Blocking the rows for cache made no difference here: the loop is bound by loads, ~1 ns
  // per multiply-add in V8; pairing the columns shares half of them.)
  const pair = inKernel
    ? (a: Float64Array, b: Float64Array, c: Float64Array, ob: number, oc: number): void => {
        simd.dot2(a.byteOffset, b.byteOffset, c.byteOffset, n, 0);
        const r = simd.result();
        out[ob] = r[0];
        out[oc] = r[1];
      }
    : (a: Float64Array, b: Float64Array, c: Float64Array, ob: number, oc: number): void => dotPair(a, b, c, n, out, ob, oc);
  const one = (a: Float64Array, b: Float64Array, o: number): void => {
    if (inKernel) pair(a, b, b, o, o);
    else out[o] = dotRange(a, b, 0, n);
  };
  for (let i = 0; i < k; i++) one(cols[i], cols[i], i * k + i);
  const live: number[] = [];
  for (let i = 0; i < k; i++) if (out[i * k + i] !== 0) live.push(i);
  for (let p = 0; p < live.length; p++) {
    const i = live[p];
    let q = p + 1;
    for (; q + 1 < live.length; q += 2) pair(cols[i], cols[live[q]], cols[live[q + 1]], i * k + live[q], i * k + live[q + 1]);
    for (; q < live.length; q++) one(cols[i], cols[live[q]], i * k + live[q]);
  }
  return out;
}

// ── SIMD kernel ─────────────────────────────────────────────────────────────────────────────
//
// `dotPair` as a WebAssembly function with 128-bit SIMD: lanes (s0, s1) and (s2, s3) of two
// f64x2 accumulators are the four stripes of the JS loop, fed the same products in the same
// order, with the tail added to s0 and the stripes summed ((s0 + s1) + s2) + s3 — WebAssembly
// rounds every f64x2 multiply and add as the scalar ones (no fused multiply-add), so the results
// are the JS loop's bit for bit, ~3× faster (the matrix is the costliest part of a filter change
// at 126k rows). The module is 360 bytes, assembled below (CSP: 'wasm-unsafe-eval', DESIGN §6);
// where WebAssembly SIMD is missing the JS loop is used.

interface SimdKernel {
  readonly memory: WebAssembly.Memory;
  /** out[0] = Σ a·b, out[1] = Σ a·c over n doubles; pointers are byte offsets in `memory`. */
  readonly dot2: (a: number, b: number, c: number, n: number, out: number) => void;
  /** The two results of the last call (a view of `memory`, renewed when it grows). */
  result(): Float64Array;
}

/** Bytes before the first column: the kernel's two results. */
const KERNEL_HEADER = 16;
let kernel: SimdKernel | null | undefined;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** The module: `dot2(a, b, c, n, out)` and its exported memory. */
function kernelBytes(): Uint8Array<ArrayBuffer> {
  const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
  const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
  const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const get = (i: number): number[] => [0x20, i];
  const set = (i: number): number[] => [0x21, i];
  const i32 = (v: number): number[] => [0x41, ...sleb(v)];
  const [ADD, GE_U, SHL, AND, F64_ADD, F64_MUL] = [0x6a, 0x4f, 0x74, 0x71, 0xa0, 0xa2];
  const v128Load = (offset: number): number[] => [0xfd, 0x00, 3, ...uleb(offset)];
  const f64Load = (offset: number): number[] => [0x2b, 3, ...uleb(offset)];
  const f64Store = (offset: number): number[] => [0x39, 3, ...uleb(offset)];
  const F64X2_ADD = [0xfd, ...uleb(0xf0)];
  const F64X2_MUL = [0xfd, ...uleb(0xf2)];
  const lane = (l: number): number[] => [0xfd, 0x21, l];
  // params a b c n out; locals: i32 i lim nb; v128 ab01 ab23 ac01 ac23 x01 x23; f64 s0..s3 t0..t3
  const [A, B, C, N, OUT, I, LIM, NB, AB01, AB23, AC01, AC23, X01, X23, S0, S1, S2, S3, T0, T1, T2, T3] = Array.from({ length: 22 }, (_, i) => i);
  const accumulate = (acc: number, x: number, ptr: number, offset: number): number[] => [
    ...get(acc), ...get(x), ...get(ptr), ...get(I), ADD, ...v128Load(offset), ...F64X2_MUL, ...F64X2_ADD, ...set(acc),
  ];
  const body = [
    ...get(N), ...i32(3), SHL, ...set(NB),
    ...get(N), ...i32(-4), AND, ...i32(3), SHL, ...set(LIM),
    // four values per step while a whole step remains: stripes (0, 1) and (2, 3)
    0x02, 0x40, 0x03, 0x40,
    ...get(I), ...get(LIM), GE_U, 0x0d, 1,
    ...get(A), ...get(I), ADD, ...v128Load(0), ...set(X01),
    ...get(A), ...get(I), ADD, ...v128Load(16), ...set(X23),
    ...accumulate(AB01, X01, B, 0), ...accumulate(AB23, X23, B, 16),
    ...accumulate(AC01, X01, C, 0), ...accumulate(AC23, X23, C, 16),
    ...get(I), ...i32(32), ADD, ...set(I),
    0x0c, 0, 0x0b, 0x0b,
    ...get(AB01), ...lane(0), ...set(S0), ...get(AB01), ...lane(1), ...set(S1),
    ...get(AB23), ...lane(0), ...set(S2), ...get(AB23), ...lane(1), ...set(S3),
    ...get(AC01), ...lane(0), ...set(T0), ...get(AC01), ...lane(1), ...set(T1),
    ...get(AC23), ...lane(0), ...set(T2), ...get(AC23), ...lane(1), ...set(T3),
    // the tail, into stripe 0
    0x02, 0x40, 0x03, 0x40,
    ...get(I), ...get(NB), GE_U, 0x0d, 1,
    ...get(S0), ...get(A), ...get(I), ADD, ...f64Load(0), ...get(B), ...get(I), ADD, ...f64Load(0), F64_MUL, F64_ADD, ...set(S0),
    ...get(T0), ...get(A), ...get(I), ADD, ...f64Load(0), ...get(C), ...get(I), ADD, ...f64Load(0), F64_MUL, F64_ADD, ...set(T0),
    ...get(I), ...i32(8), ADD, ...set(I),
    0x0c, 0, 0x0b, 0x0b,
    ...get(OUT), ...get(S0), ...get(S1), F64_ADD, ...get(S2), F64_ADD, ...get(S3), F64_ADD, ...f64Store(0),
    ...get(OUT), ...get(T0), ...get(T1), F64_ADD, ...get(T2), F64_ADD, ...get(T3), F64_ADD, ...f64Store(8),
    0x0b,
  ];
  const code = [...vec([[...uleb(3), 0x7f], [...uleb(6), 0x7b], [...uleb(8), 0x7c]]), ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, ...vec([[0x7f], [0x7f], [0x7f], [0x7f], [0x7f]]), 0]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...name('dot2'), 0x00, 0], [...name('memory'), 0x02, 0]])),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
}

/** The kernel, compiled on first use; null where WebAssembly SIMD is unavailable. */
function simdKernel(): SimdKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = kernelBytes();
    if (!WebAssembly.validate(bytes)) return null;
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as {
      memory: WebAssembly.Memory;
      dot2: SimdKernel['dot2'];
    };
    let view = new Float64Array(exports.memory.buffer, 0, 2);
    kernel = {
      memory: exports.memory,
      dot2: exports.dot2,
      result: () => (view.buffer === exports.memory.buffer ? view : (view = new Float64Array(exports.memory.buffer, 0, 2))),
    };
  } catch {
    kernel = null; // e.g. a CSP without 'wasm-unsafe-eval'
  }
  return kernel;
}

/**
 * k columns of n doubles for centred values, to be filled by the caller: views of the SIMD
 * kernel's memory when it is available (valid until the next call, which may grow and so
 * replace that memory), plain arrays otherwise. The memory keeps its largest size (k·n·8
 * bytes: ~32 MB at 126k × 39).
 */
function centredColumns(k: number, n: number): Float64Array[] {
  const simd = simdKernel();
  if (!simd || k * n === 0) return Array.from({ length: k }, () => new Float64Array(n));
  const need = KERNEL_HEADER + k * n * 8;
  const have = simd.memory.buffer.byteLength;
  if (need > have) {
    try {
      simd.memory.grow(Math.ceil((need - have) / 65536));
    } catch {
      // beyond what the engine grants a WebAssembly memory: the JS loop on plain arrays
      return Array.from({ length: k }, () => new Float64Array(n));
    }
  }
  const buffer = simd.memory.buffer;
  return Array.from({ length: k }, (_, j) => new Float64Array(buffer, KERNEL_HEADER + j * n * 8, n));
}

/** Whether correlation matrices use the SIMD kernel here (for tests). */
export function usesSimdKernel(): boolean {
  return simdKernel() !== null;
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
  const n = index ? index.length : columns.length > 0 ? columns[0].length : 0;
  // Each column's selection is copied, summed and centred in place: the sum runs over the same
  // values in the same order as before, so the mean (and every r) has the same bits.
  const gathered: (Float64Array | null)[] = columns.map(() => null);
  const slots = centredColumns(columns.length, n);
  const centred = columns.map((col, j) => {
    // the selection's values copied and summed in one pass, then centred in place
    const c = slots[j];
    let sum = 0;
    if (index) {
      for (let i = 0; i < n; i++) {
        const v = col[index[i]];
        c[i] = v;
        sum += v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = col[i];
        c[i] = v;
        sum += v;
      }
    }
    // A finite sum means every value is finite (a NaN or ±Infinity makes the sum NaN or
    // ±Infinity for good); otherwise the values are checked, as finite values can overflow it.
    let finite = sum - sum === 0;
    if (!finite) {
      finite = true;
      for (let i = 0; i < n; i++) {
        const v = c[i];
        // v - v is NaN exactly for NaN and ±Infinity
        if (v - v !== 0) {
          finite = false;
          break;
        }
      }
    }
    if (!finite || n === 0) {
      gathered[j] = Float64Array.from(c);
      return null;
    }
    const mean = sum / n;
    for (let i = 0; i < n; i++) c[i] -= mean;
    return c;
  });
  const x = (j: number): Float64Array => gathered[j] ?? (gathered[j] = index ? gatherInto(new Float64Array(n), columns[j], index) : columns[j]);
  return fromCentred(centred, (i, j) => pearsonPairwise(x(i), x(j)));
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
