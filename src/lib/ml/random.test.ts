import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt, seededSample, seededShuffle, shuffleInPlace } from './random';
import { allRows, trainValidationSplit } from './split';

describe('mulberry32', () => {
  it('is deterministic and in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('matches the reference mulberry32 (Ettinger) for seed 0 (regression pin)', () => {
    const r = mulberry32(0);
    const first = [r(), r(), r()].map((x) => Math.round(x * 4294967296));
    expect(first).toMatchInlineSnapshot(`
      [
        1144304738,
        1416247,
        958946056,
      ]
    `);
  });

  it('differs between seeds and is roughly uniform', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
    const r = mulberry32(9);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(r() * 10)]++;
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('randomInt stays in range and validates n', () => {
    const r = mulberry32(5);
    for (let i = 0; i < 1000; i++) {
      const k = randomInt(r, 7);
      expect(k >= 0 && k < 7 && Number.isInteger(k)).toBe(true);
    }
    expect(() => randomInt(r, 0)).toThrow(RangeError);
    expect(() => randomInt(r, 1.5)).toThrow(RangeError);
  });
});

describe('shuffles and samples', () => {
  it('seededShuffle is a deterministic permutation and leaves its input alone', () => {
    const idx = allRows(1000);
    const a = seededShuffle(idx, 7);
    const b = seededShuffle(idx, 7);
    expect(a).toEqual(b);
    expect(a).not.toEqual(idx);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from(idx));
    expect(idx[999]).toBe(999);
    expect(seededShuffle(idx, 8)).not.toEqual(a);
  });

  it('shuffleInPlace handles tiny arrays', () => {
    expect(shuffleInPlace(new Uint32Array(0), mulberry32(1))).toEqual(new Uint32Array(0));
    expect(shuffleInPlace(Uint32Array.of(4), mulberry32(1))).toEqual(Uint32Array.of(4));
  });

  it('seededSample picks k distinct rows, ascending, deterministically', () => {
    const idx = allRows(10_000).map((i) => i * 3);
    const s = seededSample(idx, 500, 3);
    expect(s.length).toBe(500);
    expect(new Set(s).size).toBe(500);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    for (const v of s) expect(v % 3).toBe(0);
    expect(seededSample(idx, 500, 3)).toEqual(s);
    expect(seededSample(idx, 20_000, 3)).toEqual(idx);
    expect(seededSample(idx, 0, 3).length).toBe(0);
  });
});

describe('trainValidationSplit', () => {
  it('partitions the selection deterministically with sorted parts', () => {
    const idx = allRows(1000).filter((i) => i % 2 === 0); // a selection, not all rows
    const { train, validation } = trainValidationSplit(idx, 0.2, 42);
    expect(validation.length).toBe(100);
    expect(train.length).toBe(400);
    const union = new Set([...train, ...validation]);
    expect(union.size).toBe(500);
    for (const v of union) expect(v % 2).toBe(0);
    for (let i = 1; i < train.length; i++) expect(train[i]).toBeGreaterThan(train[i - 1]);
    const again = trainValidationSplit(idx, 0.2, 42);
    expect(again.train).toEqual(train);
    expect(again.validation).toEqual(validation);
    expect(trainValidationSplit(idx, 0.2, 43).validation).not.toEqual(validation);
    expect(idx[1]).toBe(2); // input untouched
  });

  it('rounds the validation size and accepts the ends of [0, 1]', () => {
    expect(trainValidationSplit(allRows(30), 0.1, 1).validation.length).toBe(3);
    expect(trainValidationSplit(allRows(10), 0, 1).train.length).toBe(10);
    expect(trainValidationSplit(allRows(10), 1, 1).validation.length).toBe(10);
    expect(trainValidationSplit(new Uint32Array(0), 0.5, 1).train.length).toBe(0);
    expect(() => trainValidationSplit(allRows(10), 1.5, 1)).toThrow(RangeError);
    expect(() => trainValidationSplit(allRows(10), NaN, 1)).toThrow(RangeError);
  });
});
