/**
 * CSV text → typed `Table`, streaming (DESIGN §1, §3, §4). Runs in the data worker.
 *
 * Pipeline: bytes → our own UTF-8 decoding (decode.ts) → `\r\n`/`\r` → `\n` → binary sniff →
 * delimiter detection on the first lines → PapaParse's low-level `Parser` on pieces of about
 * `chunkChars` characters (no `header`, no `dynamicTyping`: 4× slower, DESIGN §4) → header and
 * schema decision on the first rows → strings accumulated per column → per-column typing.
 *
 * Chunking: each parse call gets the carried-over partial last row plus the new text and
 * `ignoreLastRow = true`; PapaParse's `meta.cursor` says where the last complete row ended, and
 * the rest (possibly a quoted field spanning chunks) is carried to the next call. A call that
 * completes no row doubles the text required before the next one, so a long row is re-scanned
 * O(log n) times, not once per chunk; a carried row longer than `maxRowChars` (an unclosed quote,
 * or a file without line breaks) stops the load with a clear error instead of growing forever.
 */
import Papa from 'papaparse';
import type { LoadIssue, SchemaId, Table } from './types';
import { LoadError } from './errors';
import { NewlineNormalizer, SNIFF_CHARS, countNewlines, countReplacementChars, decodeStream, isPlainAscii, readStream, sniffBinary } from './decode';
import { decideLayout, detectDelimiter, type Layout } from './schema';
import { ColumnBuilder, asciiString, fmtInt, isPlainDelimiter } from './infer';

export interface ParseProgress {
  /** Bytes read so far (characters for `parseCsvText`). */
  readonly bytes: number;
  /** Data rows so far. */
  readonly rows: number;
  readonly phase: 'reading' | 'typing';
}

export interface ParseOptions {
  /** Size of the decoded-text pieces fed to the parser; default 1 Mi characters. */
  chunkChars?: number;
  /** Called at most every `progressIntervalMs` while reading, and once when typing starts. */
  onProgress?: (p: ParseProgress) => void;
  /** Default 100 ms. */
  progressIntervalMs?: number;
  signal?: AbortSignal;
  /** Used in messages. */
  fileName?: string;
  /** A partial row longer than this stops the load ('unclosed-quote' / 'line-too-long'); default 8 Mi characters. */
  maxRowChars?: number;
  /**
   * Text kept for re-reading while a column still looks numeric (see `CsvBuilder.retained`);
   * default 16 Mi characters. Past it the text is dropped and, in the rare case a numeric column
   * meets text later, its earlier rows are re-read from `reopen` instead: memory stays bounded
   * by the columns, not by the file. Without `reopen` the text is kept whatever its size.
   */
  retainChars?: number;
  /** Opens the same bytes again from the start (a File's `stream()`, a second fetch). */
  reopen?: () => Promise<ReadableStream<Uint8Array>>;
  /**
   * Reads plain quote-free pieces without PapaParse (`plainPiece`); default true. False sends
   * every piece through PapaParse (the tests compare the two).
   */
  scan?: boolean;
}

export interface ParsedTable {
  table: Table;
  schema: SchemaId;
  schemaName: string;
  hasHeader: boolean;
  delimiter: string;
  /**
   * Problems that did not stop the load. The 'no-label' issue is NOT here: the label is chosen
   * after parsing (label.ts, and again whenever the user overrides it), so the worker adds it
   * when building the summary (workers/data-summary.ts).
   */
  issues: LoadIssue[];
}

/**
 * 128 Ki characters: the rows of one piece (about 850 NSL-KDD rows, 37k cell strings) die young,
 * in V8's young generation; 1 Mi-character pieces kept ~300k strings alive at a time, which were
 * promoted and cost full garbage collections (measured: −15 % CPU on the 19 MB file).
 */
export const DEFAULT_CHUNK_CHARS = 1 << 17;
export const DEFAULT_RETAIN_CHARS = 16 << 20;
export const DEFAULT_MAX_ROW_CHARS = 8 << 20;
/** Text gathered before choosing the delimiter: this many lines, or this many characters. */
const SAMPLE_LINES = 30;
const SAMPLE_CHARS = 64 * 1024;
const ENCODER = new TextEncoder();
/** Non-blank rows looked at to decide header and schema (the header + 50 rows). */
const DECIDE_ROWS = 51;
/** Line numbers listed in an issue. */
const MAX_LINES = 20;

const DELIMITER_NAMES = new Map([
  [',', 'comma'],
  ['\t', 'tab'],
  [';', 'semicolon'],
  ['|', 'pipe'],
]);

interface PapaError {
  type: string;
  code: string;
  row: number;
}

interface PapaResult {
  data: string[][];
  errors: PapaError[];
  meta: { cursor: number };
}

/** Physical (1-based) line where each row of one parse result starts; rows asked in increasing order. */
class LineTracker {
  private fast: boolean | null = null;
  private idx = 0;
  private line: number;

  constructor(
    private readonly rows: readonly string[][],
    private readonly input: string,
    private readonly startLine: number,
  ) {
    this.line = startLine;
  }

  lineOf(r: number): number {
    // Without quotes every row is exactly one line; with quotes a field may hold line breaks.
    if (this.fast === null) this.fast = this.input.indexOf('"') === -1;
    if (this.fast) return this.startLine + r;
    while (this.idx < r) {
      const row = this.rows[this.idx];
      let nl = 1;
      for (let j = 0; j < row.length; j++) if (row[j].indexOf('\n') !== -1) nl += countNewlines(row[j]);
      this.line += nl;
      this.idx++;
    }
    return this.line;
  }
}

/**
 * Where, in `text` (which starts at a row boundary), a quoted field opens that never closes;
 * -1 if none. Follows PapaParse: a quote opens a field only at its start, and closes it only when
 * followed (after optional spaces) by the delimiter, a line break or the end of the text.
 */
export function findUnclosedQuote(text: string, delimiter: string): number {
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let i = 0;
  while (i < n) {
    // At a field start.
    if (text.charCodeAt(i) === 34) {
      const open = i;
      let k = i + 1;
      for (;;) {
        k = text.indexOf('"', k);
        if (k === -1) return open;
        if (text.charCodeAt(k + 1) === 34) {
          k += 2;
          continue;
        }
        let m = k + 1;
        while (m < n && text.charCodeAt(m) === 32) m++;
        if (m >= n) return -1;
        const c = text.charCodeAt(m);
        if (c === d || c === 10) {
          i = m + 1;
          break;
        }
        k++;
      }
      continue;
    }
    // An unquoted field: to the next delimiter or line break.
    while (i < n) {
      const c = text.charCodeAt(i++);
      if (c === d || c === 10) break;
    }
  }
  return -1;
}

/** Accumulates a CSV file piece by piece; `finish()` returns the typed table. Synchronous. */
class CsvBuilder {
  private readonly chunkChars: number;
  private readonly maxRowChars: number;
  private readonly normalizer = new NewlineNormalizer();
  private started = false;
  private sniffHead = '';
  private sniffed = false;

  private replacement = 0;
  private readonly replacementLines: number[] = [];

  /** Decoded text not yet consumed by the parser (begins at a row boundary). */
  private pending = '';
  /** Newlines before `pending`: its first line is `pendingLine0 + 1`. */
  private pendingLine0 = 0;
  private pendingNewlines = 0; // only counted before the parser exists
  private nextParseAt: number;

  private parser: Papa.Parser | null = null;
  private delimiter = ',';

  private readonly pre: { fields: string[]; line: number }[] = [];
  private layout: Layout | null = null;
  private nCols = 0;
  private builders: ColumnBuilder[] = [];
  /** Data rows of the current parse call, not yet in the builders (short rows padded). */
  private batch: string[][] = [];
  /** Data rows in the builders. */
  private rows = 0;
  /**
   * The text already consumed into the builders, kept while a column is still numeric: if a
   * text value turns up later, that column's earlier values are re-read from here verbatim
   * (`recover`). At most `retainChars` (16 Mi characters by default) when the source can be read
   * again; past that it is dropped and such columns are re-read from the source (`refill`), so a
   * 600 MB file does not keep 600 MB of text alive for a case that almost never happens.
   */
  private retained: string[] = [];
  private retainedChars = 0;
  /** The retained text went over `retainChars` and was dropped: late text columns are re-read from the source. */
  private retainDropped = false;
  private readonly retainChars: number;
  /** Columns that turned text after the retained text was dropped, with the rows to re-read. */
  private readonly deferred: { b: ColumnBuilder; count: number }[] = [];

  private blankLines = 0;
  private badRows = 0;
  private fewer = 0;
  private more = 0;
  private readonly badLines: number[] = [];
  private malformedQuotes = 0;
  private readonly malformedLines: number[] = [];
  private unclosedLine = -1;
  private unclosedLines = 0;

  private bytes = 0;
  private lastProgress = -Infinity;
  /** Characters consumed by the parser so far, and whether the columns were pre-sized. */
  private consumed = 0;
  private sized = false;
  /** A piece's bytes, for `plainPiece`. */
  private bytesScratch = new Uint8Array(0);

  /**
   * `totalSize`: the file's size in bytes (or characters), 0 when unknown. `canReread`: the source
   * can be read again (`refill`), so the retained text may be dropped past `retainChars`.
   */
  constructor(
    private readonly opts: ParseOptions,
    private readonly totalSize = 0,
    canReread = opts.reopen !== undefined,
  ) {
    this.chunkChars = Math.max(1, Math.floor(opts.chunkChars ?? DEFAULT_CHUNK_CHARS));
    this.maxRowChars = Math.max(1, Math.floor(opts.maxRowChars ?? DEFAULT_MAX_ROW_CHARS));
    this.retainChars = canReread ? Math.max(0, opts.retainChars ?? DEFAULT_RETAIN_CHARS) : Infinity;
    // A file bigger than that would keep up to 16 Mi characters alive only to drop them part-way:
    // keep none from the start (a size in bytes is never below the characters it decodes to).
    if (totalSize > this.retainChars) this.retainDropped = true;
    this.nextParseAt = this.chunkChars;
  }

  private checkCancelled(): void {
    if (this.opts.signal?.aborted) throw new LoadError('Loading was cancelled.', 'cancelled');
  }

  /** Adds decoded text; `bytes` = bytes (or characters) read so far. */
  push(piece: string, bytes: number): void {
    this.checkCancelled();
    this.bytes = bytes;
    let text = piece;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // BOM (the stream decoder drops it already)
    }
    this.addText(this.normalizer.push(text), false);
  }

  /**
   * Takes raw bytes of the stream as they are, without decoding them, when they are plain: the
   * layout is decided, no text is kept for re-reading, nothing is carried but a quote-free partial
   * row, and the bytes are ASCII without a quote or a carriage return (UTF-8 decoding and newline
   * normalisation would leave them as they are). Their complete rows go straight to `addPlain`.
   * Decoding 19 MB to a string only for the plain path to encode it back to bytes cost a
   * tenth of the load (`TextDecoder` + `encodeInto`, and collecting the strings).
   *
   * Returns how many bytes were taken: all, or a prefix ending at a row boundary, or 0. The
   * caller decodes the rest and `push`es it as text; as the bytes taken are ASCII, the streaming
   * decoder holds no partial character at that point, so this is the same text it would have
   * produced. `plain.test.ts` checks both ways give the same table.
   */
  pushBytes(chunk: Uint8Array, bytesRead: number): number {
    if (!this.takesBytes()) return 0;
    const first = chunk.indexOf(10);
    if (first === -1) return 0;
    this.checkCancelled();
    this.bytes = bytesRead;
    let from = 0;
    if (this.pending.length > 0) {
      // complete the carried row with the chunk's first line (short strings: no large rope)
      if (!isPlainAscii(chunk, 0, first)) return 0;
      this.pending += asciiString(chunk, 0, first + 1);
      this.runParse(false);
      from = first + 1;
      // Without quotes the line break ended the row, so nothing is carried; if something were,
      // the rest goes the way of text.
      if (this.pending.length > 0) return from;
    }
    const last = chunk.lastIndexOf(10);
    while (from <= last) {
      let to = Math.min(from + this.chunkChars, last + 1);
      if (to <= last) {
        const nl = chunk.lastIndexOf(10, to - 1);
        to = nl >= from ? nl + 1 : chunk.indexOf(10, from) + 1;
      }
      if (!this.plainBytes(chunk.subarray(from, to))) return from;
      from = to;
    }
    if (!isPlainAscii(chunk, from, chunk.length)) return from;
    this.pending = asciiString(chunk, from, chunk.length);
    this.nextParseAt = this.pending.length + this.chunkChars;
    this.progress(false);
    return chunk.length;
  }

  /** Whether `pushBytes` may take bytes now (see there). */
  private takesBytes(): boolean {
    return (
      this.layout !== null &&
      this.sniffed &&
      this.retainDropped &&
      this.opts.scan !== false &&
      this.nCols >= 2 &&
      isPlainDelimiter(this.delimiter) &&
      !this.normalizer.holdsCR &&
      this.pending.length < this.chunkChars &&
      this.pending.indexOf('"') === -1
    );
  }

  /** Complete rows as bytes (`piece` ends with a line break) into the columns; false: not plain, nothing taken. */
  private plainBytes(piece: Uint8Array): boolean {
    // Every plain row holds nCols − 1 delimiters and a line break: a bound on the rows without
    // counting them. The first time, counted exactly, to pre-size the columns.
    const bound = Math.floor(piece.length / this.nCols) + 1;
    if (!this.sized) {
      let lines = 0;
      for (let k = 0; k < piece.length; k++) if (piece[k] === 10) lines++;
      this.consumed += piece.length;
      this.presize(lines);
      this.consumed -= piece.length;
    }
    const rows = ColumnBuilder.addPlain(this.builders, piece, piece.length, this.delimiter, bound);
    if (rows < 0) return false;
    this.consumed += piece.length;
    this.rows += rows;
    this.pendingLine0 += rows;
    return true;
  }

  private addText(text: string, final: boolean): void {
    if (text.length > 0) {
      if (text.indexOf('\uFFFD') !== -1) this.noteReplacements(text);
      if (!this.sniffed) {
        this.sniffHead += text.slice(0, SNIFF_CHARS - this.sniffHead.length);
        if (this.sniffHead.length >= SNIFF_CHARS) this.sniff();
      }
      if (!final && this.layout !== null && this.opts.scan !== false && this.spliceCarry(text)) return;
      this.pending += text;
      if (this.parser === null) this.pendingNewlines += countNewlines(text);
    }
    if (this.parser === null) {
      if (!final && !(this.sniffed && (this.pendingNewlines >= SAMPLE_LINES || this.pending.length >= SAMPLE_CHARS))) return;
      if (final && !this.sniffed) this.sniff();
      if (final && this.pending.trim().length === 0) {
        throw new LoadError(
          this.bytes === 0 ? 'The file is empty.' : 'The file is empty: it contains only blank lines or spaces.',
          'empty',
        );
      }
      this.delimiter = detectDelimiter(this.pending, final);
      this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: '\n', quoteChar: '"' });
    }
    if (final) this.runParse(true);
    else if (this.pending.length >= this.nextParseAt) this.runParse(false);
  }

  /**
   * Parses a quote-free piece without appending it to the text carried over (the last, partial
   * row of the previous piece): that row is completed with the piece's first line and parsed on
   * its own, then the rest of the piece at once. Appending made a rope of the two, which V8
   * flattens — copies — at the first search of it: the whole file once more (the quote search of
   * a 19 MB load took 24–42 ms in Chromium, 1–2 ms since). The piece, a slice of the decoded
   * text, is read in place.
   * Returns false (nothing done) when the piece or the carry has a quote (a line break may then
   * be inside a field) or the piece no line break: it is then appended as before.
   */
  private spliceCarry(text: string): boolean {
    const carry = this.pending;
    if (carry.length >= this.chunkChars || carry.indexOf('"') !== -1 || text.indexOf('"') !== -1) return false;
    const nl = text.indexOf('\n');
    if (nl === -1) return false;
    let rest = text;
    if (carry.length > 0) {
      this.pending = carry + text.slice(0, nl + 1);
      this.runParse(false);
      rest = text.slice(nl + 1);
    }
    // Without quotes a line break ends a row, so the carry was consumed and this is no rope.
    this.pending = this.pending.length === 0 ? rest : this.pending + rest;
    if (this.pending.indexOf('\n') !== -1) this.runParse(false);
    return true;
  }

  private sniff(): void {
    this.sniffed = true;
    sniffBinary(this.sniffHead, this.opts.fileName);
    this.sniffHead = '';
  }

  private noteReplacements(text: string): void {
    this.replacement += countReplacementChars(text);
    if (this.replacementLines.length >= MAX_LINES) return;
    const base = this.pendingLine0 + 1 + countNewlines(this.pending);
    let i = text.indexOf('\uFFFD');
    while (i !== -1 && this.replacementLines.length < MAX_LINES) {
      const line = base + countNewlines(text, 0, i);
      if (this.replacementLines[this.replacementLines.length - 1] !== line) this.replacementLines.push(line);
      i = text.indexOf('\uFFFD', i + 1);
    }
  }

  private runParse(final: boolean): void {
    this.checkCancelled();
    const input = this.pending;
    const cursor = this.plainPiece(input, final) ?? this.parsePiece(input, final);
    if (!final && !this.retainDropped && (this.layout === null || this.builders.some((b) => b.isNumeric))) this.retain(input.slice(0, cursor));

    this.pendingLine0 += countNewlines(input, 0, cursor);
    this.pending = final ? '' : input.slice(cursor);

    if (!final) {
      const carry = this.pending.length;
      if (carry > this.maxRowChars) this.throwRowTooLong();
      // No complete row (a long row in progress): wait for twice the text before re-scanning.
      this.nextParseAt =
        cursor === 0
          ? Math.min(Math.max(carry * 2, carry + this.chunkChars), this.maxRowChars + 1)
          : carry + this.chunkChars;
    }
    this.progress(final);
  }

  /**
   * The plain case, without PapaParse: when the piece has no quote character (so PapaParse would
   * split lines and fields as they are: its "fast mode"), is ASCII, and every line has the
   * table's number of fields, its rows go from the bytes straight into the columns
   * (`ColumnBuilder.addPlain`), without a string per cell — the 5.4 million cell strings of a
   * 19 MB NSL-KDD file were most of the load's time, in allocation and garbage collection.
   * Returns the cursor (where the rows consumed end), or null when PapaParse must read the piece:
   * before the header is decided, with a quote, a non-ASCII character, a blank line or a row of
   * another length, or when a numeric column meets text. PapaParse's results are the reference:
   * plain.test.ts reads every case both ways.
   */
  private plainPiece(input: string, final: boolean): number | null {
    if (this.layout === null || this.opts.scan === false || this.nCols < 2) return null;
    if (input.indexOf('"') !== -1) return null;
    const end = final ? input.length : input.lastIndexOf('\n') + 1;
    if (this.bytesScratch.length < input.length) this.bytesScratch = new Uint8Array(Math.max(input.length, 2 * this.bytesScratch.length));
    const { read, written } = ENCODER.encodeInto(input, this.bytesScratch);
    if (read !== input.length || written !== input.length) return null; // not ASCII
    const maxRows = countNewlines(input, 0, end) + 1;
    this.consumed += end;
    this.presize(maxRows);
    const rows = ColumnBuilder.addPlain(this.builders, this.bytesScratch, end, this.delimiter, maxRows);
    if (rows < 0) {
      this.consumed -= end;
      return null;
    }
    this.rows += rows;
    return end;
  }

  /** One PapaParse call on the piece; returns the cursor. */
  private parsePiece(input: string, final: boolean): number {
    const parser = this.parser as Papa.Parser;
    const res = parser.parse(input, 0, !final) as PapaResult;
    const rows = res.data;
    const cursor = final ? input.length : res.meta.cursor;
    const startLine = this.pendingLine0 + 1;

    const tracker = new LineTracker(rows, input, startLine);
    const last = rows.length - 1;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row.length === 1 && row[0].trim().length === 0) {
        // A blank line. The empty "row" after the file's final line break is not one.
        if (!(final && r === last && row[0].length === 0)) this.blankLines++;
        continue;
      }
      if (this.layout === null) {
        this.pre.push({ fields: row, line: tracker.lineOf(r) });
        if (this.pre.length >= DECIDE_ROWS) this.decide();
        continue;
      }
      this.addRow(row, r, tracker);
    }
    this.consumed += cursor;
    this.flushBatch();

    if (res.errors.length > 0) this.noteQuoteErrors(res.errors, rows, input, startLine, final);
    return cursor;
  }

  private retain(text: string): void {
    if (this.retainedChars + text.length > this.retainChars) {
      this.retained = [];
      this.retainedChars = 0;
      this.retainDropped = true;
      return;
    }
    this.retained.push(text);
    this.retainedChars += text.length;
  }

  private addRow(row: string[], r: number, tracker: LineTracker | null, line = 0): void {
    const n = row.length;
    if (n !== this.nCols) {
      this.badRows++;
      if (n < this.nCols) this.fewer++;
      else this.more++;
      if (this.badLines.length < MAX_LINES) this.badLines.push(tracker ? tracker.lineOf(r) : line);
      if (n < this.nCols) {
        row = row.slice();
        while (row.length < this.nCols) row.push('');
      }
    }
    this.batch.push(row);
  }

  /** Before adding `adding` rows: pre-sizes the columns once, when there is enough to go by. */
  private presize(adding: number): void {
    if (!this.sized && this.totalSize > 0 && this.consumed > 0 && this.rows + adding >= 1000) {
      // Pre-size the columns from the file size and the bytes per row so far (+5%); a wrong
      // guess only costs the regrowth it was meant to save.
      this.sized = true;
      const expected = Math.ceil(((this.totalSize * (this.rows + adding)) / this.consumed) * 1.05);
      if (expected < 1e8) for (const b of this.builders) b.reserve(expected);
    }
  }

  /** Moves the batch into the column builders (column by column: tight loops). */
  private flushBatch(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    this.presize(batch.length);
    const stalled = ColumnBuilder.addBatch(this.builders, batch);
    if (stalled.length > 0 && this.retainDropped) {
      for (const { b, stop } of stalled) {
        b.toTextDeferred(this.rows, batch, stop);
        b.addText(batch, stop);
        this.deferred.push({ b, count: this.rows });
      }
    } else if (stalled.length > 0) {
      const recovered = this.recover(
        stalled.map((s) => s.b.j),
        this.rows,
      );
      for (let k = 0; k < stalled.length; k++) {
        const { b, stop } = stalled[k];
        b.toText(recovered[k], batch, stop);
        b.addText(batch, stop);
      }
      if (!this.builders.some((b) => b.isNumeric)) {
        this.retained = [];
        this.retainedChars = 0;
      }
    }
    this.rows += batch.length;
  }

  /**
   * The raw strings of columns `js` in the first `count` data rows, re-read from the retained
   * text with the same rules as the first reading (blank lines skipped, header skipped, short
   * rows padded). Rare: only when a column that looked numeric meets text after `count` rows.
   */
  private recover(js: readonly number[], count: number): string[][] {
    const out = js.map(() => [] as string[]);
    if (count === 0) return out;
    const parser = new Papa.Parser({ delimiter: this.delimiter, newline: '\n', quoteChar: '"' });
    let skipHeader = (this.layout as Layout).hasHeader;
    let taken = 0;
    for (const text of this.retained) {
      // Each retained piece ends at a row boundary, so it parses on its own.
      const rows = (parser.parse(text, 0, false) as PapaResult).data;
      for (const row of rows) {
        if (row.length === 1 && row[0].trim().length === 0) continue;
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        for (let k = 0; k < js.length; k++) out[k].push(js[k] < row.length ? row[js[k]] : '');
        if (++taken === count) return out;
      }
    }
    throw new Error(`internal: recovered ${taken} of ${count} rows`);
  }

  private noteQuoteErrors(errors: PapaError[], rows: string[][], input: string, startLine: number, final: boolean): void {
    const tracker = new LineTracker(rows, input, startLine);
    let lastRow = -1;
    for (const e of errors) {
      // Errors of the carried-over partial row are reported when it is complete.
      if (e.row >= rows.length || e.row === lastRow) continue;
      if (e.code === 'InvalidQuotes') {
        lastRow = e.row;
        this.malformedQuotes++;
        if (this.malformedLines.length < MAX_LINES) this.malformedLines.push(tracker.lineOf(e.row));
      }
    }
    if (final && errors.some((e) => e.code === 'MissingQuotes')) {
      const at = findUnclosedQuote(input, this.delimiter);
      if (at !== -1) {
        this.unclosedLine = startLine + countNewlines(input, 0, at);
        this.unclosedLines = countNewlines(input, at) + 1;
      }
    }
  }

  private throwRowTooLong(): never {
    const mb = (this.maxRowChars / (1 << 20)).toFixed(this.maxRowChars % (1 << 20) === 0 ? 0 : 1);
    const at = findUnclosedQuote(this.pending, this.delimiter);
    const line0 = this.pendingLine0 + 1;
    if (at !== -1) {
      const line = line0 + countNewlines(this.pending, 0, at);
      throw new LoadError(
        `A quoted field opened on line ${fmtInt(line)} is never closed (no closing quote in the next ${mb} MB). Check the quotes on line ${fmtInt(line)}.`,
        'unclosed-quote',
      );
    }
    throw new LoadError(
      `Line ${fmtInt(line0)} is longer than ${mb} MB: this does not look like a CSV file with one record per line.`,
      'line-too-long',
    );
  }

  private progress(force: boolean): void {
    const cb = this.opts.onProgress;
    if (!cb) return;
    const now = performance.now();
    if (!force && now - this.lastProgress < (this.opts.progressIntervalMs ?? 100)) return;
    this.lastProgress = now;
    cb({ bytes: this.bytes, rows: this.rows + this.pre.length, phase: 'reading' });
  }

  /** Header, names and schema from the rows seen so far; then those rows go into the columns. */
  private decide(): void {
    const layout = decideLayout(
      this.pre.map((p) => p.fields),
      this.pre[0].line,
    );
    this.layout = layout;
    this.nCols = layout.names.length;
    this.builders = layout.names.map((name, j) => new ColumnBuilder(name, layout.sourceNames[j], j));
    const pre = this.pre.splice(0);
    for (let i = layout.hasHeader ? 1 : 0; i < pre.length; i++) this.addRow(pre[i].fields, i, null, pre[i].line);
  }

  /** The end of the text: parses what is left. Then `deferredRows()`, and `finish()`. */
  end(): void {
    this.checkCancelled();
    this.addText(this.normalizer.flush(), true);
    if (this.layout === null) {
      if (this.pre.length === 0) throw new LoadError('The file is empty: it contains only blank lines or spaces.', 'empty');
      this.decide();
      this.flushBatch();
    }
  }

  /** Data rows to re-read from the source before `finish()` (0 almost always). */
  deferredRows(): number {
    let n = 0;
    for (const d of this.deferred) n = Math.max(n, d.count);
    return n;
  }

  /**
   * Re-reads the first data rows from the source for the columns that turned text after the
   * retained text was dropped, with the same rules as the first reading (blank lines and the
   * header skipped, short rows padded). Stops reading once those rows are done.
   */
  async refill(pieces: AsyncIterable<string>): Promise<void> {
    const need = this.deferredRows();
    if (need === 0) return;
    const layout = this.layout as Layout;
    const parser = new Papa.Parser({ delimiter: this.delimiter, newline: '\n', quoteChar: '"' });
    const normalizer = new NewlineNormalizer();
    const cols = this.deferred.map((d) => d.b.j);
    let skipHeader = layout.hasHeader;
    let taken = 0;
    let pending = '';
    let first = true;
    const take = (rows: string[][]): boolean => {
      for (const row of rows) {
        if (row.length === 1 && row[0].trim().length === 0) continue;
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        for (let k = 0; k < cols.length; k++) {
          const d = this.deferred[k];
          if (taken < d.count) d.b.fillAt(taken, cols[k] < row.length ? row[cols[k]] : '');
        }
        if (++taken === need) return true;
      }
      return false;
    };
    for await (const piece of pieces) {
      this.checkCancelled();
      let text = piece;
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      pending += normalizer.push(text);
      if (pending.length < this.chunkChars) continue;
      const res = parser.parse(pending, 0, true) as PapaResult;
      if (take(res.data)) return;
      pending = pending.slice(res.meta.cursor);
    }
    pending += normalizer.flush();
    if (take((parser.parse(pending, 0, false) as PapaResult).data)) return;
    throw new Error(`internal: re-read ${taken} of ${need} rows`);
  }

  finish(): ParsedTable {
    this.checkCancelled();
    const layout = this.layout as Layout;
    if (this.rows === 0) {
      if (layout.hasHeader) {
        throw new LoadError(
          `The file has a header row (${fmtInt(this.nCols)} column${this.nCols === 1 ? '' : 's'}) but no data rows.`,
          'header-only',
        );
      }
      throw new LoadError('The file has no data rows.', 'empty');
    }
    if (this.nCols === 0) throw new LoadError('No columns were found in the file.', 'no-columns');

    this.opts.onProgress?.({ bytes: this.bytes, rows: this.rows, phase: 'typing' });
    this.retained = [];
    const columns = this.builders.map((b) => b.finish());
    this.builders = [];
    const table: Table = { nRows: this.rows, columns };
    return {
      table,
      schema: layout.schema,
      schemaName: layout.schemaName,
      hasHeader: layout.hasHeader,
      delimiter: this.delimiter,
      issues: this.collectIssues(layout),
    };
  }

  private collectIssues(layout: Layout): LoadIssue[] {
    const issues: LoadIssue[] = [];
    if (this.replacement > 0) {
      issues.push({
        kind: 'encoding',
        message: `${fmtInt(this.replacement)} replacement character${this.replacement === 1 ? '' : 's'} (�) in the text, first on line ${fmtInt(
          this.replacementLines[0],
        )}: the file is probably not UTF-8 (perhaps Latin-1 / Windows-1252). Those characters show as �; save the file as UTF-8 to keep them.`,
        lines: this.replacementLines,
        count: this.replacement,
      });
    }
    issues.push(...layout.issues);
    if (this.badRows > 0) {
      const parts: string[] = [];
      if (this.fewer > 0) parts.push(`${fmtInt(this.fewer)} with fewer (the missing fields are treated as missing values)`);
      if (this.more > 0) parts.push(`${fmtInt(this.more)} with more (the extra fields were dropped)`);
      issues.push({
        kind: 'field-count',
        message: `${fmtInt(this.badRows)} row${this.badRows === 1 ? ' has' : 's have'} a different number of fields than the ${fmtInt(this.nCols)} columns: ${parts.join(
          '; ',
        )}. Line${this.badLines.length === 1 ? '' : 's'} ${this.badLines.map(fmtInt).join(', ')}${this.badRows > this.badLines.length ? ', …' : ''}.`,
        lines: this.badLines,
        count: this.badRows,
      });
    }
    if (this.malformedQuotes > 0) {
      issues.push({
        kind: 'quotes',
        message: `${fmtInt(this.malformedQuotes)} row${this.malformedQuotes === 1 ? ' has a quoted field' : 's have quoted fields'} with text after the closing quote (kept as written), on line${
          this.malformedLines.length === 1 ? '' : 's'
        } ${this.malformedLines.map(fmtInt).join(', ')}${this.malformedQuotes > this.malformedLines.length ? ', …' : ''}.`,
        lines: this.malformedLines,
        count: this.malformedQuotes,
      });
    }
    if (this.unclosedLine > 0) {
      issues.push({
        kind: 'unclosed-quote',
        message: `A quoted field opened on line ${fmtInt(this.unclosedLine)} is never closed: the rest of the file (${fmtInt(
          this.unclosedLines,
        )} line${this.unclosedLines === 1 ? '' : 's'}) was read into that one field.`,
        lines: [this.unclosedLine],
        count: 1,
      });
    }
    if (this.blankLines > 0) {
      issues.push({
        kind: 'empty-lines',
        message: `${fmtInt(this.blankLines)} blank line${this.blankLines === 1 ? ' was' : 's were'} skipped.`,
        count: this.blankLines,
      });
    }
    if (this.nCols === 1) {
      issues.push({
        kind: 'single-column',
        message: `Only one column was found (no comma, tab, semicolon or pipe separates the fields). If the file uses another delimiter, save it as comma-separated text.`,
      });
    }
    return issues;
  }
}

/** The delimiter in words, for the UI ("comma", "tab", ...). */
export function delimiterName(d: string): string {
  return DELIMITER_NAMES.get(d) ?? JSON.stringify(d);
}

/** Parses a byte stream (a File's `stream()`, a fetch body). `totalBytes` may be 0 when unknown. */
export async function parseCsvStream(
  stream: ReadableStream<Uint8Array>,
  totalBytes: number,
  opts: ParseOptions = {},
): Promise<ParsedTable> {
  const builder = new CsvBuilder(opts, totalBytes > 0 ? totalBytes : 0);
  const piecesOf = async function* (s: ReadableStream<Uint8Array>) {
    for await (const piece of decodeStream(s, opts.signal)) yield piece.text;
  };
  // Hand the parser pieces of about chunkChars (a stream chunk may be much larger).
  const step = Math.max(1, Math.floor(opts.chunkChars ?? DEFAULT_CHUNK_CHARS));
  const pushText = (text: string, bytes: number) => {
    if (text.length <= step) builder.push(text, bytes);
    else for (let i = 0; i < text.length; i += step) builder.push(text.slice(i, i + step), bytes);
  };
  // The equivalent of stream.pipeThrough(new TextDecoderStream()), except that plain ASCII bytes
  // may go to the parser undecoded (`pushBytes`). `clean`: the decoder holds no partial
  // character (the last byte it decoded was ASCII), so skipping it for a while changes nothing.
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let clean = true;
  let read = 0;
  for await (const { chunk, bytes } of readStream(stream, opts.signal)) {
    read = bytes;
    if (chunk.length === 0) continue;
    const taken: number = clean ? builder.pushBytes(chunk, bytes) : 0;
    if (taken === chunk.length) continue;
    const text = decoder.decode(taken === 0 ? chunk : chunk.subarray(taken), { stream: true });
    clean = chunk[chunk.length - 1] < 0x80;
    if (text.length > 0) pushText(text, bytes);
  }
  const tail = decoder.decode();
  if (tail.length > 0) pushText(tail, read);
  if (opts.signal?.aborted) throw new LoadError('Loading was cancelled.', 'cancelled');
  builder.end();
  if (builder.deferredRows() > 0 && opts.reopen) await builder.refill(piecesOf(await opts.reopen()));
  return builder.finish();
}

/** Parses text already in memory (tests, small inputs), in pieces of `chunkChars`. */
export async function parseCsvText(text: string, opts: ParseOptions = {}): Promise<ParsedTable> {
  const builder = new CsvBuilder(opts, text.length, true);
  const step = Math.max(1, Math.floor(opts.chunkChars ?? DEFAULT_CHUNK_CHARS));
  for (let i = 0; i < text.length; i += step) {
    builder.push(text.slice(i, i + step), Math.min(text.length, i + step));
  }
  builder.end();
  if (builder.deferredRows() > 0) {
    await builder.refill(
      (async function* () {
        for (let i = 0; i < text.length; i += step) yield text.slice(i, i + step);
      })(),
    );
  }
  return builder.finish();
}
