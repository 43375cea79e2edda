/**
 * The plain path (`ColumnBuilder.addPlain`: quote-free ASCII pieces read from their bytes, without
 * PapaParse) against PapaParse's (`scan: false`): on every input the two must give the same
 * table — values bit for bit, dictionaries in the same order, the same counts, reasons and
 * issues. The inputs mix what the plain path takes with everything it must hand back to PapaParse
 * (quotes, blank lines, rows of other lengths, non-ASCII text, numeric columns turning text).
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvStream, parseCsvText, type ParsedTable } from './parse';
import { ColumnBuilder } from './infer';
import { mulberry32 } from '../ml/random';

/** The whole result as plain data, with NaN and −0 spelled out so that they compare exactly. */
function snapshot(p: ParsedTable): unknown {
  const num = (v: number) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v);
  return {
    schema: p.schema,
    hasHeader: p.hasHeader,
    delimiter: p.delimiter,
    issues: p.issues,
    nRows: p.table.nRows,
    columns: p.table.columns.map((c) =>
      c.kind === 'numeric'
        ? { ...c, values: Array.from(c.values, num) }
        : { ...c, codes: Array.from(c.codes), dictionary: [...c.dictionary] },
    ),
  };
}

/** Counts the rows the plain path takes (a spy on addPlain): `start()` before a run, `rows()` after. */
function plainRows() {
  const spy = vi.spyOn(ColumnBuilder, 'addPlain');
  return {
    start: () => spy.mockClear(),
    rows: () => spy.mock.results.reduce((n, r) => n + (r.type === 'return' && (r.value as number) > 0 ? (r.value as number) : 0), 0),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

const NUMBERS = ['0', '1', '12', '-3', '0.5', '0.05', '1.00', '-0', '-0.0', '5.', '.5', '-.5', '1e5', '2E-3', '123456789012345', '1234567890123456', '0.1234567890123456789', 'inf', '-Infinity', 'NaN', 'nan', '0x1F', ' 7', '8 ', '+4', ''];
const TEXTS = ['tcp', 'udp', 'icmp', 'http', 'private', 'SF', 'S0', 'REJ', 'a much longer value', '', 'normal', 'neptune', '-', '.', '<b>x</b>'];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}

interface Shape {
  rows: number;
  cols: number;
  header: boolean;
  delimiter: string;
  /** Per row, the chance of: a blank line, a short row, a long row, a quoted field, a non-ASCII value. */
  odd: { blank: number; short: number; long: number; quote: number; unicode: number };
  /** Rows after which one numeric column meets text / a leading-zero identifier (−1: never). */
  turnsText: number;
  crlf: boolean;
  finalNewline: boolean;
}

function makeCsv(seed: number, s: Shape): string {
  const rand = mulberry32(seed);
  const kinds = Array.from({ length: s.cols }, (_, j) => (j === 0 ? 'num' : rand() < 0.3 ? 'text' : 'num'));
  const lines: string[] = [];
  if (s.header) lines.push(kinds.map((_, j) => `c${j}`).join(s.delimiter));
  const late = kinds.indexOf('num', 1);
  for (let r = 0; r < s.rows; r++) {
    if (rand() < s.odd.blank) lines.push(rand() < 0.5 ? '' : '   ');
    let fields = kinds.map((k) => (k === 'num' ? (rand() < 0.8 ? String(Math.floor(rand() * 50) / (rand() < 0.5 ? 1 : 100)) : pick(rand, NUMBERS)) : pick(rand, TEXTS)));
    if (s.turnsText >= 0 && r === s.turnsText && late > 0) fields[late] = rand() < 0.5 ? 'N/A' : '007';
    if (rand() < s.odd.unicode) fields[fields.length - 1] = 'café';
    if (rand() < s.odd.quote) fields[0] = `"${fields[0]}"`;
    if (rand() < s.odd.short) fields = fields.slice(0, Math.max(1, fields.length - 1));
    if (rand() < s.odd.long) fields = [...fields, 'extra'];
    lines.push(fields.join(s.delimiter));
  }
  const nl = s.crlf ? '\r\n' : '\n';
  return lines.join(nl) + (s.finalNewline ? nl : '');
}

const CLEAN = { blank: 0, short: 0, long: 0, quote: 0, unicode: 0 };

/** A stream of `bytes` in chunks of the given sizes, in turn; records the chunks' buffers. */
function chunked(bytes: Uint8Array, sizes: readonly number[], buffers?: Set<ArrayBufferLike>): ReadableStream<Uint8Array> {
  let at = 0;
  let k = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) return c.close();
      const chunk = bytes.slice(at, at + sizes[k++ % sizes.length]);
      buffers?.add(chunk.buffer);
      c.enqueue(chunk);
      at += chunk.length;
    },
  });
}

describe('the plain path gives exactly what PapaParse gives', () => {
  const shapes: [string, Shape][] = [
    ['clean, with a header', { rows: 600, cols: 6, header: true, delimiter: ',', odd: CLEAN, turnsText: -1, crlf: false, finalNewline: true }],
    ['clean, no header, no final line break', { rows: 400, cols: 5, header: false, delimiter: ',', odd: CLEAN, turnsText: -1, crlf: false, finalNewline: false }],
    ['tab-separated, CRLF', { rows: 500, cols: 4, header: true, delimiter: '\t', odd: CLEAN, turnsText: -1, crlf: true, finalNewline: true }],
    ['semicolons, a numeric column turning text late', { rows: 700, cols: 5, header: true, delimiter: ';', odd: CLEAN, turnsText: 450, crlf: false, finalNewline: true }],
    ['blank lines and rows of other lengths', { rows: 600, cols: 6, header: true, delimiter: ',', odd: { ...CLEAN, blank: 0.01, short: 0.01, long: 0.01 }, turnsText: -1, crlf: false, finalNewline: true }],
    ['a few quotes and non-ASCII values', { rows: 600, cols: 4, header: true, delimiter: ',', odd: { ...CLEAN, quote: 0.005, unicode: 0.005 }, turnsText: 300, crlf: false, finalNewline: true }],
    ['pipes, two columns', { rows: 300, cols: 2, header: true, delimiter: '|', odd: CLEAN, turnsText: 200, crlf: false, finalNewline: false }],
  ];

  for (const [name, shape] of shapes) {
    test(name, async () => {
      const taken = plainRows();
      for (let seed = 1; seed <= 4; seed++) {
        const csv = makeCsv(seed * 7919 + shape.rows, shape);
        for (const chunkChars of [61, 1000, 1 << 17]) {
          for (const retainChars of [0, 1 << 20]) {
            taken.start();
            const plain = await parseCsvText(csv, { chunkChars, retainChars });
            const rows = taken.rows();
            const papa = await parseCsvText(csv, { chunkChars, retainChars, scan: false });
            expect(snapshot(plain), `seed ${seed}, chunks of ${chunkChars}, retain ${retainChars}`).toEqual(snapshot(papa));
            // Not vacuous: with pieces of 1000 characters the plain path read rows: most of them,
            // or at least some when odd rows (or a column turning text) send pieces to PapaParse. (With 61, few pieces
            // hold a whole row; with 128 Ki, the file is one piece, read before the header is decided.)
            const odd = Object.values(shape.odd).some((p) => p > 0) || shape.turnsText >= 0;
            if (chunkChars === 1000) expect(rows, `plain rows, seed ${seed}`).toBeGreaterThan(plain.table.nRows * (odd ? 0.1 : 0.5));
          }
        }
      }
    });
  }

  test('a stream whose chunks split lines anywhere, re-read when a column turns text after the kept text', async () => {
    const csv = makeCsv(42, { rows: 3000, cols: 6, header: true, delimiter: ',', odd: CLEAN, turnsText: 2500, crlf: true, finalNewline: true });
    const bytes = new TextEncoder().encode(csv);
    const stream = (sizes: number[]) => chunked(bytes, sizes);
    const opts = { chunkChars: 4096, reopen: () => Promise.resolve(stream([1000])) };
    const taken = plainRows();
    const plain = await parseCsvStream(stream([333, 7, 4096]), bytes.length, opts);
    expect(taken.rows()).toBeGreaterThan(1000);
    const papa = await parseCsvStream(stream([333, 7, 4096]), bytes.length, { ...opts, scan: false });
    expect(snapshot(plain)).toEqual(snapshot(papa));
  });

  /** Rows that addPlain (spied on by `plainRows()`) read straight from the stream's chunks, undecoded. */
  function rowsFromChunks(buffers: Set<ArrayBufferLike>): number {
    const calls = vi.mocked(ColumnBuilder.addPlain).mock;
    let n = 0;
    calls.calls.forEach((args, i) => {
      const r = calls.results[i];
      if (buffers.has(args[1].buffer) && r.type === 'return' && (r.value as number) > 0) n += r.value as number;
    });
    return n;
  }

  test('undecoded chunks: the same table as decoding every byte, whatever the chunks split', async () => {
    // retainChars 0: nothing is kept for re-reading, which is when the stream's bytes are taken undecoded
    for (const [name, shape] of shapes) {
      for (let seed = 1; seed <= 2; seed++) {
        const bytes = new TextEncoder().encode(makeCsv(seed * 104729 + shape.cols, { ...shape, rows: shape.rows * 3 }));
        for (const sizes of [[65536], [4096], [333, 7, 2000], [1, 5000, 2, 3]]) {
          const taken = plainRows();
          const buffers = new Set<ArrayBufferLike>();
          const opts = { chunkChars: 1024, retainChars: 0, reopen: () => Promise.resolve(chunked(bytes, [1000])) };
          taken.start();
          const plain = await parseCsvStream(chunked(bytes, sizes, buffers), bytes.length, opts);
          const fromChunks = rowsFromChunks(buffers);
          const papa = await parseCsvStream(chunked(bytes, sizes), bytes.length, { ...opts, scan: false });
          const what = `${name}, seed ${seed}, chunks ${sizes.join('/')}`;
          expect(snapshot(plain), what).toEqual(snapshot(papa));
          // Not vacuous: clean LF files go mostly undecoded (not CRLF: a CR is never taken as is). In
          // chunks of 64 Ki the file is one chunk, which is decoded: the header is not decided yet.
          const clean = !Object.values(shape.odd).some((p) => p > 0) && shape.turnsText < 0 && !shape.crlf;
          if (clean && sizes[0] === 4096) expect(fromChunks, what).toBeGreaterThan(plain.table.nRows * 0.5);
          if (shape.crlf) expect(fromChunks, what).toBe(0);
        }
      }
    }
  });

  test('undecoded chunks next to multi-byte characters split anywhere, a BOM, and a numeric column turning text', async () => {
    const csv = makeCsv(7, { rows: 2000, cols: 5, header: true, delimiter: ',', odd: { ...CLEAN, unicode: 0.01 }, turnsText: 1500, crlf: false, finalNewline: true });
    const bytes = new TextEncoder().encode('\uFEFF' + csv);
    for (const sizes of [[4096], [4095], [4097, 1, 1, 1], [2048, 3]]) {
      const taken = plainRows();
      const buffers = new Set<ArrayBufferLike>();
      const opts = { chunkChars: 1024, retainChars: 0, reopen: () => Promise.resolve(chunked(bytes, [777])) };
      taken.start();
      const plain = await parseCsvStream(chunked(bytes, sizes, buffers), bytes.length, opts);
      expect(rowsFromChunks(buffers), `chunks ${sizes.join('/')}`).toBeGreaterThan(200);
      const papa = await parseCsvStream(chunked(bytes, sizes), bytes.length, { ...opts, scan: false });
      expect(snapshot(plain), `chunks ${sizes.join('/')}`).toEqual(snapshot(papa));
      expect(plain.table.columns[0].name).toBe('c0'); // the BOM is not part of the first name
      expect(JSON.stringify(snapshot(plain))).not.toContain('\uFFFD');
    }
  });

  test('the real KDDTest+.txt: the same table both ways, nearly all of it read by the plain path', async () => {
    const text = readFileSync(new URL('../../../../shared/datasets/nsl-kdd/KDDTest+.txt', import.meta.url), 'utf8');
    const taken = plainRows();
    const plain = await parseCsvText(text);
    // all but the first piece (PapaParse reads it, up to the header decision)
    expect(taken.rows()).toBeGreaterThan(21_500);
    const papa = await parseCsvText(text, { scan: false });
    expect(plain.table.nRows).toBe(22_544);
    expect(snapshot(plain)).toEqual(snapshot(papa));
  });
});
