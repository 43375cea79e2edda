/**
 * Seeded randomness for splits, shuffles and samples (STYLE 14: deterministic tests).
 *
 * mulberry32: a 32-bit-state generator by Tommy Ettinger (public domain). It is small, fast and
 * good enough for shuffling and sampling; it is not cryptographic. The same seed gives the same
 * sequence on every JavaScript engine because it only uses 32-bit integer arithmetic.
 */

/** A generator of uniform doubles in [0, 1). */
export type Rng = () => number;

/** A mulberry32 generator. The seed is reduced to an unsigned 32-bit integer (`seed >>> 0`). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). `n` must be a positive integer ≤ 2^32. */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
    throw new RangeError(`randomInt: n must be an integer in [1, 2^32], got ${n}`);
  }
  return Math.floor(rng() * n);
}

/** Fisher–Yates shuffle of `array` in place, driven by `rng`. Returns the same array. */
export function shuffleInPlace<T extends Uint32Array | Int32Array | Float64Array | Float32Array>(
  array: T,
  rng: Rng,
): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** A shuffled copy of `index` (the input is not modified): the same seed gives the same order. */
export function seededShuffle(index: Uint32Array, seed: number): Uint32Array {
  return shuffleInPlace(index.slice(), mulberry32(seed));
}

/**
 * `k` distinct entries of `index` chosen uniformly at random (all of them when k ≥ length),
 * returned in ascending position order so that reads from the columns stay sequential.
 * Partial Fisher–Yates over a copy of `index`: O(length) memory, O(k) swaps.
 */
export function seededSample(index: Uint32Array, k: number, seed: number): Uint32Array {
  const n = index.length;
  if (k >= n) return index.slice();
  if (k <= 0) return new Uint32Array(0);
  const rng = mulberry32(seed);
  const positions = new Uint32Array(n);
  for (let i = 0; i < n; i++) positions[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const tmp = positions[i];
    positions[i] = positions[j];
    positions[j] = tmp;
  }
  const chosen = positions.subarray(0, k).sort();
  const out = new Uint32Array(k);
  for (let i = 0; i < k; i++) out[i] = index[chosen[i]];
  return out;
}
