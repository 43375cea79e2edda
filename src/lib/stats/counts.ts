/**
 * Counting over dictionary codes: value counts, contingency tables, top-N categories and
 * duplicate rows. Codes are the Table's categorical codes (−1 = missing); a label or anomaly
 * flag (`Uint8Array` of 0/1) works as codes too.
 */

/** Any integer code array: categorical codes, `isAnomaly`, group ids. */
export type Codes = Int32Array | Uint8Array | Uint16Array | Uint32Array | Int16Array | Int8Array;

/** A dense contingency table, row-major: `counts[r * cols + c]`. */
export interface Contingency {
  readonly rows: number;
  readonly cols: number;
  readonly counts: Float64Array;
}

/**
 * Occurrences of each code 0 … nCategories−1 (over the selection when `index` is given).
 * Missing (−1) and out-of-range codes are not counted.
 */
export function valueCounts(codes: Codes, nCategories: number, index?: Uint32Array): Float64Array {
  const out = new Float64Array(nCategories);
  const n = index ? index.length : codes.length;
  for (let i = 0; i < n; i++) {
    const c = index ? codes[index[i]] : codes[i];
    if (c >= 0 && c < nCategories) out[c]++;
  }
  return out;
}

/**
 * Cross-tabulation of two code arrays (rows: A, columns: B), like `pd.crosstab(a, b)` but
 * dense: every code 0 … n−1 has its row/column, zero rows included. Rows where either code is
 * missing or out of range are left out (pandas drops them too).
 */
export function crossTab(
  codesA: Codes,
  nA: number,
  codesB: Codes,
  nB: number,
  index?: Uint32Array,
): Contingency {
  const counts = new Float64Array(nA * nB);
  const n = index ? index.length : codesA.length;
  for (let i = 0; i < n; i++) {
    const r = index ? index[i] : i;
    const a = codesA[r];
    const b = codesB[r];
    if (a >= 0 && a < nA && b >= 0 && b < nB) counts[a * nB + b]++;
  }
  return { rows: nA, cols: nB, counts };
}

/**
 * Codes of the `n` largest counts, largest first (ties: lower code first); zero counts are
 * never returned. For "top N + other" charts.
 */
export function topCategories(counts: Float64Array, n: number): number[] {
  const codes: number[] = [];
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) codes.push(c);
  codes.sort((a, b) => counts[b] - counts[a] || a - b);
  return codes.slice(0, Math.max(0, Math.floor(n)));
}

/** A column as the duplicate finder sees it: numeric values or categorical codes. */
export type RowColumn = Float64Array | Codes;

// Scratch views to read a double's bit pattern without allocating.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Murmur3's 32-bit mixing step. */
function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Same value for the purpose of duplicates: NaN equals NaN and −0 equals +0, as in pandas. */
function sameValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

function rowsEqual(columns: readonly RowColumn[], r: number, s: number): boolean {
  for (let c = 0; c < columns.length; c++) {
    if (!sameValue(columns[c][r], columns[c][s])) return false;
  }
  return true;
}

/**
 * Number of rows that repeat an earlier row in every column — pandas
 * `df.duplicated().sum()` (keep="first"), over the selection when `index` is given (in index
 * order). Rows are hashed column by column; equal hashes are then compared value by value, so a
 * hash collision can never merge two different rows.
 */
export function duplicateRows(columns: readonly RowColumn[], index?: Uint32Array): number {
  if (columns.length === 0) return 0;
  const n = index ? index.length : columns[0].length;
  const hash = rowHashes(columns, index);
  // hash → the distinct rows (row numbers) seen with that hash; almost always one.
  const seen = new Map<number, number | number[]>();
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    const row = index ? index[i] : i;
    const h = hash[i];
    const bucket = seen.get(h);
    if (bucket === undefined) {
      seen.set(h, row);
    } else if (typeof bucket === 'number') {
      if (rowsEqual(columns, bucket, row)) duplicates++;
      else seen.set(h, [bucket, row]);
    } else {
      let found = false;
      for (const other of bucket) {
        if (rowsEqual(columns, other, row)) {
          found = true;
          break;
        }
      }
      if (found) duplicates++;
      else bucket.push(row);
    }
  }
  return duplicates;
}

/**
 * Rows grouped into classes of equal rows (equal in every column, as `duplicateRows` compares
 * them): `classOf[row]` is the class id, numbered in order of first appearance. Worked out once
 * per dataset, it answers the duplicate count of any selection in one pass (`duplicatesIn`).
 */
export interface RowClasses {
  readonly classOf: Int32Array;
  /** Number of distinct rows. */
  readonly count: number;
}

export function rowClasses(columns: readonly RowColumn[]): RowClasses {
  const n = columns.length === 0 ? 0 : columns[0].length;
  const hash = rowHashes(columns);
  const classOf = new Int32Array(n);
  // An open-addressing table of the first row of each class (row + 1; 0 = empty), probed
  // linearly: several times faster than a Map of 100k+ numbers. Rows are compared value by
  // value only when their hashes are equal, so a collision never merges two different rows.
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const slots = new Int32Array(capacity);
  const mask = capacity - 1;
  let count = 0;
  for (let row = 0; row < n; row++) {
    const h = hash[row];
    let s = fmix(h) & mask;
    for (;;) {
      const first = slots[s] - 1;
      if (first < 0) {
        slots[s] = row + 1;
        classOf[row] = count++;
        break;
      }
      if (hash[first] === h && rowsEqual(columns, first, row)) {
        classOf[row] = classOf[first];
        break;
      }
      s = (s + 1) & mask;
    }
  }
  return { classOf, count };
}

/** Murmur3's finaliser: spreads every bit of the hash over the low bits used as a slot. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * `duplicateRows` of a selection from the row classes: a selected row is a duplicate exactly
 * when an earlier selected row is in its class, so the count is the selection's size minus the
 * classes it touches (the same number as hashing the selection again, in O(selection)).
 */
export function duplicatesIn(classes: RowClasses, index?: Uint32Array): number {
  if (!index) return classes.classOf.length - classes.count;
  const seen = new Uint8Array(classes.count);
  const classOf = classes.classOf;
  let duplicates = 0;
  for (let i = 0; i < index.length; i++) {
    const c = classOf[index[i]];
    if (seen[c] === 0) seen[c] = 1;
    else duplicates++;
  }
  return duplicates;
}

/** Hash of each row (of the selection, in index order), column by column. */
function rowHashes(columns: readonly RowColumn[], index?: Uint32Array): Int32Array {
  const n = index ? index.length : columns.length === 0 ? 0 : columns[0].length;
  const hash = new Int32Array(n);
  for (const col of columns) {
    if (col instanceof Float64Array) {
      for (let i = 0; i < n; i++) {
        let v = col[index ? index[i] : i];
        // One bit pattern per value class: all NaNs alike, −0 as +0.
        if (v !== v) v = NaN;
        else if (v === 0) v = 0;
        f64[0] = v;
        hash[i] = mix(mix(hash[i], u32[0]), u32[1]);
      }
    } else {
      for (let i = 0; i < n; i++) hash[i] = mix(hash[i], col[index ? index[i] : i]);
    }
  }
  return hash;
}
