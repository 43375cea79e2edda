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

/**
 * What `rowClasses` uses of a numeric column's `PresortedColumn` (quantile.ts): the rows of its
 * non-zero values (NaN and ±0 left out) with those values ascending, and the rows holding NaN.
 */
export interface SortedNonZero {
  readonly values: Float64Array;
  readonly order: Uint32Array;
  readonly sorted: Float64Array;
  readonly nanRows: Uint32Array;
}

/**
 * One column's word into a row hash: rotate, xor, multiply (FxHash's step), a third of the work
 * of Murmur3's mixing step. It spreads the bits less, but the slot in the table comes from
 * `fmix` of the result, and a collision of both halves only costs a comparison.
 */
function step(h: number, w: number): number {
  return Math.imul(((h << 5) | (h >>> 27)) ^ w, 0x2c1b3c6d);
}

/** The same step with other constants, for the hash's high half. */
function step2(h: number, w: number): number {
  return Math.imul(((h << 7) | (h >>> 25)) ^ w, 0x297a2d39);
}

/** Same value for the purpose of duplicates: NaN equals NaN and −0 equals +0, as in pandas. */
function sameValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/**
 * The columns split by kind, so that every loop over them reads one array type (a loop over
 * both kinds makes V8's element loads polymorphic, several times slower).
 */
interface SplitColumns {
  readonly numeric: readonly Float64Array[];
  readonly codes: readonly Codes[];
}

function splitColumns(columns: readonly RowColumn[]): SplitColumns {
  const numeric: Float64Array[] = [];
  const codes: Codes[] = [];
  for (const col of columns) {
    if (col instanceof Float64Array) numeric.push(col);
    else codes.push(col);
  }
  return { numeric, codes };
}

function rowsEqual(columns: SplitColumns, r: number, s: number): boolean {
  for (const col of columns.numeric) if (!sameValue(col[r], col[s])) return false;
  for (const col of columns.codes) if (col[r] !== col[s]) return false;
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
  const split = splitColumns(columns);
  const hash = rowHashes(split, n, index).low;
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
      if (rowsEqual(split, bucket, row)) duplicates++;
      else seen.set(h, [bucket, row]);
    } else {
      let found = false;
      for (const other of bucket) {
        if (rowsEqual(split, other, row)) {
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

/**
 * The classes of equal rows. Rows are grouped by a 64-bit hash first, and only then is every
 * row checked against the first row of its group, column by column over all the rows at once
 * (a pass per column reads one array type and one row in sequence: ~3× faster than comparing
 * row by row across the columns). Should two different rows share the 64-bit hash (for a hash
 * that spreads well, a chance of about n²/2⁶⁵), the
 * check fails and the classes are worked out again comparing rows one by one, so a collision can
 * never merge two different rows: the result is always the exact one.
 *
 * With `presorted` (for each numeric column, its `presortColumn`; entries of other columns are
 * ignored) the hash adds a word per (column, value) and zeros add nothing, so that a numeric
 * column costs a pass over its non-zero values only (30% of NSL-KDD's cells), in sorted order
 * where a run of equal values needs one word: ~3× less hashing.
 */
export function rowClasses(columns: readonly RowColumn[], presorted?: readonly (SortedNonZero | undefined)[]): RowClasses {
  const n = columns.length === 0 ? 0 : columns[0].length;
  const split = splitColumns(columns);
  const sparse = presorted && columns.every((col, j) => !(col instanceof Float64Array) || presorted[j]?.values === col);
  const { low, high } = sparse ? rowHashesSparse(columns, presorted, n) : rowHashes(split, n);
  return classesOf(split, n, low, high);
}

/**
 * `rowClasses` with the given row hashes (for the tests: hashes that collide on purpose must
 * still give the exact classes).
 * @internal
 */
export function rowClassesWithHashes(columns: readonly RowColumn[], low: Int32Array, high: Int32Array): RowClasses {
  const n = columns.length === 0 ? 0 : columns[0].length;
  return classesOf(splitColumns(columns), n, low, high);
}

function classesOf(columns: SplitColumns, n: number, low: Int32Array, high: Int32Array): RowClasses {
  return classesByHash(columns, n, low, high) ?? classesExact(columns, n, low);
}

/** An open-addressing table of the first row of each class (row + 1; 0 = empty). */
function slotTable(n: number): Int32Array {
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  return new Int32Array(capacity);
}

/**
 * Classes by equal (low, high) hash, in order of first appearance, then checked value by value;
 * null when some row differs from the first row of its group (a collision of the full hash).
 * When every row equals its group's first row, the groups are exactly the classes of equal rows
 * (equal rows always hash alike), so the numbering is `classesExact`'s.
 */
function classesByHash(columns: SplitColumns, n: number, low: Int32Array, high: Int32Array): RowClasses | null {
  const classOf = new Int32Array(n);
  const slots = slotTable(n);
  const mask = slots.length - 1;
  // the rows that joined a group, and that group's first row
  const joined = new Uint32Array(n);
  const firstOf = new Uint32Array(n);
  let pairs = 0;
  let count = 0;
  for (let row = 0; row < n; row++) {
    const h = low[row];
    const g = high[row];
    let s = fmix(h) & mask;
    for (;;) {
      const first = slots[s] - 1;
      if (first < 0) {
        slots[s] = row + 1;
        classOf[row] = count++;
        break;
      }
      if (low[first] === h && high[first] === g) {
        classOf[row] = classOf[first];
        joined[pairs] = row;
        firstOf[pairs++] = first;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  for (const col of columns.numeric) if (!pairsEqualNumeric(col, joined, firstOf, pairs)) return null;
  for (const col of columns.codes) if (!pairsEqualCodes(col, joined, firstOf, pairs)) return null;
  return { classOf, count };
}

function pairsEqualNumeric(col: Float64Array, a: Uint32Array, b: Uint32Array, pairs: number): boolean {
  for (let i = 0; i < pairs; i++) {
    const x = col[a[i]];
    const y = col[b[i]];
    if (x !== y && (x === x || y === y)) return false;
  }
  return true;
}

function pairsEqualCodes(col: Codes, a: Uint32Array, b: Uint32Array, pairs: number): boolean {
  for (let i = 0; i < pairs; i++) if (col[a[i]] !== col[b[i]]) return false;
  return true;
}

/** The classes comparing each row value by value with the rows of equal (32-bit) hash. */
function classesExact(columns: SplitColumns, n: number, hash: Int32Array): RowClasses {
  const classOf = new Int32Array(n);
  const slots = slotTable(n);
  const mask = slots.length - 1;
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

/** NaN's high word as the hash reads it. */
const NAN_HI = 0x7ff80000 << 1;

/**
 * The two halves of a 64-bit hash of each row (of the selection, in index order), column by
 * column. A double's bits are read through a 32-bit view of its column; the sign bit is taken
 * from `v < 0` rather than from the bits, so that −0 hashes as +0, and every NaN as one NaN.
 */
function rowHashes(columns: SplitColumns, n: number, index?: Uint32Array): { low: Int32Array; high: Int32Array } {
  const low = new Int32Array(n);
  const high = new Int32Array(n);
  // One loop for a selection and for all rows: the engine hashes from the presorts
  // (rowHashesSparse), so this path only serves `duplicateRows` and rowClasses without them.
  for (const col of columns.numeric) {
    const bits = new Uint32Array(col.buffer, col.byteOffset, 2 * col.length);
    for (let i = 0; i < n; i++) {
      const r = index ? index[i] : i;
      const v = col[r];
      let lo = bits[2 * r];
      // the exponent and mantissa's top bits shifted up, the sign (of a non-zero) at the bottom
      let hi = (bits[2 * r + 1] << 1) | (v < 0 ? 1 : 0);
      if (v !== v) {
        lo = 0;
        hi = NAN_HI;
      }
      // one word per half, each a different bijective mix of the two (both agree only by chance)
      low[i] = step(low[i], lo ^ Math.imul(hi, 0x9e3779b1));
      high[i] = step2(high[i], hi + Math.imul(lo, 0x85ebca6b));
    }
  }
  for (const col of columns.codes) {
    for (let i = 0; i < n; i++) {
      const c = col[index ? index[i] : i];
      low[i] = step(low[i], c);
      high[i] = step2(high[i], Math.imul(c, 0x85ebca6b));
    }
  }
  return { low, high };
}

/** A (column, value) word of the additive hash: each half from both words of the double. */
function wordLow(seed: number, lo: number, hi: number): number {
  return fmix(hi ^ seed ^ fmix(lo ^ 0x1b873593));
}

function wordHigh(seed: number, lo: number, hi: number): number {
  return fmix(lo ^ seed ^ fmix((hi + 0x27d4eb2d) | 0));
}

/** The seed of column j's words (so that equal values in different columns differ). */
function columnSeed(j: number): number {
  return Math.imul(j + 1, 0x9e3779b1);
}

/**
 * `rowHashes` for `rowClasses` with every numeric column presorted: each row's hash is the sum
 * of a word per (column, value), zeros (±0) adding nothing, so that a numeric column is visited
 * at its non-zero values only, in sorted order (one word per run of equal values). Two rows that
 * differ somewhere differ by a sum of pseudo-random words, zero in both halves only by chance.
 */
function rowHashesSparse(columns: readonly RowColumn[], presorted: readonly (SortedNonZero | undefined)[], n: number): { low: Int32Array; high: Int32Array } {
  const low = new Int32Array(n);
  const high = new Int32Array(n);
  // one small function per kind of column, so that each loop sees one array type and is
  // optimised on its own (a loop shared by both kinds would deoptimise at each switch)
  for (let j = 0; j < columns.length; j++) {
    const col = columns[j];
    const p = presorted[j];
    if (!(col instanceof Float64Array)) addCodeWords(col, columnSeed(j), low, high);
    else if (p) addValueWords(p, columnSeed(j), low, high);
  }
  return { low, high };
}

/** Adds a numeric column's words, at its non-zero values only (zeros add nothing). */
function addValueWords(p: SortedNonZero, seed: number, low: Int32Array, high: Int32Array): void {
  const { order, sorted, nanRows } = p;
  const bits = new Uint32Array(2);
  const f64 = new Float64Array(bits.buffer);
  let prev = 0; // no value in `sorted` is zero
  let w1 = 0;
  let w2 = 0;
  for (let i = 0; i < order.length; i++) {
    const v = sorted[i];
    if (v !== prev) {
      prev = v;
      f64[0] = v;
      w1 = wordLow(seed, bits[0], bits[1]) | 0;
      w2 = wordHigh(seed, bits[0], bits[1]) | 0;
    }
    const r = order[i];
    low[r] = (low[r] + w1) | 0;
    high[r] = (high[r] + w2) | 0;
  }
  if (nanRows.length === 0) return;
  // one NaN for all payloads
  w1 = wordLow(seed, 0, 0x7ff80000) | 0;
  w2 = wordHigh(seed, 0, 0x7ff80000) | 0;
  for (let i = 0; i < nanRows.length; i++) {
    const r = nanRows[i];
    low[r] = (low[r] + w1) | 0;
    high[r] = (high[r] + w2) | 0;
  }
}

/** Adds a code column's words, from a table of them when the codes' range is small (always, for dictionary codes). */
function addCodeWords(col: Codes, seed: number, low: Int32Array, high: Int32Array): void {
  const n = col.length;
  let min = 0;
  let max = 0;
  for (let r = 0; r < n; r++) {
    const c = col[r];
    if (c < min) min = c;
    else if (c > max) max = c;
  }
  if (max - min >= 1 << 16) {
    for (let r = 0; r < n; r++) {
      const c = col[r];
      low[r] = (low[r] + wordLow(seed, c, 0)) | 0;
      high[r] = (high[r] + wordHigh(seed, c, 0)) | 0;
    }
    return;
  }
  const t1 = new Int32Array(max - min + 1);
  const t2 = new Int32Array(max - min + 1);
  for (let c = min; c <= max; c++) {
    t1[c - min] = wordLow(seed, c, 0);
    t2[c - min] = wordHigh(seed, c, 0);
  }
  for (let r = 0; r < n; r++) {
    const k = col[r] - min;
    low[r] = (low[r] + t1[k]) | 0;
    high[r] = (high[r] + t2[k]) | 0;
  }
}
