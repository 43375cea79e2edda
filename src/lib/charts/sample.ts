/**
 * Deterministic row sampling for charts that cannot show every row (scatter plots): a seeded
 * generator, so the same data always gives the same picture and tests are reproducible.
 */

/** mulberry32: a small, fast 32-bit PRNG; returns a function giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * k distinct row numbers from 0 … n−1, uniformly at random (Floyd's algorithm: O(k) time and
 * memory), ascending so the sample keeps file order. k ≥ n gives every row.
 */
export function sampleIndex(n: number, k: number, seed = 1): Uint32Array {
  const total = Math.max(0, Math.floor(n));
  const want = Math.max(0, Math.min(total, Math.floor(k)));
  if (want === total) return Uint32Array.from({ length: total }, (_, i) => i);
  const rand = mulberry32(seed);
  const chosen = new Set<number>();
  for (let j = total - want; j < total; j++) {
    const t = Math.floor(rand() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Uint32Array.from(chosen).sort();
}
