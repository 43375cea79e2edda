import { describe, expect, it } from 'vitest';
import { pearsonMatrix, spearmanMatrix, topPairs, usesSimdKernel } from './correlation';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function naivePearson(x: Float64Array, y: Float64Array): number {
  const keep = Array.from(x.keys()).filter((i) => Number.isFinite(x[i]) && Number.isFinite(y[i]));
  const n = keep.length;
  const mx = keep.reduce((s, i) => s + x[i], 0) / n;
  const my = keep.reduce((s, i) => s + y[i], 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const i of keep) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('pearsonMatrix', () => {
  const rand = lcg(3);
  const a = Float64Array.from({ length: 500 }, () => rand() * 10);
  const b = Float64Array.from(a, (v) => 3 * v + rand());
  const c = Float64Array.from(a, (v) => -v);
  const d = Float64Array.from(a, (v, i) => (i % 10 === 0 ? NaN : i % 17 === 0 ? Infinity : v * v));

  it('is symmetric with a unit diagonal and matches the textbook formula', () => {
    const m = pearsonMatrix([a, b, c, d]);
    expect(m.size).toBe(4);
    for (let i = 0; i < 4; i++) {
      expect(m.values[i * 4 + i]).toBe(1);
      for (let j = 0; j < 4; j++) expect(m.values[i * 4 + j]).toBe(m.values[j * 4 + i]);
    }
    expect(m.values[0 * 4 + 2]).toBeCloseTo(-1, 14);
    expect(m.values[0 * 4 + 1]).toBeCloseTo(naivePearson(a, b), 12);
    // pairwise-complete: NaN and ±Infinity rows left out for that pair only
    expect(m.values[0 * 4 + 3]).toBeCloseTo(naivePearson(a, d), 12);
  });

  it('constant, empty and too-short columns give NaN', () => {
    const m = pearsonMatrix([a, new Float64Array(500).fill(2)]);
    expect(m.values[1]).toBeNaN();
    expect(m.values[3]).toBeNaN();
    const empty = pearsonMatrix([new Float64Array(0), new Float64Array(0)]);
    expect(Array.from(empty.values).every(Number.isNaN)).toBe(true);
    const one = pearsonMatrix([Float64Array.of(1, NaN), Float64Array.of(2, 3)]);
    expect(one.values[1]).toBeNaN();
  });

  it('a selection equals the copied subset', () => {
    const index = Uint32Array.from({ length: 100 }, (_, i) => i * 3);
    const pick = (x: Float64Array) => Float64Array.from(index, (i) => x[i]);
    expect(pearsonMatrix([a, b, d], index).values).toEqual(pearsonMatrix([pick(a), pick(b), pick(d)]).values);
  });
});

describe('spearmanMatrix', () => {
  it('is 1 for any monotone relation and uses average ranks for ties', () => {
    const x = Float64Array.of(1, 2, 3, 4, 5, 6);
    const y = Float64Array.from(x, (v) => Math.exp(v));
    const t = Float64Array.of(1, 1, 2, 2, 3, 3);
    const m = spearmanMatrix([x, y, t]);
    expect(m.values[1]).toBeCloseTo(1, 14);
    // Pearson of ranks [1..6] and [1.5,1.5,3.5,3.5,5.5,5.5]
    expect(m.values[2]).toBeCloseTo(naivePearson(x, Float64Array.of(1.5, 1.5, 3.5, 3.5, 5.5, 5.5)), 14);
  });

  it('re-ranks each pair over its complete observations', () => {
    const x = Float64Array.of(1, 2, 3, 4, 100);
    const y = Float64Array.of(1, 2, 3, 4, NaN);
    const z = Float64Array.of(4, 3, 2, 1, 0);
    const m = spearmanMatrix([x, y, z]);
    expect(m.values[1]).toBeCloseTo(1, 14);
    expect(m.values[5]).toBeCloseTo(-1, 14);
  });
});

describe('topPairs', () => {
  it('orders off-diagonal pairs by |r|, skipping NaN', () => {
    const values = Float64Array.of(1, -0.9, 0.2, NaN, -0.9, 1, 0.5, NaN, 0.2, 0.5, 1, NaN, NaN, NaN, NaN, NaN);
    const top = topPairs({ size: 4, values }, ['a', 'b', 'c', '__proto__'], 5);
    expect(top.map((p) => [p.a, p.b, p.r])).toEqual([
      ['a', 'b', -0.9],
      ['b', 'c', 0.5],
      ['a', 'c', 0.2],
    ]);
    expect(topPairs({ size: 4, values }, ['a', 'b', 'c', 'd'], 1)).toHaveLength(1);
  });
});

describe('pearsonMatrix, bit for bit', () => {
  /** The straightforward computation the fast paths must reproduce exactly (centre, then four-stripe dot products). */
  function reference(columns: Float64Array[], index?: Uint32Array): Float64Array {
    const xs = columns.map((c) => (index ? Float64Array.from(index, (r) => c[r]) : c));
    const k = xs.length;
    const n = k > 0 ? xs[0].length : 0;
    const dot = (a: Float64Array, b: Float64Array) => {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let i = 0;
      for (; i + 3 < n; i += 4) {
        s0 += a[i] * b[i];
        s1 += a[i + 1] * b[i + 1];
        s2 += a[i + 2] * b[i + 2];
        s3 += a[i + 3] * b[i + 3];
      }
      for (; i < n; i++) s0 += a[i] * b[i];
      return s0 + s1 + s2 + s3;
    };
    const centred = xs.map((x) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[i];
      return Float64Array.from(x, (v) => v - sum / n);
    });
    const out = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        const sxx = dot(centred[i], centred[i]);
        const syy = dot(centred[j], centred[j]);
        const d = Math.sqrt(sxx * syy);
        const r = i === j ? (n >= 2 && sxx > 0 ? 1 : NaN) : d !== 0 ? dot(centred[i], centred[j]) / d : NaN;
        out[i * k + j] = r;
        out[j * k + i] = r;
      }
    }
    return out;
  }

  it('equals the plain computation exactly, on every length modulo 4 and with constant columns', () => {
    const rand = lcg(7);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 9, 102, 1001]) {
      const cols = Array.from({ length: 7 }, (_, j) =>
        j === 3 ? new Float64Array(n).fill(2.5) : Float64Array.from({ length: n }, () => (rand() < 0.6 ? 0 : Math.round(rand() * 1e4) / (j + 1))),
      );
      const got = pearsonMatrix(cols).values;
      const want = reference(cols);
      expect(Array.from(got).every((v, i) => Object.is(v, want[i])), `n = ${n}`).toBe(true);
      const index = Uint32Array.from({ length: Math.floor(n / 2) }, (_, i) => i * 2);
      const gotIdx = pearsonMatrix(cols, index).values;
      const wantIdx = reference(cols, index);
      expect(Array.from(gotIdx).every((v, i) => Object.is(v, wantIdx[i])), `n = ${n}, index`).toBe(true);
    }
  });

  it('uses the WebAssembly SIMD kernel where there is one (Node has it)', () => {
    expect(usesSimdKernel()).toBe(true);
  });
});
