/**
 * Quantiles with pandas' default (numpy's "linear" method, type 7 of Hyndman & Fan).
 *
 * pandas' `Series.quantile` drops NaN and calls `np.percentile`, so ±Infinity are values:
 * they sort to the ends and, through numpy's interpolation formula, a quantile that touches an
 * infinite neighbour is NaN (inf − inf) even at an exact index — we reproduce that formula
 * (`lerp` below) so results agree bit for bit on finite data and in the infinite edge cases.
 */

/**
 * The non-missing values (NaN dropped, ±Infinity kept) of `values`, or of `values[index[i]]`,
 * copied into a new Float64Array and sorted ascending — the same array a full typed-array sort
 * gives (−0 before +0). Typed-array sort is numeric and native; as traffic columns are mostly
 * zeros (70% of NSL-KDD's cells), only the non-zero values are sorted and the zeros are then
 * filled in between the negatives and the positives, which halves the cost of describe.
 */
export function sortedNonMissing(values: Float64Array, index?: Uint32Array): Float64Array {
  const n = index ? index.length : values.length;
  const out = new Float64Array(n);
  let m = 0;
  let zeros = 0;
  let negZeros = 0;
  let negatives = 0;
  // Two copies of one loop so that the common no-index case has no per-element branch on it.
  if (index) {
    for (let i = 0; i < n; i++) {
      const v = values[index[i]];
      if (v !== v) continue;
      if (v === 0) {
        zeros++;
        if (1 / v < 0) negZeros++;
        continue;
      }
      if (v < 0) negatives++;
      out[m++] = v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v) continue;
      if (v === 0) {
        zeros++;
        if (1 / v < 0) negZeros++;
        continue;
      }
      if (v < 0) negatives++;
      out[m++] = v;
    }
  }
  out.subarray(0, m).sort();
  if (zeros > 0) {
    out.copyWithin(negatives + zeros, negatives, m);
    out.fill(-0, negatives, negatives + negZeros);
    out.fill(0, negatives + negZeros, negatives + zeros);
  }
  const total = m + zeros;
  return total === n ? out : out.subarray(0, total);
}

/** numpy's `_lerp`: the two-sided form keeps exactness at t = 1 and monotonicity. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of an ascending array without NaN, exactly as numpy's
 * `percentile(..., method="linear")` computes it. Empty input or q outside [0, 1] → NaN.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0 || !(q >= 0 && q <= 1)) return NaN;
  const virtual = (n - 1) * q;
  let prev = Math.floor(virtual);
  let next = prev + 1;
  let gamma = virtual - prev;
  if (virtual >= n - 1) {
    // numpy clamps both neighbours to the last element and, as its index is −1, gamma = v + 1.
    prev = next = n - 1;
    gamma = virtual + 1;
  }
  return lerp(sorted[prev], sorted[next], gamma);
}

/** One quantile of the non-missing values (optionally of a selection). */
export function quantile(values: Float64Array, q: number, index?: Uint32Array): number {
  return quantileSorted(sortedNonMissing(values, index), q);
}

/** Several quantiles with a single sort. */
export function quantiles(
  values: Float64Array,
  qs: readonly number[],
  index?: Uint32Array,
): number[] {
  const sorted = sortedNonMissing(values, index);
  return qs.map((q) => quantileSorted(sorted, q));
}

/** Number of distinct values of an ascending array without NaN (−0 and +0 are one value). */
export function countDistinctSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  let d = 1;
  let prev = sorted[0];
  for (let i = 1; i < n; i++) {
    const v = sorted[i];
    if (v !== prev) {
      d++;
      prev = v;
    }
  }
  return d;
}

/** Values of `sorted` (ascending, no NaN) below `t`: their count, by binary search. */
export function countBelowSorted(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Values of `sorted` (ascending, no NaN) above `t`: their count, by binary search. */
export function countAboveSorted(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}

/**
 * A column's sort order, worked out once so that the sorted values of any selection come from
 * one linear pass instead of a sort (a filter change then costs O(rows), not O(rows·log rows)).
 * Zeros (70% of NSL-KDD's cells) and NaN are left out of `order`: a selection's zeros are
 * counted, not sorted, and its NaN are dropped.
 */
export interface PresortedColumn {
  readonly values: Float64Array;
  /** Rows whose value is neither NaN nor ±0, ascending by value (equal values: ascending rows). */
  readonly order: Uint32Array;
  /** Their values (`values[order[i]]`), so that a pass reads them in sequence. */
  readonly sorted: Float64Array;
  /** How many of them are negative (they come first). */
  readonly negatives: number;
  /** Rows holding NaN (usually none). */
  readonly nanRows: Uint32Array;
  /** Rows holding −0 (usually none), which sorts before +0. */
  readonly negZeroRows: Uint32Array;
}

// Scratch views to read a double's bit pattern without allocating.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const RADIX_MASK = RADIX - 1;

/** Most distinct values for which `presortColumn` counts instead of radix-sorting. */
const FEW_DISTINCT = 8192;
/** Slots of its hash table (a power of two, twice as many: short probe runs). */
const FEW_SLOTS = 2 * FEW_DISTINCT;
const FEW_SHIFT = 32 - Math.log2(FEW_SLOTS);
// Its working memory, kept from one call to the next (a dataset's columns are presorted one
// after another): ~1 MB per column less to allocate and collect.
const fewSlots = new Uint16Array(FEW_SLOTS);
const fewDistinct = new Float64Array(FEW_DISTINCT);
const fewCounts = new Uint32Array(FEW_DISTINCT + 1);
let fewRows = new Uint32Array(0);
let fewIds = new Uint16Array(0);
const fewTally = new Int32Array(3);

/**
 * The sort order of a column (see `PresortedColumn`). Most traffic columns have few distinct
 * non-zero values (counts, rates in hundredths, flags), and for them a counting sort by each
 * value's rank is 2–4× faster than the radix sort (half the time over NSL-KDD's columns); the
 * rest are radix-sorted. Both give the same arrays: the order by value, equal values by
 * ascending row, is unique.
 */
export function presortColumn(values: Float64Array): PresortedColumn {
  return presortFew(values) ?? presortRadix(values);
}

/**
 * The first pass of `presortFew`, on its own so that V8 optimises this loop early: gives each
 * row's value an id (in `rows`, `ids`, `fewCounts`, `fewDistinct`) and returns how many rows hold
 * neither NaN nor ±0, or −1 past FEW_DISTINCT distinct values; `fewTally` gets the number of
 * distinct values, of NaN and of −0.
 */
function assignIds(values: Float64Array, rows: Uint32Array, ids: Uint16Array): number {
  const n = values.length;
  const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const slots = fewSlots.fill(0); // id + 1 of the value there; 0 = empty
  const distinct = fewDistinct;
  const counts = fewCounts.fill(0); // by id + 1
  let d = 0;
  let nan = 0;
  let negZero = 0;
  let total = 0;
  for (let r = 0; r < n; r++) {
    const v = values[r];
    if (v !== v) {
      nan++;
      continue;
    }
    if (v === 0) {
      if (1 / v < 0) negZero++;
      continue;
    }
    // Fibonacci hashing of both words: the top bits of the product depend on all of them (an
    // integer's bits are all in the high word, a rate's spread over both).
    let s = Math.imul(bits[2 * r + 1] ^ Math.imul(bits[2 * r], 0x85ebca6b), 0x9e3779b1) >>> FEW_SHIFT;
    let k = slots[s];
    while (k !== 0 && distinct[k - 1] !== v) {
      s = (s + 1) & (FEW_SLOTS - 1);
      k = slots[s];
    }
    if (k === 0) {
      if (d === FEW_DISTINCT) return -1;
      distinct[d++] = v;
      slots[s] = k = d;
    }
    rows[total] = r;
    ids[total++] = k;
    counts[k]++;
  }
  fewTally[0] = d;
  fewTally[1] = nan;
  fewTally[2] = negZero;
  return total;
}

/**
 * The counting path of `presortColumn`, or null when the column has more than FEW_DISTINCT
 * distinct non-zero values. One pass gives each value an id by an open-addressing hash of its
 * bit pattern (NaN and ±0 are left out, so two values are the same number exactly when their
 * bits are equal, and `===` compares them); the few distinct values are sorted, and the rows are
 * scattered in ascending row order to their value's place, so equal values keep ascending rows.
 */
function presortFew(values: Float64Array): PresortedColumn | null {
  const n = values.length;
  // the rows holding neither NaN nor ±0, and the id + 1 of their value (kept apart from the
  // zeros, 70% of a traffic column, so that the scatter below does not visit those)
  if (fewRows.length < n) {
    fewRows = new Uint32Array(n);
    fewIds = new Uint16Array(n);
  }
  const rows = fewRows;
  const ids = fewIds;
  const distinct = fewDistinct;
  const counts = fewCounts;
  const total = assignIds(values, rows, ids);
  if (total < 0) return null;
  const d = fewTally[0];
  let nan = fewTally[1];
  let negZero = fewTally[2];
  // The distinct values ascending (no two equal); each id's first place in `order`.
  const ranked = distinct.slice(0, d).sort();
  const rankOf = new Uint16Array(d);
  for (let i = 0; i < d; i++) rankOf[i] = countBelowSorted(ranked, distinct[i]);
  const idOfRank = new Uint16Array(d);
  for (let i = 0; i < d; i++) idOfRank[rankOf[i]] = i + 1;
  const start = new Uint32Array(d + 1); // by id + 1
  const sorted = new Float64Array(total);
  let m = 0;
  let negatives = 0;
  for (let k = 0; k < d; k++) {
    const id = idOfRank[k];
    const c = counts[id];
    start[id] = m;
    sorted.fill(ranked[k], m, m + c);
    m += c;
    if (ranked[k] < 0) negatives = m;
  }
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[start[ids[i]]++] = rows[i];
  const nanRows = new Uint32Array(nan);
  const negZeroRows = new Uint32Array(negZero);
  if (nan + negZero > 0) {
    nan = 0;
    negZero = 0;
    for (let r = 0; r < n; r++) {
      const v = values[r];
      if (v !== v) nanRows[nan++] = r;
      else if (v === 0 && 1 / v < 0) negZeroRows[negZero++] = r;
    }
  }
  return { values, order, sorted, negatives, nanRows, negZeroRows };
}

/**
 * The general path of `presortColumn` (exported for the tests): an LSD radix sort of the values' bit patterns (six passes of
 * 11 bits, with the passes where every value has the same digit skipped — most of them for
 * integer counts). Stable, so equal values keep ascending rows. ~3× faster in V8 than a native
 * sort of the values followed by a binary search of each row's place, and ~2× faster than the
 * native sort alone.
 */
export function presortRadix(values: Float64Array): PresortedColumn {
  const n = values.length;
  let m = 0;
  let nan = 0;
  let negZero = 0;
  for (let r = 0; r < n; r++) {
    const v = values[r];
    if (v !== v) nan++;
    else if (v !== 0) m++;
    else if (1 / v < 0) negZero++;
  }
  const nanRows = new Uint32Array(nan);
  const negZeroRows = new Uint32Array(negZero);
  let order = new Uint32Array(m);
  // Sortable keys: the sign bit flipped for positives, every bit flipped for negatives, so that
  // unsigned (hi, lo) order is numeric order (±Infinity included).
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const counts = new Uint32Array(6 * RADIX);
  nan = 0;
  negZero = 0;
  let k = 0;
  for (let r = 0; r < n; r++) {
    const v = values[r];
    if (v !== v) {
      nanRows[nan++] = r;
      continue;
    }
    if (v === 0) {
      if (1 / v < 0) negZeroRows[negZero++] = r;
      continue;
    }
    f64[0] = v;
    let h = u32[1];
    let l = u32[0];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[r] = h;
    lo[r] = l;
    order[k++] = r;
    counts[l & RADIX_MASK]++;
    counts[RADIX + ((l >>> RADIX_BITS) & RADIX_MASK)]++;
    counts[2 * RADIX + (l >>> (2 * RADIX_BITS))]++;
    counts[3 * RADIX + (h & RADIX_MASK)]++;
    counts[4 * RADIX + ((h >>> RADIX_BITS) & RADIX_MASK)]++;
    counts[5 * RADIX + (h >>> (2 * RADIX_BITS))]++;
  }
  let spare = new Uint32Array(m);
  for (let pass = 0; pass < 6 && m > 0; pass++) {
    const key = pass < 3 ? lo : hi;
    const shift = (pass % 3) * RADIX_BITS;
    const base = pass * RADIX;
    // a digit every value shares does not reorder anything
    let trivial = false;
    for (let b = 0; b < RADIX; b++) {
      const c = counts[base + b];
      if (c === m) trivial = true;
      if (c > 0) break;
    }
    if (trivial) continue;
    let sum = 0;
    for (let b = 0; b < RADIX; b++) {
      const c = counts[base + b];
      counts[base + b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const r = order[i];
      spare[counts[base + ((key[r] >>> shift) & RADIX_MASK)]++] = r;
    }
    const t = order;
    order = spare;
    spare = t;
  }
  const sorted = new Float64Array(m);
  let negatives = 0;
  for (let i = 0; i < m; i++) {
    const v = values[order[i]];
    sorted[i] = v;
    if (v < 0) negatives++;
  }
  return { values, order, sorted, negatives, nanRows, negZeroRows };
}

/**
 * The non-missing values of the rows r with `member[r] === code` (every row when `member` is
 * null), ascending — the same array, bit for bit, as `sortedNonMissing(values, index)` for
 * those rows (−0 before +0), without a sort: one pass over the column's order. `size` is the
 * number of such rows. With `scratch` (at least `size` long) the result is a view of it,
 * valid until the scratch is reused: a filter change then allocates nothing per column.
 */
export function sortedSelection(p: PresortedColumn, member: Uint8Array | null, code: number, size: number, scratch?: Float64Array): Float64Array {
  const { order, sorted, negatives, nanRows, negZeroRows } = p;
  let nan = nanRows.length;
  let negZero = negZeroRows.length;
  if (member) {
    nan = 0;
    for (let i = 0; i < nanRows.length; i++) if (member[nanRows[i]] === code) nan++;
    negZero = 0;
    for (let i = 0; i < negZeroRows.length; i++) if (member[negZeroRows[i]] === code) negZero++;
  }
  const total = size - nan;
  const out = scratch && scratch.length >= total ? scratch.subarray(0, total) : new Float64Array(total);
  // negatives from the front, positives from the back; the zeros fill the gap between them
  let k = 0;
  let end = total;
  if (member) {
    for (let i = 0; i < negatives; i++) if (member[order[i]] === code) out[k++] = sorted[i];
    for (let i = order.length - 1; i >= negatives; i--) if (member[order[i]] === code) out[--end] = sorted[i];
  } else {
    out.set(sorted.subarray(0, negatives), 0);
    k = negatives;
    end = total - (order.length - negatives);
    out.set(sorted.subarray(negatives), end);
  }
  out.fill(-0, k, k + negZero);
  out.fill(0, k + negZero, end);
  return out;
}
