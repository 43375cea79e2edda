import { describe, expect, it } from 'vitest';
import { describeCategorical, describeNumeric } from './describe';

describe('describeNumeric', () => {
  it('computes the pandas summary of a small column', () => {
    const s = describeNumeric(Float64Array.of(1, 2, 2, 3, NaN, 0, 10));
    expect(s.count).toBe(6);
    expect(s.missing).toBe(1);
    expect(s.sum).toBe(18);
    expect(s.mean).toBe(3);
    expect(s.std).toBeCloseTo(Math.sqrt(64 / 5), 14);
    expect([s.min, s.p25, s.median, s.p75, s.max]).toEqual([0, 1.25, 2, 2.75, 10]);
    expect(s.zeros).toBe(1);
    expect(s.zerosPct).toBeCloseTo(100 / 6, 12);
    expect(s.distinct).toBe(5);
    expect(s.infinite).toBe(0);
  });

  it('restricts to a selection', () => {
    const v = Float64Array.of(100, 1, 2, 3, -50);
    const s = describeNumeric(v, Uint32Array.of(1, 2, 3));
    expect([s.count, s.mean, s.min, s.max]).toEqual([3, 2, 1, 3]);
    const none = describeNumeric(v, new Uint32Array(0));
    expect(none.count).toBe(0);
    expect(none.mean).toBeNaN();
  });

  it('degenerate columns give NaN (or pandas’ 0 skew/kurt for constants), never throw', () => {
    const empty = describeNumeric(new Float64Array(0));
    expect([empty.count, empty.sum, empty.distinct, empty.zeros]).toEqual([0, 0, 0, 0]);
    for (const k of ['mean', 'std', 'min', 'p25', 'median', 'p75', 'max', 'skew', 'kurtosis', 'zerosPct'] as const) {
      expect(empty[k], k).toBeNaN();
    }
    const one = describeNumeric(Float64Array.of(4));
    expect([one.mean, one.min, one.max, one.median]).toEqual([4, 4, 4, 4]);
    expect(one.std).toBeNaN();
    expect(one.skew).toBeNaN();
    const constant = describeNumeric(Float64Array.of(3, 3, 3, 3, 3));
    expect(constant.std).toBe(0);
    expect(constant.skew).toBe(0);
    expect(constant.kurtosis).toBe(0);
    const missing = describeNumeric(Float64Array.of(NaN, NaN));
    expect([missing.count, missing.missing]).toEqual([2 - 2, 2]);
    expect(missing.mean).toBeNaN();
  });

  it('infinities count as values, make mean infinite and the moments NaN', () => {
    const s = describeNumeric(Float64Array.of(1, Infinity, 2));
    expect(s.count).toBe(3);
    expect(s.infinite).toBe(1);
    expect(s.mean).toBe(Infinity);
    expect(s.std).toBeNaN();
    expect(s.max).toBe(Infinity);
    expect(describeNumeric(Float64Array.of(-Infinity, Infinity)).mean).toBeNaN();
  });

  it('skew and kurtosis of a known sample (SciPy: skew(bias=False), kurtosis(bias=False))', () => {
    const s = describeNumeric(Float64Array.of(1, 2, 3, 4, 10));
    // scipy.stats.skew([1,2,3,4,10], bias=False), scipy.stats.kurtosis(..., bias=False)
    expect(s.skew).toBeCloseTo(1.6970562748477143, 12);
    expect(s.kurtosis).toBeCloseTo(3.152000000000001, 12);
  });
});

describe('describeCategorical', () => {
  const dict = ['tcp', 'udp', '__proto__', 'icmp'];
  const codes = Int32Array.of(0, 1, 0, 2, -1, 2, 0, 2, 7);

  it('counts, missing (−1 and codes outside the dictionary), top and a sorted table', () => {
    const s = describeCategorical(codes, dict);
    expect(s.count).toBe(7);
    expect(s.missing).toBe(2);
    expect(s.distinct).toBe(3);
    expect(s.top).toBe('tcp'); // tie 3–3 with __proto__: lower code wins
    expect(s.topCount).toBe(3);
    expect(s.values).toEqual(['tcp', '__proto__', 'udp']);
    expect(Array.from(s.counts)).toEqual([3, 3, 1]);
    expect(s.otherCount).toBe(0);
  });

  it('truncates the table and reports what was left out', () => {
    const s = describeCategorical(codes, dict, undefined, { maxValues: 1 });
    expect(s.values).toEqual(['tcp']);
    expect(s.otherCount).toBe(4);
  });

  it('selection and empty input', () => {
    expect(describeCategorical(codes, dict, Uint32Array.of(1, 3)).values).toEqual(['udp', '__proto__']);
    const none = describeCategorical(new Int32Array(0), dict);
    expect([none.count, none.distinct, none.top, none.topCount]).toEqual([0, 0, null, 0]);
  });
});

describe('describeSorted', () => {
  /** Every value visited in sorted order (the zeros included), as describe was first written. */
  function plain(values: Float64Array): Record<string, number> {
    const x = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
    let sum = 0;
    let zeros = 0;
    let infinite = 0;
    for (const v of x) {
      sum += v;
      if (v === 0) zeros++;
      else if (!Number.isFinite(v)) infinite++;
    }
    const mean = x.length > 0 ? sum / x.length : NaN;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const v of x) {
      const d = v - mean;
      const d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    let distinct = x.length > 0 ? 1 : 0;
    for (let i = 1; i < x.length; i++) if (x[i] !== x[i - 1]) distinct++;
    return { sum, zeros, infinite, mean, m2, m3, m4, distinct };
  }

  it('skips the block of zeros without changing a bit of the sums', () => {
    let s = 5;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let t = 0; t < 40; t++) {
      const pool = [0, 0, 0, -0, 0.1, -0.3, 7, 1e-9, -2.5e6, NaN];
      if (t % 5 === 0) pool.push(Infinity);
      const v = Float64Array.from({ length: 1 + Math.floor(rnd() * 300) }, () => (rnd() < 0.5 ? pool[Math.floor(rnd() * pool.length)] : (rnd() - 0.4) * 10 ** Math.floor(rnd() * 8)));
      const got = describeNumeric(v);
      const want = plain(v);
      expect(Object.is(got.sum, want.sum) && Object.is(got.mean, want.mean), `sum ${t}`).toBe(true);
      expect([got.zeros, got.infinite, got.distinct]).toEqual([want.zeros, want.infinite, want.distinct]);
      if (want.infinite === 0 && got.count > 1) expect(Object.is(got.std, Math.sqrt(want.m2 / (got.count - 1))), `std ${t}`).toBe(true);
    }
  });
});
