/**
 * Test-only helpers: parse the real NSL-KDD files (header-less, 43 comma-separated fields) into
 * typed columns with a plain split, without the table library, and read the reference fixtures
 * written by scripts/ref_hypotheses.py.
 */

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const DATA_DIR = fileURLToPath(
  new URL('../../../../../../shared/datasets/nsl-kdd/', import.meta.url),
);
export const FIXTURE_DIR = fileURLToPath(
  new URL('../../../../../tests/fixtures/reference/', import.meta.url),
);
export const KDD_FILES = ['KDDTest+', 'KDDTrain+_20Percent'] as const;
export const dataAvailable = existsSync(DATA_DIR + 'KDDTest+.txt');

export interface KddData {
  readonly nRows: number;
  readonly numeric: Map<string, Float64Array>;
  readonly categorical: Map<string, { codes: Int32Array; dictionary: string[] }>;
  /** Feature order as in field-names.csv (41 features). */
  readonly features: readonly { name: string; kind: 'numeric' | 'categorical' }[];
  readonly y: Uint8Array;
}

function fieldNames(): { names: string[]; kinds: string[] } {
  const names: string[] = [];
  const kinds: string[] = [];
  for (const line of readFileSync(DATA_DIR + 'field-names.csv', 'utf8').split('\n')) {
    const t = line.trim();
    if (!t) continue;
    const [n, k] = t.split(',');
    names.push(n);
    kinds.push(k);
  }
  if (names.length === 41) {
    names.push('attack', 'level');
    kinds.push('symbolic', 'continuous');
  }
  return { names, kinds };
}

/** Parse one file; `repeat` concatenates it that many times (for timing at 126k rows). */
export function loadKdd(file: string, repeat = 1): KddData {
  const { names, kinds } = fieldNames();
  const text = readFileSync(DATA_DIR + file + '.txt', 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const base = lines.length;
  const nRows = base * repeat;
  const nCols = names.length;
  const numeric = new Map<string, Float64Array>();
  const categorical = new Map<string, { codes: Int32Array; dictionary: string[] }>();
  const dicts: (Map<string, number> | null)[] = [];
  for (let c = 0; c < nCols; c++) {
    if (kinds[c] === 'continuous') {
      numeric.set(names[c], new Float64Array(nRows));
      dicts.push(null);
    } else {
      categorical.set(names[c], { codes: new Int32Array(nRows), dictionary: [] });
      dicts.push(new Map());
    }
  }
  const numCols = names.map((n) => numeric.get(n));
  const catCols = names.map((n) => categorical.get(n));
  for (let r = 0; r < base; r++) {
    const f = lines[r].replace(/\r$/, '').split(',');
    for (let c = 0; c < nCols; c++) {
      const num = numCols[c];
      if (num) num[r] = f[c] === '' ? NaN : Number(f[c]);
      else {
        const d = dicts[c]!;
        const cat = catCols[c]!;
        let code = d.get(f[c]);
        if (code === undefined) {
          code = cat.dictionary.length;
          d.set(f[c], code);
          cat.dictionary.push(f[c]);
        }
        cat.codes[r] = code;
      }
    }
  }
  for (let k = 1; k < repeat; k++) {
    for (const v of numeric.values()) v.copyWithin(k * base, 0, base);
    for (const v of categorical.values()) v.codes.copyWithin(k * base, 0, base);
  }
  const attack = categorical.get('attack')!;
  const normal = attack.dictionary.indexOf('normal');
  const y = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) y[i] = attack.codes[i] === normal ? 0 : 1;
  const features = names.slice(0, 41).map((name, i) => ({
    name,
    kind: kinds[i] === 'continuous' ? ('numeric' as const) : ('categorical' as const),
  }));
  return { nRows, numeric, categorical, features, y };
}

// -------------------------------------------------------------------------------------------

/** JSON number | null (NaN) | "Infinity" | "-Infinity" → number. */
export type Num = number | null | string;
export function num(v: Num | undefined): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'string') return Number(v);
  return v;
}

// The fixture is plain JSON written by Python; tests navigate it loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Fixture = any;
export function readFixture(file: string): Fixture {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}hypo-${file}.json`, 'utf8'));
}

/** Relative closeness (NaN expected ⇔ NaN actual; ±∞ must match exactly). */
export function expectClose(actual: number, expected: Num, rel = 1e-6, what = ''): void {
  const e = num(expected);
  if (Number.isNaN(e)) {
    expect(actual, `${what}: expected NaN`).toBeNaN();
    return;
  }
  if (!Number.isFinite(e)) {
    expect(actual, what).toBe(e);
    return;
  }
  const tol = rel * Math.max(Math.abs(e), 1e-300);
  expect(
    Math.abs(actual - e) <= tol,
    `${what}: ${actual} vs ${e} (rel ${Math.abs(actual - e) / Math.abs(e)})`,
  ).toBe(true);
}

/** p-values: relative 1e-6 above 1e-300; below, both must be tiny. */
export function expectP(actual: number, expected: Num, what = ''): void {
  const e = num(expected);
  if (!Number.isNaN(e) && e <= 1e-300) {
    expect(actual <= 1e-290, `${what}: p ${actual} should be tiny like ${e}`).toBe(true);
    return;
  }
  expectClose(actual, expected, 1e-6, what);
}

/** log10 p: relative `rel` for large magnitudes, absolute `rel` near 0 (p close to 1). */
export function expectLog10(actual: number, expected: Num, rel = 1e-8, what = ''): void {
  const e = num(expected);
  if (Number.isNaN(e)) {
    expect(actual, `${what}: expected NaN`).toBeNaN();
    return;
  }
  const tol = rel * Math.max(1, Math.abs(e));
  expect(Math.abs(actual - e) <= tol, `${what}: log10p ${actual} vs ${e}`).toBe(true);
}
