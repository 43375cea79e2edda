import { describe, expect, it } from 'vitest';
import { histogram, histogramByGroup, windowSums } from './histogram';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Heavy-tailed, 30% zeros, like byte counts. */
function traffic(n: number, seed: number): Float64Array {
  const rand = lcg(seed);
  return Float64Array.from({ length: n }, () => (rand() < 0.3 ? 0 : Math.floor(Math.exp(rand() * 20))));
}

/** numpy semantics by brute force: [e_i, e_{i+1}), last bin closed. */
function naiveCounts(values: Float64Array, edges: Float64Array): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const x of values) {
    for (let b = 0; b < counts.length; b++) {
      const last = b === counts.length - 1;
      if (x >= edges[b] && (x < edges[b + 1] || (last && x === edges[b + 1]))) {
        counts[b]++;
        break;
      }
    }
  }
  return counts;
}

describe('histogram', () => {
  it('explicit edges: numpy semantics, values outside excluded', () => {
    const h = histogram(Float64Array.of(0, 1, 1, 2, 3, 4, 5, NaN, Infinity, -1), { edges: [0, 1, 2, 4] });
    expect(Array.from(h.counts)).toEqual([1, 2, 3]);
    expect(h.binned).toBe(6);
    expect(h.excluded).toBe(4);
  });

  it('automatic linear bins: capped, covering min..max, every finite value binned', () => {
    const x = traffic(20000, 1);
    const h = histogram(x);
    expect(h.counts.length).toBeLessThanOrEqual(100);
    expect(h.counts.length).toBeGreaterThan(1);
    expect(h.edges[0]).toBe(0);
    expect(h.edges[h.edges.length - 1]).toBe(Math.max(...x));
    expect(h.binned).toBe(x.length);
    expect(Array.from(h.counts)).toEqual(naiveCounts(x, h.edges));
  });

  it('a fixed number of bins, and numpy’s ±0.5 range for a constant column', () => {
    expect(histogram(Float64Array.of(0, 10), { bins: 5 }).counts.length).toBe(5);
    const h = histogram(Float64Array.of(3, 3, 3));
    expect(Array.from(h.edges)).toEqual([2.5, 3.5]);
    expect(Array.from(h.counts)).toEqual([3]);
  });

  it('log bins: positive values on log-spaced edges, zeros counted apart, negatives excluded', () => {
    const x = traffic(20000, 2);
    x[0] = -5;
    const h = histogram(x, { log: true });
    expect(h.log).toBe(true);
    const positives = x.filter((v) => v > 0);
    expect(h.edges[0]).toBe(Math.min(...positives));
    expect(h.edges[h.edges.length - 1]).toBe(Math.max(...positives));
    const ratios = Array.from(h.edges.subarray(1), (e, i) => Math.log10(e / h.edges[i]));
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0], 9);
    expect(h.zeros).toBe(x.filter((v) => v === 0).length);
    expect(h.excluded).toBe(1);
    expect(h.binned).toBe(positives.length);
    expect(Array.from(h.counts)).toEqual(naiveCounts(positives, h.edges));
  });

  it('degenerate input: empty, all missing, no positive values in log mode', () => {
    for (const h of [
      histogram(new Float64Array(0)),
      histogram(Float64Array.of(NaN, NaN)),
      histogram(Float64Array.of(0, 0), { log: true }),
    ]) {
      expect(h.counts.length).toBe(0);
      expect(h.binned).toBe(0);
    }
    expect(histogram(Float64Array.of(0, 0), { log: true }).zeros).toBe(2);
  });

  it('respects a selection', () => {
    const h = histogram(Float64Array.of(1, 100, 2, 3), { edges: [0, 10, 200], index: Uint32Array.of(0, 2) });
    expect(Array.from(h.counts)).toEqual([2, 0]);
  });
});

describe('histogramByGroup', () => {
  it('shares edges across groups and splits counts exactly', () => {
    const x = traffic(10000, 3);
    const rand = lcg(4);
    const g = Uint8Array.from(x, () => (rand() < 0.4 ? 1 : 0));
    for (const log of [false, true]) {
      const h = histogramByGroup(x, g, { log });
      const whole = histogram(x, { log });
      expect(Array.from(h.edges)).toEqual(Array.from(whole.edges));
      const sum = Array.from(h.counts[0], (c, b) => c + h.counts[1][b]);
      expect(sum).toEqual(Array.from(whole.counts));
      expect(h.zeros[0] + h.zeros[1]).toBe(whole.zeros);
      expect(h.binned[1]).toBe(Array.from(h.counts[1]).reduce((a, b) => a + b, 0));
    }
  });

  it('skips group ids outside 0 … nGroups−1', () => {
    const h = histogramByGroup(Float64Array.of(1, 2, 3), Uint8Array.of(0, 5, 1), { edges: [0, 10] });
    expect(h.counts.map((c) => c[0])).toEqual([1, 1]);
  });
});

describe('windowSums', () => {
  it('sums consecutive windows, the last one shorter, NaN skipped', () => {
    const w = windowSums(Float64Array.of(1, 2, NaN, 4, 5), 2);
    expect(Array.from(w.sums)).toEqual([3, 4, 5]);
    expect(Array.from(w.counts)).toEqual([2, 1, 1]);
  });

  it('over a selection; no windows for empty input or a window below 1', () => {
    expect(Array.from(windowSums(Float64Array.of(1, 2, 3, 4), 2, Uint32Array.of(3, 2, 0)).sums)).toEqual([7, 1]);
    expect(windowSums(new Float64Array(0), 10).sums.length).toBe(0);
    expect(windowSums(Float64Array.of(1), 0).sums.length).toBe(0);
  });
});
