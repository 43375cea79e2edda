/**
 * Per-column type inference (DESIGN §3): a column is numeric only if every non-empty value parses
 * as a number; otherwise it is categorical (dictionary codes). Every column carries a `reason`
 * in words, for the UI.
 *
 * Number syntax accepted: what `Number()` accepts for decimal text (`12`, `-0.5`, `.5`, `1e5`,
 * `Infinity`), `0x` hexadecimal (UNSW-NB15's raw files write some ports that way), and the
 * tokens `inf`, `infinity`, `nan` in any case with an optional sign. `NaN` counts as missing;
 * ±Infinity is kept and counted. Rejected (the column stays text): leading zeros such as `007`
 * or `-012` (identifiers, postcodes), `0b`/`0o` literals, decimal commas, anything else.
 * The empty string is missing; so is a cell of only spaces.
 */
import type { CategoricalColumn, Column, NumericColumn } from './types';

/** What one cell is. Plain numbers, not an enum: `isolatedModules` forbids shared const enums. */
export const CELL_MISSING = 0;
export const CELL_NUMBER = 1;
export const CELL_TEXT = 2;
export const CELL_LEADING_ZERO = 3;
export const CELL_HEX = 4;
/** A `NaN`/`nan` token: a number, but missing. */
export const CELL_NAN = 5;

/**
 * The numeric value of the last `classifyCell` call. A module-level "out parameter" keeps the hot
 * loop free of per-cell allocations (no `{ kind, value }` objects).
 */
let scanned = NaN;

/** Classifies one cell, the careful (slow) way; the value of a number is left in `scanned`. */
function classifySlow(s: string): number {
  const len = s.length;
  if (len === 0) return CELL_MISSING;
  const c0 = s.charCodeAt(0);
  if (c0 <= 32 || s.charCodeAt(len - 1) <= 32) {
    const t = s.trim();
    if (t.length === 0) return CELL_MISSING;
    if (t.length !== len) return classifySlow(t);
  }
  const v = +s;
  if (v !== v) {
    // Not a JavaScript number: maybe one of the spelled-out tokens.
    if (len > 9) return CELL_TEXT;
    switch (s.toLowerCase()) {
      case 'nan':
      case '+nan':
      case '-nan':
        scanned = NaN;
        return CELL_NAN;
      case 'inf':
      case '+inf':
      case 'infinity':
      case '+infinity':
        scanned = Infinity;
        return CELL_NUMBER;
      case '-inf':
      case '-infinity':
        scanned = -Infinity;
        return CELL_NUMBER;
      default:
        return CELL_TEXT;
    }
  }
  // `+s` accepted it: now reject what JavaScript accepts but a data file does not mean as a number.
  let i = 0;
  if (c0 === 43 /* + */ || c0 === 45 /* - */) i = 1;
  if (s.charCodeAt(i) === 48 /* 0 */ && len > i + 1) {
    const c1 = s.charCodeAt(i + 1);
    if (c1 >= 48 && c1 <= 57) return CELL_LEADING_ZERO;
    if (c1 === 120 || c1 === 88) {
      scanned = v;
      return CELL_HEX; // 0x1F (a sign before 0x is NaN for `+s`, so never here)
    }
    if (c1 === 98 || c1 === 66 || c1 === 111 || c1 === 79) return CELL_TEXT; // 0b101, 0o17
  }
  scanned = v;
  return CELL_NUMBER;
}

/**
 * Classifies one cell: CELL_MISSING, CELL_NUMBER, CELL_NAN, CELL_HEX, CELL_LEADING_ZERO or
 * CELL_TEXT. For numbers, `cellNumber()` returns the value just parsed.
 */
export function classifyCell(s: string): number {
  return classifySlow(s);
}

/** The value parsed by the last `classifyCell` that returned a number kind. */
export function cellNumber(): number {
  return scanned;
}

/** The number in a cell, NaN when missing, or null when it is not a number (text). */
export function parseNumberCell(s: string): number | null {
  const k = classifySlow(s);
  if (k === CELL_NUMBER || k === CELL_HEX) return scanned;
  if (k === CELL_MISSING || k === CELL_NAN) return NaN;
  return null;
}

/**
 * A copy of a string that does not point into a larger one. V8 keeps a substring of 13+
 * characters as a pointer into its parent (here a whole 1 MB chunk of the file); dictionary
 * values live as long as the table, so they are copied to let the chunks go.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/** 22544 → "22,544" (deterministic: no locale). */
export function fmtInt(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? '-' + grouped : grouped;
}

/** A value quoted for a message, shortened when long. */
export function quoteValue(s: string, max = 30): string {
  const t = s.length > max ? s.slice(0, max - 1) + '…' : s;
  return `'${t}'`;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

const INITIAL_CAPACITY = 1024;
/** Exact powers of ten (10^0 … 10^22 are exactly representable doubles). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** FNV-1a (32 bits), over bytes or over the character codes of an ASCII string: the same hash. */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function hashChars(s: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), FNV_PRIME);
  return h;
}

const ASCII_DECODER = new TextDecoder();

/** The string of the ASCII bytes `bytes[from, to)`. */
export function asciiString(bytes: Uint8Array, from: number, to: number): string {
  if (to - from > 256) return ASCII_DECODER.decode(bytes.subarray(from, to));
  return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
}

/**
 * Whether the plain path (`addPlain`) can split on this delimiter: one character that no
 * number contains and that is not a line break, a carriage return or a quote.
 */
export function isPlainDelimiter(delimiter: string): boolean {
  const d = delimiter.charCodeAt(0);
  return delimiter.length === 1 && !(d >= 48 && d <= 57) && d !== 45 && d !== 46 && d !== 10 && d !== 13 && d !== 34;
}

/**
 * Builds one column incrementally, batch by batch, from rows of strings (`rows[i][j]`; a row may
 * be longer than the table, never shorter). A column starts numeric and stays so while every
 * non-empty value is a number; at the first text value (or leading-zero identifier) it turns
 * categorical, with the earlier values taken back as strings. So the whole file is never held as
 * strings: numbers go straight into a Float64Array, text straight into dictionary codes.
 *
 * Per batch: `ColumnBuilder.addBatch(builders, rows)`; for each column it reports as stalled,
 * `toText(recovered, rows, stop)` then `addText(rows, stop)`.
 */
export class ColumnBuilder {
  private numeric = true;
  private n = 0;
  private values = new Float64Array(INITIAL_CAPACITY);
  private codes = new Int32Array(0);
  private readonly index = new Map<string, number>();
  private readonly dictionary: string[] = [];
  /** Rows at the start whose codes are still placeholders (`toTextDeferred`), filled by `fillAt`. */
  private deferred = 0;
  private empty = 0;
  private nanTokens = 0;
  private infinite = 0;
  private hex = 0;
  private numbersBeforeText = 0;
  private textMissing = 0;
  private leadingZero: string | null = null;
  private firstText: string | null = null;
  /** The last interned value and its code: runs of one value (tcp, tcp, tcp) skip the Map. */
  private prev = '';
  private prevCode = -1;
  /**
   * The dictionary's ASCII values by their bytes, for `addPlain`: open addressing on an FNV-1a
   * hash, each slot a code + 1 (0: empty). A cache in front of `index`: a value met first here is
   * interned through `code()` like any other, so the dictionary's order does not depend on the path.
   */
  private byBytes = new Int32Array(0);
  private byBytesCount = 0;

  constructor(
    readonly name: string,
    readonly sourceName: string,
    readonly j: number,
  ) {}

  get isNumeric(): boolean {
    return this.numeric;
  }

  get length(): number {
    return this.n;
  }

  /** Room for `total` rows in all (a size hint from the file size: saves regrowing). */
  reserve(total: number): void {
    if (total <= this.n) return;
    if (this.numeric) this.reserveValues(total - this.n);
    else this.reserveCodes(total - this.n);
  }

  private reserveValues(m: number): void {
    if (this.n + m <= this.values.length) return;
    const grown = new Float64Array(Math.max(this.n + m, this.values.length * 2));
    grown.set(this.values.subarray(0, this.n));
    this.values = grown;
  }

  private reserveCodes(m: number): void {
    if (this.n + m <= this.codes.length) return;
    const grown = new Int32Array(Math.max(this.n + m, this.codes.length * 2, INITIAL_CAPACITY));
    grown.set(this.codes.subarray(0, this.n));
    this.codes = grown;
  }

  /**
   * Adds a batch of rows to all `builders` (all of the same length). Returns the numeric columns
   * that met a non-number, with the batch row where they stopped: the caller recovers their
   * earlier strings and calls `toText` + `addText`.
   *
   * Hot loop, row-major on purpose: a row's cells sit together in memory, while walking one
   * column down thousands of row arrays misses the cache on every cell (measured 3× slower).
   */
  static addBatch(builders: readonly ColumnBuilder[], rows: readonly (readonly string[])[]): { b: ColumnBuilder; stop: number }[] {
    const m = rows.length;
    const stalled: { b: ColumnBuilder; stop: number }[] = [];
    if (m === 0 || builders.length === 0) return stalled;
    const numeric: ColumnBuilder[] = [];
    const text: ColumnBuilder[] = [];
    for (const b of builders) {
      if (b.numeric) {
        b.reserveValues(m);
        numeric.push(b);
      } else {
        b.reserveCodes(m);
        text.push(b);
      }
    }
    const base = builders[0].n;
    const nn = numeric.length;
    const nt = text.length;
    const cols = Int32Array.from(numeric, (b) => b.j);
    const outs = numeric.map((b) => b.values);
    const alive = new Uint8Array(nn).fill(1);
    const empties = new Int32Array(nn);

    for (let i = 0; i < m; i++) {
      const row = rows[i];
      const at = base + i;
      for (let q = 0; q < nn; q++) {
        if (alive[q] === 0) continue;
        const s = row[cols[q]];
        const len = s.length;
        if (len === 0) {
          outs[q][at] = NaN;
          empties[q]++;
          continue;
        }
        // Fast path for plain decimals, [-]digits[.digits] with at most 15 digits: the mantissa
        // is an exact integer and 10^k exact, so one division is correctly rounded — the same
        // double as `+s`, without the runtime call. Leading zeros ("007") take the slow path.
        let k = 0;
        let neg = false;
        if (s.charCodeAt(0) === 45) {
          neg = true;
          k = 1;
        }
        let mant = 0;
        let digits = 0;
        let dot = -1;
        for (; k < len; k++) {
          const c = s.charCodeAt(k);
          if (c >= 48 && c <= 57) {
            mant = mant * 10 + (c - 48);
            digits++;
          } else if (c === 46 && dot < 0) {
            dot = k;
          } else break;
        }
        if (k === len && digits > 0 && digits <= 15) {
          const lead = neg ? 1 : 0;
          if (!(s.charCodeAt(lead) === 48 && len > lead + 1 && s.charCodeAt(lead + 1) !== 46)) {
            const v = dot < 0 ? mant : mant / POW10[len - dot - 1];
            outs[q][at] = neg ? -v : v;
            continue;
          }
        }
        const b = numeric[q];
        const kind = classifySlow(s);
        if (kind === CELL_NUMBER) {
          outs[q][at] = scanned;
          if (scanned === Infinity || scanned === -Infinity) b.infinite++;
        } else if (kind === CELL_MISSING) {
          outs[q][at] = NaN;
          empties[q]++;
        } else if (kind === CELL_NAN) {
          outs[q][at] = NaN;
          b.nanTokens++;
        } else if (kind === CELL_HEX) {
          outs[q][at] = scanned;
          b.hex++;
        } else {
          if (kind === CELL_LEADING_ZERO) b.leadingZero = s;
          else b.firstText = s;
          alive[q] = 0;
          b.n = at;
          stalled.push({ b, stop: i });
        }
      }
      for (let t = 0; t < nt; t++) {
        const b = text[t];
        b.intern(row[b.j]);
      }
    }
    for (let q = 0; q < nn; q++) {
      const b = numeric[q];
      b.empty += empties[q];
      if (alive[q] === 1) b.n = base + m;
    }
    return stalled;
  }

  /**
   * Adds the rows of plain text straight from its bytes, without a string per cell: the rows
   * that splitting each line on the delimiter would give `addBatch` (what PapaParse does with
   * text that has no quote: its "fast mode"), with the same values, counts and dictionaries.
   *
   * `bytes[0, end)` starts at a row boundary and ends just after a line break or at the end of
   * the text. A last line without a line break is a row; nothing after a final line break is.
   * `maxRows` bounds the rows: the line breaks in the range plus one, or any larger bound.
   *
   * Returns the rows added, or −1 having changed nothing that counts when the text is not plain:
   * a byte that is not ASCII, a quote, a carriage return, a line with another number of fields
   * (a blank line has one), or a value that would turn a numeric column to text. The caller then
   * decodes the bytes and hands the text to PapaParse and `addBatch`, which report and handle
   * those. One pass, row by row: each byte is read once; the numbers are written in place, and
   * the text columns' values are interned only once every row is known to be plain, so that no
   * dictionary grows before a bail-out.
   */
  static addPlain(builders: readonly ColumnBuilder[], bytes: Uint8Array, end: number, delimiter: string, maxRows: number): number {
    const nCols = builders.length;
    if (nCols < 2 || !isPlainDelimiter(delimiter)) return -1;
    if (end === 0) return 0;
    const d = delimiter.charCodeAt(0);
    const base = builders[0].n;
    const outs: (Float64Array | null)[] = [];
    const textCol = new Int32Array(nCols).fill(-1); // place among the text columns
    let nText = 0;
    for (const b of builders) {
      if (b.numeric) {
        b.reserveValues(maxRows);
        outs.push(b.values);
      } else {
        outs.push(null);
        textCol[b.j] = nText++;
      }
    }
    // where each text value starts and ends: 2 numbers per text column per row
    const spans = new Int32Array(2 * nText * maxRows);
    // per column: empty, NaN tokens, ±Infinity, hexadecimal
    const counts = new Int32Array(4 * nCols);
    const r = plainRows(bytes, end, d, outs, base, spans, nText, counts, maxRows);
    if (r < 0) return -1;
    for (const b of builders) {
      const j = b.j;
      if (b.numeric) {
        b.empty += counts[4 * j];
        b.nanTokens += counts[4 * j + 1];
        b.infinite += counts[4 * j + 2];
        b.hex += counts[4 * j + 3];
      } else {
        b.reserveCodes(r);
        const codes = b.codes;
        const stride = 2 * nText;
        for (let row = 0, k = 2 * textCol[j]; row < r; row++, k += stride) codes[base + row] = b.codeOfBytes(bytes, spans[k], spans[k + 1]);
      }
      b.n = base + r;
    }
    return r;
  }

  /** `code()` of the ASCII value `bytes[s0, s1)`, found by its bytes: no string unless it is new. */
  private codeOfBytes(bytes: Uint8Array, s0: number, s1: number): number {
    if (s1 === s0) {
      this.textMissing++;
      return -1;
    }
    let h = FNV_OFFSET;
    for (let k = s0; k < s1; k++) h = Math.imul(h ^ bytes[k], FNV_PRIME);
    const table = this.byBytes;
    const mask = table.length - 1;
    if (mask > 0) {
      const len = s1 - s0;
      for (let at = h & mask; ; at = (at + 1) & mask) {
        const c = table[at] - 1;
        if (c < 0) break;
        const s = this.dictionary[c];
        if (s.length === len) {
          let k = 0;
          while (k < len && s.charCodeAt(k) === bytes[s0 + k]) k++;
          if (k === len) return c;
        }
      }
    }
    const c = this.code(asciiString(bytes, s0, s1));
    this.rememberBytes(c, h);
    return c;
  }

  private rememberBytes(c: number, h: number): void {
    if (2 * (this.byBytesCount + 1) > this.byBytes.length) {
      const old = this.byBytes;
      this.byBytes = new Int32Array(Math.max(64, 2 * old.length));
      for (let k = 0; k < old.length; k++) if (old[k] !== 0) this.placeBytes(old[k] - 1, hashChars(this.dictionary[old[k] - 1]));
    }
    this.placeBytes(c, h);
    this.byBytesCount++;
  }

  private placeBytes(c: number, h: number): void {
    const table = this.byBytes;
    const mask = table.length - 1;
    let at = h & mask;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = c + 1;
  }

  /**
   * Turns the column categorical: `recovered` are the raw strings of all rows before this batch,
   * `rows[0..stop)` the batch's rows already added as numbers.
   */
  toText(recovered: readonly string[], rows: readonly (readonly string[])[], stop: number): void {
    this.numbersBeforeText = this.n - this.empty - this.nanTokens;
    this.numeric = false;
    this.values = new Float64Array(0);
    this.n = 0;
    this.reserveCodes(recovered.length + rows.length);
    for (let i = 0; i < recovered.length; i++) this.intern(recovered[i]);
    for (let i = 0; i < stop; i++) this.intern(rows[i][this.j]);
  }

  private intern(s: string): void {
    this.codes[this.n++] = this.code(s);
  }

  /** The dictionary code of `s` (−1 when missing), adding it to the dictionary when new. */
  private code(s: string): number {
    if (s.length === 0) {
      this.textMissing++;
      return -1;
    }
    if (s === this.prev) return this.prevCode;
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dictionary.length;
      const v = detach(s);
      this.index.set(v, c);
      this.dictionary.push(v);
      // Only leading zeros so far: look for a real text value, for a better reason.
      if (this.firstText === null && classifySlow(s) === CELL_TEXT) this.firstText = s;
    }
    this.prev = s;
    this.prevCode = c;
    return c;
  }

  /**
   * Turns the column categorical when the earlier rows' strings are not at hand (the parser no
   * longer keeps the text it read, to bound memory): the first `count` rows get placeholder codes,
   * filled later by `fillAt` from a second reading of the source; `rows[0..stop)` are added now.
   */
  toTextDeferred(count: number, rows: readonly (readonly string[])[], stop: number): void {
    this.numbersBeforeText = this.n - this.empty - this.nanTokens;
    this.numeric = false;
    this.values = new Float64Array(0);
    this.n = 0;
    this.reserveCodes(count + rows.length);
    this.codes.fill(-2, 0, count);
    this.n = count;
    this.deferred = count;
    for (let i = 0; i < stop; i++) this.intern(rows[i][this.j]);
  }

  /** How many leading rows still wait for `fillAt`. */
  get deferredRows(): number {
    return this.deferred;
  }

  /** Sets row `i` (< `deferredRows`) of a deferred column from its re-read string. */
  fillAt(i: number, s: string): void {
    this.codes[i] = this.code(s);
  }

  /** After every deferred row is filled: renumbers the dictionary in order of first appearance, as a single reading would have. */
  private settleDeferred(): void {
    this.deferred = 0;
    const dict = this.dictionary;
    const map = new Int32Array(dict.length).fill(-1);
    const order: string[] = [];
    const codes = this.codes;
    for (let i = 0; i < this.n; i++) {
      const c = codes[i];
      if (c < 0) {
        if (c === -2) throw new Error(`internal: row ${i} of column ${this.name} was never re-read`);
        continue;
      }
      let m = map[c];
      if (m < 0) {
        m = map[c] = order.length;
        order.push(dict[c]);
      }
      codes[i] = m;
    }
    dict.length = 0;
    this.index.clear();
    for (let k = 0; k < order.length; k++) {
      dict.push(order[k]);
      this.index.set(order[k], k);
    }
    this.prev = '';
    this.prevCode = -1;
  }

  /** Adds `rows[from..]` to a categorical column. */
  addText(rows: readonly (readonly string[])[], from = 0): void {
    this.reserveCodes(rows.length - from);
    const j = this.j;
    for (let i = from; i < rows.length; i++) this.intern(rows[i][j]);
  }

  /** The finished column (the builder must not be used afterwards). */
  finish(): Column {
    if (this.deferred > 0) this.settleDeferred();
    const n = this.n;
    if (this.numeric) {
      const nonEmpty = n - this.empty;
      let reason: string;
      if (nonEmpty === 0) {
        reason = n === 0 ? 'no rows: typed as numeric' : 'every value is empty: typed as numeric, all missing';
      } else {
        const parts: string[] = [];
        if (this.empty > 0) parts.push(`${fmtInt(this.empty)} empty`);
        if (this.nanTokens > 0) parts.push(`${fmtInt(this.nanTokens)} NaN`);
        if (this.infinite > 0) parts.push(`${fmtInt(this.infinite)} ±Infinity`);
        if (this.hex > 0) parts.push(`${fmtInt(this.hex)} hexadecimal`);
        reason =
          (nonEmpty === 1 ? 'the only non-empty value is a number' : `all ${fmtInt(nonEmpty)} non-empty values are numbers`) +
          (parts.length > 0 ? ` (${parts.join(', ')})` : '');
      }
      const col: NumericColumn = {
        kind: 'numeric',
        name: this.name,
        sourceName: this.sourceName,
        values: fit(this.values, n),
        missing: this.empty + this.nanTokens,
        infinite: this.infinite,
        reason,
      };
      return col;
    }
    let reason: string;
    if (this.firstText === null && this.leadingZero !== null) {
      reason = `text: values with leading zeros look like identifiers (${quoteValue(this.leadingZero)})`;
    } else {
      const examples = this.dictionary
        .slice(0, 3)
        .map((v) => quoteValue(v))
        .join(', ');
      reason = `text: ${plural(this.dictionary.length, 'distinct value')} such as ${examples}`;
      if (this.numbersBeforeText > 0 && this.firstText !== null) reason += `; ${quoteValue(this.firstText)} is not a number`;
    }
    const col: CategoricalColumn = {
      kind: 'categorical',
      name: this.name,
      sourceName: this.sourceName,
      codes: fit(this.codes, n),
      dictionary: this.dictionary,
      missing: this.textMissing,
      reason,
    };
    return col;
  }
}

/**
 * The loop of `ColumnBuilder.addPlain`, on its own so that V8 optimises it whole: inside the
 * larger function, the code after the loop had no type feedback when the loop was compiled
 * (on-stack), so each call deoptimised on leaving it and the next one started interpreted again.
 * Writes the numbers into `outs` (null for text columns) at `base` + row, the text columns'
 * spans into `spans`, the per-column counts into `counts`; returns the rows, or −1 when the text
 * is not plain (see addPlain).
 */
function plainRows(
  bytes: Uint8Array,
  end: number,
  d: number,
  outs: readonly (Float64Array | null)[],
  base: number,
  spans: Int32Array,
  nText: number,
  counts: Int32Array,
  maxRows: number,
): number {
  const nCols = outs.length;
  const last = nCols - 1;
  let i = 0;
  let r = 0;
  while (i < end) {
    if (r === maxRows) throw new Error('internal: more rows than line breaks');
    const at = base + r;
    let sp = 2 * nText * r;
    for (let j = 0; j < nCols; j++) {
      const a = i;
      const out = outs[j];
      if (out === null) {
        while (i < end) {
          const c = bytes[i];
          if (c === d || c === 10) break;
          if (c === 34 || c === 13 || c > 127) return -1; // a quote, a CR, not ASCII: not plain
          i++;
        }
        spans[sp++] = a;
        spans[sp++] = i;
      } else {
        // The commonest cells first, whole: one digit ("0", "1"), and d.dd (a rate: "0.00",
        // "0.05", "1.00"); the same numbers as the loop below gives them (a third faster).
        const c0 = bytes[i] - 48;
        if (c0 >= 0 && c0 <= 9 && i + 1 < end) {
          const c1 = bytes[i + 1];
          if (c1 === d || c1 === 10) {
            if (j < last ? c1 !== d : c1 !== 10) return -1; // fewer or more fields
            out[at] = c0;
            i += 2;
            continue;
          }
          if (c1 === 46 && i + 4 < end) {
            const c2 = bytes[i + 2] - 48;
            const c3 = bytes[i + 3] - 48;
            const c4 = bytes[i + 4];
            if (c2 >= 0 && c2 <= 9 && c3 >= 0 && c3 <= 9 && (c4 === d || c4 === 10)) {
              if (j < last ? c4 !== d : c4 !== 10) return -1;
              out[at] = (c0 * 100 + c2 * 10 + c3) / 100;
              i += 5;
              continue;
            }
          }
        }
        // The fast path of addBatch, on the bytes in place: [-]digits[.digits], ≤ 15 digits.
        let neg = false;
        if (i < end && bytes[i] === 45) {
          neg = true;
          i++;
        }
        let mant = 0;
        let digits = 0;
        let dot = -1;
        let c = -1;
        while (i < end) {
          c = bytes[i];
          if (c >= 48 && c <= 57) {
            mant = mant * 10 + (c - 48);
            digits++;
          } else if (c === 46 && dot < 0) dot = i;
          else break;
          i++;
        }
        const ended = i === end || c === d || c === 10;
        if (!ended) {
          while (i < end) {
            const k = bytes[i];
            if (k === d || k === 10) break;
            if (k === 34 || k === 13 || k > 127) return -1;
            i++;
          }
        }
        const lead = neg ? a + 1 : a;
        if (i === a) {
          out[at] = NaN;
          counts[4 * j]++;
        } else if (ended && digits > 0 && digits <= 15 && !(bytes[lead] === 48 && i > lead + 1 && bytes[lead + 1] !== 46)) {
          const v = dot < 0 ? mant : mant / POW10[i - dot - 1];
          out[at] = neg ? -v : v;
        } else if (!slowNumber(asciiString(bytes, a, i), out, at, counts, 4 * j)) return -1; // text in a numeric column
      }
      // the field's end: a delimiter, or the line break (or the text's end) after the last one
      if (j < last) {
        if (i >= end || bytes[i] !== d) return -1; // fewer fields, or a blank line
      } else if (i < end && bytes[i] !== 10) return -1; // more fields
      i++;
    }
    r++;
  }
  return r;
}

/**
 * A numeric column's cell that the fast path does not take, the careful way (as addBatch):
 * writes it at `out[at]` and counts it at `counts[k..k+3]` (empty, NaN, ±Infinity, hex), or
 * returns false when it is text.
 */
function slowNumber(s: string, out: Float64Array, at: number, counts: Int32Array, k: number): boolean {
  const kind = classifySlow(s);
  if (kind === CELL_NUMBER) {
    out[at] = scanned;
    if (scanned === Infinity || scanned === -Infinity) counts[k + 2]++;
  } else if (kind === CELL_MISSING) {
    out[at] = NaN;
    counts[k]++;
  } else if (kind === CELL_NAN) {
    out[at] = NaN;
    counts[k + 1]++;
  } else if (kind === CELL_HEX) {
    out[at] = scanned;
    counts[k + 3]++;
  } else return false;
  return true;
}

/**
 * The first `n` elements: a view when the array is at most a quarter too long (the columns are
 * pre-sized from the file size, ~5 % over), else a compact copy. Copying 40 MB of columns at the
 * end of every load cost tens of milliseconds for nothing.
 */
function fit<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length <= n * 1.25 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** Types one column held as strings (convenience for small data and tests). */
export function typeColumn(values: readonly string[], name: string, sourceName: string = name): Column {
  const rows = values.map((v) => [v]);
  const b = new ColumnBuilder(name, sourceName, 0);
  for (const { stop } of ColumnBuilder.addBatch([b], rows)) {
    b.toText([], rows, stop);
    b.addText(rows, stop);
  }
  return b.finish();
}
