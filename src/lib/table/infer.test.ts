import { describe, expect, test } from 'vitest';
import {
  CELL_HEX,
  CELL_LEADING_ZERO,
  CELL_MISSING,
  CELL_NAN,
  CELL_NUMBER,
  CELL_TEXT,
  ColumnBuilder,
  classifyCell,
  fmtInt,
  parseNumberCell,
  typeColumn,
} from './infer';
import type { CategoricalColumn, NumericColumn } from './types';

function numeric(values: string[]): NumericColumn {
  const col = typeColumn(values, 'x');
  expect(col.kind).toBe('numeric');
  return col as NumericColumn;
}

function categorical(values: string[]): CategoricalColumn {
  const col = typeColumn(values, 'x');
  expect(col.kind).toBe('categorical');
  return col as CategoricalColumn;
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('classifyCell', () => {
  test.each([
    ['12', CELL_NUMBER],
    ['-0.5', CELL_NUMBER],
    ['.5', CELL_NUMBER],
    ['1e5', CELL_NUMBER],
    ['1E-3', CELL_NUMBER],
    ['+7', CELL_NUMBER],
    ['0', CELL_NUMBER],
    ['0.00', CELL_NUMBER],
    ['-0', CELL_NUMBER],
    ['Infinity', CELL_NUMBER],
    ['-Infinity', CELL_NUMBER],
    ['inf', CELL_NUMBER],
    ['-INF', CELL_NUMBER],
    [' 5 ', CELL_NUMBER],
    ['NaN', CELL_NAN],
    ['nan', CELL_NAN],
    ['', CELL_MISSING],
    ['   ', CELL_MISSING],
    ['007', CELL_LEADING_ZERO],
    ['0012', CELL_LEADING_ZERO],
    ['-012', CELL_LEADING_ZERO],
    ['0x1F', CELL_HEX],
    ['0b101', CELL_TEXT],
    ['0o17', CELL_TEXT],
    ['1,5', CELL_TEXT],
    ['tcp', CELL_TEXT],
    ['1 2', CELL_TEXT],
    ['12abc', CELL_TEXT],
    ['infinite', CELL_TEXT],
  ])('%j → %i', (s, kind) => {
    expect(classifyCell(s)).toBe(kind);
  });

  test('parseNumberCell', () => {
    expect(parseNumberCell('1e5')).toBe(100000);
    expect(parseNumberCell('-inf')).toBe(-Infinity);
    expect(parseNumberCell('0x10')).toBe(16);
    expect(parseNumberCell('nan')).toBeNaN();
    expect(parseNumberCell('')).toBeNaN();
    expect(parseNumberCell('007')).toBeNull();
    expect(parseNumberCell('abc')).toBeNull();
  });
});

describe('typeColumn', () => {
  test('numbers with Infinity, inf, NaN and empty cells', () => {
    const col = numeric(['1', '2.5', '', 'Infinity', '-inf', 'NaN', 'nan', '1e5', '-3']);
    expect(Array.from(col.values)).toEqual([1, 2.5, NaN, Infinity, -Infinity, NaN, NaN, 100000, -3]);
    expect(col.missing).toBe(3);
    expect(col.infinite).toBe(2);
    expect(col.reason).toBe('all 8 non-empty values are numbers (1 empty, 2 NaN, 2 ±Infinity)');
  });

  test('a reason with thousands separators', () => {
    const col = numeric(Array.from({ length: 22544 }, (_, i) => String(i % 7)));
    expect(col.reason).toBe('all 22,544 non-empty values are numbers');
  });

  test('0, 0.5 and -0.5 are numbers; leading zeros are identifiers', () => {
    expect(numeric(['0', '0.5', '-0.5', '10']).values).toEqual(new Float64Array([0, 0.5, -0.5, 10]));
    const ids = categorical(['12', '0012', '7', '0007']);
    expect(ids.dictionary).toEqual(['12', '0012', '7', '0007']);
    expect(ids.reason).toBe("text: values with leading zeros look like identifiers ('0012')");
  });

  test('leading zeros, then real text: the text reason wins', () => {
    const col = categorical(['1', '007', 'abc']);
    expect(col.reason).toContain('3 distinct values');
    expect(col.reason).toContain("'abc' is not a number");
  });

  test('hexadecimal counts as numeric and is said so', () => {
    const col = numeric(['0x10', '17', '0xff']);
    expect(Array.from(col.values)).toEqual([16, 17, 255]);
    expect(col.reason).toContain('2 hexadecimal');
  });

  test('text: distinct values, examples, the first non-number; values kept verbatim', () => {
    const col = categorical(['1', '2', 'tcp', 'udp', 'tcp', '', 'icmp', '0.50']);
    expect(col.dictionary).toEqual(['1', '2', 'tcp', 'udp', 'icmp', '0.50']);
    expect(Array.from(col.codes)).toEqual([0, 1, 2, 3, 2, -1, 4, 5]);
    expect(col.missing).toBe(1);
    expect(col.reason).toBe("text: 6 distinct values such as '1', '2', 'tcp'; 'tcp' is not a number");
    const pure = categorical(['tcp', 'udp', 'icmp']);
    expect(pure.reason).toBe("text: 3 distinct values such as 'tcp', 'udp', 'icmp'");
  });

  test('whitespace-only is missing in numeric columns; padded numbers are numbers', () => {
    const col = numeric([' 5 ', '  ', '6']);
    expect(Array.from(col.values)).toEqual([5, NaN, 6]);
    expect(col.missing).toBe(1);
  });

  test('an all-empty column is numeric and all missing', () => {
    const col = numeric(['', '', '']);
    expect(col.missing).toBe(3);
    expect(col.reason).toMatch(/every value is empty/);
  });

  test('category values such as __proto__ and constructor are plain data', () => {
    const col = categorical(['__proto__', 'constructor', '__proto__', 'toString', 'hasOwnProperty']);
    expect(col.dictionary).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(Array.from(col.codes)).toEqual([0, 1, 0, 2, 3]);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  test('the fast number path gives exactly the double `+s` gives', () => {
    const rand = rng(42);
    const cells: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const intDigits = Math.floor(rand() * 9);
      const fracDigits = Math.floor(rand() * 9);
      let s = rand() < 0.3 ? '-' : '';
      s += intDigits === 0 ? '0' : String(1 + Math.floor(rand() * 9));
      for (let k = 1; k < intDigits; k++) s += String(Math.floor(rand() * 10));
      if (fracDigits > 0 || rand() < 0.1) s += '.';
      for (let k = 0; k < fracDigits; k++) s += String(Math.floor(rand() * 10));
      cells.push(s);
    }
    cells.push('0.1', '0.3', '123456789012345', '1234567890123456789', '9007199254740993', '.5', '5.', '-0', '0.000000000000001');
    const col = numeric(cells);
    for (let i = 0; i < cells.length; i++) expect(Object.is(col.values[i], +cells[i]), cells[i]).toBe(true);
  });

  test('a builder turning text late gets its earlier values back verbatim', () => {
    const b = new ColumnBuilder('x', 'x', 1);
    const first = [['a', '0.50'], ['b', '1']];
    expect(ColumnBuilder.addBatch([b], first)).toEqual([]);
    const second = [['c', '2.0'], ['d', 'N/A'], ['e', '3']];
    const stalled = ColumnBuilder.addBatch([b], second);
    expect(stalled).toEqual([{ b, stop: 1 }]);
    b.toText(['0.50', '1'], second, 1);
    b.addText(second, 1);
    const col = b.finish() as CategoricalColumn;
    expect(col.kind).toBe('categorical');
    expect(col.dictionary).toEqual(['0.50', '1', '2.0', 'N/A', '3']);
    expect(col.reason).toContain("'N/A' is not a number");
  });
});

test('fmtInt', () => {
  expect(fmtInt(0)).toBe('0');
  expect(fmtInt(999)).toBe('999');
  expect(fmtInt(1000)).toBe('1,000');
  expect(fmtInt(1234567)).toBe('1,234,567');
  expect(fmtInt(-12833)).toBe('-12,833');
});
