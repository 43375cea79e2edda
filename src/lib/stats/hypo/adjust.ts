/**
 * Multiple-testing adjusted p-values, as statsmodels
 * `multipletests(p, method='holm' | 'fdr_bh')[1]`.
 *
 * NaN p-values (degenerate tests, e.g. a constant column) are not part of the family: they stay
 * NaN and m counts only the finite ones (statsmodels would propagate NaN into the ordering).
 */

export type AdjustMethod = 'holm' | 'fdr_bh';

/** Indices of the finite p-values, sorted by p ascending (stable). */
function order(p: Float64Array): Uint32Array {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) idx.push(i);
  idx.sort((a, b) => p[a] - p[b] || a - b);
  return Uint32Array.from(idx);
}

/** Holm step-down: p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎). */
export function holm(p: Float64Array): Float64Array {
  const out = new Float64Array(p.length).fill(NaN);
  const o = order(p);
  const m = o.length;
  let running = 0;
  for (let k = 0; k < m; k++) {
    const v = Math.min(1, (m - k) * p[o[k]]);
    if (v > running) running = v;
    out[o[k]] = running;
  }
  return out;
}

/** Benjamini–Hochberg step-up: p̃₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎/j). */
export function benjaminiHochberg(p: Float64Array): Float64Array {
  const out = new Float64Array(p.length).fill(NaN);
  const o = order(p);
  const m = o.length;
  let running = Infinity;
  for (let k = m - 1; k >= 0; k--) {
    const v = (m * p[o[k]]) / (k + 1);
    if (v < running) running = v;
    out[o[k]] = Math.min(1, running);
  }
  return out;
}

export function adjustPValues(p: Float64Array, method: AdjustMethod): Float64Array {
  return method === 'holm' ? holm(p) : benjaminiHochberg(p);
}
