/**
 * The first two principal components of a small row-major matrix (the bottleneck activations of
 * a sample of rows: a few thousand × ~10), by power iteration on the centred data — O(iterations ×
 * rows × dims), no covariance matrix, deterministic start. Signs are fixed so the largest
 * loading of each component is positive (eigenvectors are only defined up to sign).
 */

export interface Pca2 {
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Variance explained by each component, as fractions of the total. */
  readonly explained: readonly [number, number];
}

const ITERATIONS = 300;
const TOLERANCE = 1e-12;

/** Xᵀ(X v) for centred X (n × d), into `out`. */
function covTimes(z: Float64Array, n: number, d: number, v: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < n; r++) {
    const o = r * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += z[o + j] * v[j];
    for (let j = 0; j < d; j++) out[j] += z[o + j] * s;
  }
}

function normalize(v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  const norm = Math.sqrt(s);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j] /= norm;
  return norm;
}

function orthogonalize(v: Float64Array, against: Float64Array | null): void {
  if (!against) return;
  let dot = 0;
  for (let j = 0; j < v.length; j++) dot += v[j] * against[j];
  for (let j = 0; j < v.length; j++) v[j] -= dot * against[j];
}

/** Leading unit eigenvector of XᵀX orthogonal to `against`, and its eigenvalue. */
function component(z: Float64Array, n: number, d: number, against: Float64Array | null, start: number): { v: Float64Array; lambda: number } {
  let v = new Float64Array(d);
  // A fixed, generic start (not orthogonal to any axis in practice).
  for (let j = 0; j < d; j++) v[j] = 1 + ((j * 7919 + start) % 13) / 13;
  orthogonalize(v, against);
  if (normalize(v) === 0) return { v, lambda: 0 };
  let next = new Float64Array(d);
  let lambda = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    covTimes(z, n, d, v, next);
    orthogonalize(next, against);
    const norm = normalize(next);
    if (norm === 0) return { v, lambda: 0 };
    let diff = 0;
    for (let j = 0; j < d; j++) diff += (next[j] - v[j]) * (next[j] - v[j]);
    [v, next] = [next, v];
    lambda = norm;
    if (diff < TOLERANCE) break;
  }
  // Sign: largest |loading| positive.
  let big = 0;
  for (let j = 1; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
  if (v[big] < 0) for (let j = 0; j < d; j++) v[j] = -v[j];
  return { v, lambda };
}

/** PCA to two dimensions of `z` (nRows × dims, row-major). */
export function pca2(z: Float32Array, nRows: number, dims: number): Pca2 {
  if (z.length !== nRows * dims) throw new RangeError(`pca2: ${z.length} values for ${nRows} × ${dims}`);
  const c = new Float64Array(z.length);
  const mean = new Float64Array(dims);
  for (let r = 0; r < nRows; r++) for (let j = 0; j < dims; j++) mean[j] += z[r * dims + j];
  for (let j = 0; j < dims; j++) mean[j] /= Math.max(1, nRows);
  let total = 0;
  for (let r = 0; r < nRows; r++) {
    for (let j = 0; j < dims; j++) {
      const v = z[r * dims + j] - mean[j];
      c[r * dims + j] = v;
      total += v * v;
    }
  }
  const first = component(c, nRows, dims, null, 1);
  const second = dims > 1 ? component(c, nRows, dims, first.v, 5) : { v: new Float64Array(dims), lambda: 0 };
  const x = new Float32Array(nRows);
  const y = new Float32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < dims; j++) {
      a += c[r * dims + j] * first.v[j];
      b += c[r * dims + j] * second.v[j];
    }
    x[r] = a;
    y[r] = b;
  }
  const explained: [number, number] = total > 0 ? [first.lambda / total, second.lambda / total] : [0, 0];
  return { x, y, explained };
}
