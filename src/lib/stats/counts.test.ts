import { describe, expect, it } from 'vitest';
import { presortColumn } from './quantile';
import { crossTab, duplicateRows, duplicatesIn, rowClasses, rowClassesWithHashes, topCategories, valueCounts, type RowColumn } from './counts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('valueCounts / crossTab / topCategories', () => {
  const a = Int32Array.of(0, 1, 1, -1, 2, 1, 9);
  const b = Uint8Array.of(0, 1, 0, 1, 1, 1, 0);

  it('counts codes, ignoring missing and out-of-range', () => {
    expect(Array.from(valueCounts(a, 3))).toEqual([1, 3, 1]);
    expect(Array.from(valueCounts(a, 3, Uint32Array.of(1, 2, 3)))).toEqual([0, 2, 0]);
  });

  it('cross-tabulates row-major, dropping rows with a missing code', () => {
    const t = crossTab(a, 3, b, 2);
    expect([t.rows, t.cols]).toEqual([3, 2]);
    expect(Array.from(t.counts)).toEqual([1, 0, 1, 2, 0, 1]);
    expect(Array.from(crossTab(a, 3, b, 2, Uint32Array.of(0, 4)).counts)).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it('top categories: largest first, ties by code, zeros never', () => {
    expect(topCategories(Float64Array.of(5, 0, 7, 5, 1), 3)).toEqual([2, 0, 3]);
    expect(topCategories(Float64Array.of(0, 0), 3)).toEqual([]);
  });
});

describe('duplicateRows', () => {
  it('equals a naive string-key count on seeded data with many repeats', () => {
    const rand = lcg(11);
    const n = 5000;
    const x = Float64Array.from({ length: n }, () => [0, -0, 1.5, NaN, 2, Infinity][Math.floor(rand() * 6)]);
    const y = Float64Array.from({ length: n }, () => Math.floor(rand() * 4));
    const c = Int32Array.from({ length: n }, () => Math.floor(rand() * 5) - 1);
    const seen = new Set<string>();
    let naive = 0;
    for (let i = 0; i < n; i++) {
      const key = [x[i] === 0 ? 0 : x[i], y[i], c[i]].map(String).join('|');
      if (seen.has(key)) naive++;
      else seen.add(key);
    }
    expect(duplicateRows([x, y, c])).toBe(naive);
    const index = Uint32Array.from({ length: 1000 }, (_, i) => i * 5);
    const sub = [x, y, c].map((col) => col.constructor === Float64Array ? Float64Array.from(index, (i) => col[i]) : Int32Array.from(index, (i) => col[i]));
    expect(duplicateRows([x, y, c], index)).toBe(duplicateRows(sub));
  });

  it('distinct rows, no columns, empty selection', () => {
    expect(duplicateRows([Float64Array.of(1, 2, 3)])).toBe(0);
    expect(duplicateRows([])).toBe(0);
    expect(duplicateRows([Float64Array.of(1, 1)], new Uint32Array(0))).toBe(0);
  });

  it('never merges rows that differ (values chosen to stress the hash)', () => {
    // bit patterns that differ only in one word, and codes that mirror them
    const x = Float64Array.of(1, 1 + 2 ** -52, 2 ** 32, 2 ** 32 + 1, 1);
    const c = Int32Array.of(0, 0, 0, 0, 1);
    expect(duplicateRows([x, c])).toBe(0);
  });
});

describe('rowClasses / duplicatesIn', () => {
  it('give every selection the duplicate count that hashing the selection gives', () => {
    const rand = lcg(21);
    const n = 3000;
    // few distinct values, so that duplicates abound; NaN and −0 must match NaN and +0
    const a = Float64Array.from({ length: n }, () => [0, -0, 1, NaN, 2.5][Math.floor(rand() * 5)]);
    const b = Int32Array.from({ length: n }, () => Math.floor(rand() * 4) - 1);
    const c = Float64Array.from({ length: n }, () => Math.floor(rand() * 3));
    const cols = [a, b, c];
    const classes = rowClasses(cols);
    expect(duplicatesIn(classes)).toBe(duplicateRows(cols));
    for (let t = 0; t < 10; t++) {
      const index = Uint32Array.from(a.keys()).filter(() => rand() < 0.3);
      expect(duplicatesIn(classes, index)).toBe(duplicateRows(cols, index));
    }
    expect(duplicatesIn(classes, new Uint32Array(0))).toBe(0);
    expect(rowClasses([]).count).toBe(0);
  });

  /** Classes numbered by first appearance, from string keys (NaN as NaN, −0 as 0). */
  function naiveClasses(cols: readonly RowColumn[]): number[] {
    const ids = new Map<string, number>();
    return Array.from({ length: cols.length === 0 ? 0 : cols[0].length }, (_, r) => {
      const key = cols.map((c) => String(c[r] === 0 ? 0 : c[r])).join('|');
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    });
  }

  it('number the classes by first appearance, as string keys do', () => {
    const rand = lcg(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = Math.floor(rand() * 2000);
      const pool = [0, -0, NaN, 1, -1, 2.5, Infinity, -Infinity, 5e-324, 1 + 2 ** -52];
      const cols: RowColumn[] = [
        Float64Array.from({ length: n }, () => pool[Math.floor(rand() * (2 + trial % 9))]),
        Int32Array.from({ length: n }, () => Math.floor(rand() * 3) - 1),
        Float64Array.from({ length: n }, () => (rand() < 0.7 ? 0 : Math.floor(rand() * 4) / 4)),
        Uint8Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0)),
      ];
      const c = rowClasses(cols);
      const naive = naiveClasses(cols);
      expect(Array.from(c.classOf)).toEqual(naive);
      expect(c.count).toBe(new Set(naive).size);
    }
  });

  it('tell apart rows that differ in one column of either kind; NaN matches NaN, −0 matches +0', () => {
    const x = Float64Array.of(1, 1, 1, NaN, NaN, -0, 0, 2 ** 32, 2 ** 32 + 1, -1, 1);
    const y = Float64Array.of(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6);
    const c = Int32Array.of(0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(Array.from(rowClasses([x, y, c]).classOf)).toEqual([0, 0, 1, 2, 2, 3, 3, 4, 5, 6, 7]);
  });

  it('stay exact when the row hashes collide (every row, or only the low half)', () => {
    const rand = lcg(9);
    const n = 1500;
    const cols: RowColumn[] = [
      Float64Array.from({ length: n }, () => [0, -0, NaN, 1, 2][Math.floor(rand() * 5)]),
      Int32Array.from({ length: n }, () => Math.floor(rand() * 3)),
    ];
    const expected = rowClasses(cols);
    expect(Array.from(expected.classOf)).toEqual(naiveClasses(cols));
    const zeros = new Int32Array(n);
    // a weak hash, but a function of the row as a hash must be: equal rows, equal hashes
    const some = Int32Array.from(cols[1]);
    for (const [low, high] of [[zeros, zeros], [zeros, some], [some, zeros]]) {
      const got = rowClassesWithHashes(cols, low, high);
      expect(Array.from(got.classOf)).toEqual(Array.from(expected.classOf));
      expect(got.count).toBe(expected.count);
    }
  });

  it('come out the same with the presorted numeric columns (sparse hash) as without', () => {
    const rand = lcg(13);
    for (let trial = 0; trial < 20; trial++) {
      const n = Math.floor(rand() * 3000);
      const pool = [0, -0, NaN, 1, -1, 2.5, Infinity, -Infinity, 5e-324, 1 + 2 ** -52, 0.1, 0.30000000000000004];
      const cols: RowColumn[] = [
        Float64Array.from({ length: n }, () => pool[Math.floor(rand() * (2 + trial % 11))]),
        Int32Array.from({ length: n }, () => Math.floor(rand() * 3) - 1),
        Float64Array.from({ length: n }, () => (rand() < 0.7 ? 0 : Math.floor(rand() * 4) / 4)),
        Uint8Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0)),
        Float64Array.from({ length: n }, () => (rand() < 0.5 ? 0 : rand() < 0.5 ? -0 : NaN)),
      ];
      const presorted = cols.map((c) => (c instanceof Float64Array ? presortColumn(c) : undefined));
      const sparse = rowClasses(cols, presorted);
      expect(Array.from(sparse.classOf)).toEqual(naiveClasses(cols));
      expect(sparse.count).toBe(rowClasses(cols).count);
    }
    // a presort of another array is not used (and does not break anything)
    const x = Float64Array.of(1, 1, 2);
    expect(Array.from(rowClasses([x], [presortColumn(Float64Array.of(5, 6, 7))]).classOf)).toEqual([0, 0, 1]);
    // rows that differ only in the sign of a zero, or only in a NaN's payload, are equal
    const nan2 = new Float64Array(new Uint32Array([1, 0x7ff00000]).buffer)[0];
    const y = Float64Array.of(0, -0, NaN, nan2, 3);
    expect(Array.from(rowClasses([y], [presortColumn(y)]).classOf)).toEqual([0, 0, 1, 1, 2]);
  });
});
