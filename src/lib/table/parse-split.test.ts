/**
 * Reading a file in two halves (`parseCsvBlob` with a `runPart`) must give exactly the one-pass
 * result, or fall back to one pass. The second half runs in-process here; its result goes through
 * `structuredClone` with its buffers transferred, as it would from the nested worker.
 */
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvBlob, parseCsvPart, parseCsvText, partBuffers, type ParsedTable, type PartRunner, type SplitOptions } from './parse';

const dataset = (name: string) => new URL(`../../../../shared/datasets/nsl-kdd/${name}`, import.meta.url);

const inProcess: PartRunner = (req, onProgress) => {
  const ctl = new AbortController();
  const result = parseCsvPart(req, onProgress, ctl.signal).then((out) =>
    out.ok ? structuredClone(out, { transfer: partBuffers(out.part) }) : out,
  );
  return { result, stop: () => ctl.abort() };
};

function split(near?: number, extra: Partial<SplitOptions> = {}): SplitOptions {
  return { runPart: inProcess, minBytes: 0, splitNear: near, ...extra };
}

const enc = new TextEncoder();

/** Both ways; returns the two-halves result after checking it equals the one-pass one. */
async function both(bytes: Uint8Array<ArrayBuffer> | string, near?: number, chunkChars?: number, extra: Partial<SplitOptions> = {}): Promise<ParsedTable> {
  const b = typeof bytes === 'string' ? enc.encode(bytes) : bytes;
  const blob = new Blob([b]);
  const one = await parseCsvBlob(blob, { chunkChars });
  expect(one.parse.path).toBe('serial');
  const two = await parseCsvBlob(blob, { chunkChars }, split(near, extra));
  const { parse: p1, ...rest1 } = one;
  const { parse: p2, ...rest2 } = two;
  void p1;
  void p2;
  expect(rest2).toEqual(rest1);
  // Same dictionaries in the same order (toEqual already compares arrays in order; be explicit).
  for (let j = 0; j < one.table.columns.length; j++) {
    const c1 = one.table.columns[j];
    const c2 = two.table.columns[j];
    expect(c2.kind).toBe(c1.kind);
    if (c1.kind === 'categorical' && c2.kind === 'categorical') {
      expect([...c2.dictionary]).toEqual([...c1.dictionary]);
      expect(Array.from(c2.codes)).toEqual(Array.from(c1.codes));
    }
    if (c1.kind === 'numeric' && c2.kind === 'numeric') expect(Array.from(c2.values)).toEqual(Array.from(c1.values));
  }
  return two;
}

function rows(n: number, f: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => f(i) + '\n').join('');
}

test('KDDTest+.txt in two halves equals one pass, wherever the split falls', async () => {
  const bytes = new Uint8Array(readFileSync(dataset('KDDTest+.txt')));
  for (const near of [bytes.length / 2, 20_000, bytes.length * 0.9, bytes.length - 300]) {
    const t = await both(bytes, near);
    expect(t.parse).toEqual({ path: 'parallel' });
    expect(t.table.nRows).toBe(22544);
  }
  // Small pieces: many parse calls on both sides.
  expect((await both(bytes, undefined, 4096)).parse.path).toBe('parallel');
});

test('the same with ragged rows and blank lines on both sides of the split, and line numbers after it', async () => {
  const head = 'a,b,c,name\n';
  const text =
    head +
    rows(100, (i) => (i === 60 ? '1,2' : i === 98 ? '' : `${i},${i * 0.5},-${i},n${i % 7}`)) +
    rows(100, (i) => (i === 1 ? '1,2,3,x,extra' : i === 2 ? '   ' : i === 50 ? '5' : `${i},0x1F,inf,m${i % 5}`));
  const near = enc.encode(head + rows(100, (i) => (i === 60 ? '1,2' : i === 98 ? '' : `${i},${i * 0.5},-${i},n${i % 7}`))).length - 1;
  const t = await both(text, near, 64);
  expect(t.parse.path).toBe('parallel');
  const fc = t.issues.find((i) => i.kind === 'field-count');
  expect(fc?.lines).toEqual([62, 103, 152]);
  expect(t.issues.find((i) => i.kind === 'empty-lines')?.count).toBe(2);
});

test('CRLF line endings (split after a \\r\\n) and a file without a final line break', async () => {
  const text = 'x,y\r\n' + rows(200, (i) => `${i},v${i % 3}\r`).replace(/\r\n/g, '\r\n') + '7,tail';
  const t = await both(text, text.length / 2, 100);
  expect(t.parse.path).toBe('parallel');
  expect(t.table.nRows).toBe(201);
});

test('multi-byte characters around the split byte, new values after it in first-seen order', async () => {
  const words = ['é', '日本', '🙂', 'naïve', 'Ωmega'];
  const text = 'id,word\n' + rows(100, (i) => `${i},${words[i % 2]}`) + rows(100, (i) => `${i},${words[(i * 3) % 5]}日`);
  const bytes = enc.encode(text);
  for (let near = bytes.length / 2 - 8; near < bytes.length / 2 + 8; near++) {
    const t = await both(bytes, near, 50);
    expect(t.parse.path).toBe('parallel');
    expect(t.issues.find((i) => i.kind === 'encoding')).toBeUndefined();
  }
});

test('invalid UTF-8 after the split: counted once, with the right lines', async () => {
  const a = enc.encode('k,v\n' + rows(80, (i) => `${i},a`));
  const b = enc.encode(rows(80, (i) => `${i},b`));
  const bad = new Uint8Array([0x31, 0x2c, 0xff, 0x0a]); // "1,\xFF\n"
  const bytes = new Uint8Array([...a, ...b, ...bad, ...b]);
  const t = await both(bytes, a.length + 5);
  expect(t.parse.path).toBe('parallel');
  expect(t.issues.find((i) => i.kind === 'encoding')?.lines).toEqual([162]);
});

test('leading-zero identifiers, text first met after the split, hex, NaN and infinities: same reasons', async () => {
  const text =
    'zip,mix,num,cat\n' +
    rows(100, (i) => `0${i % 9}1,${i},${i % 3 === 0 ? 'NaN' : i % 3 === 1 ? '-inf' : '0x10'},${i % 4 === 0 ? '' : 'c' + (i % 4)}`) +
    rows(100, (i) => `zz${i % 3},${i === 30 ? 'oops' : i},${i % 2 === 0 ? '' : '1e3'},${i % 6 === 0 ? 'new' + i : 'c' + (i % 4)}`);
  const one = await parseCsvText(text);
  expect(one.table.columns.map((c) => c.kind)).toEqual(['categorical', 'categorical', 'numeric', 'categorical']);
  // 'mix' is numeric in the first half only, so this one falls back.
  const blob = new Blob([text]);
  const t = await parseCsvBlob(blob, {}, split(text.indexOf('zz')));
  expect(t.parse.path).toBe('serial');
  expect(t.parse.note).toContain('numeric in one half and text in the other');
  // Without it: parallel, and equal.
  const text2 = text.replace(/^(.*?),(.*?),/gm, '$1,');
  const t2 = await both(text2, text2.indexOf('zz'));
  expect(t2.parse.path).toBe('parallel');
  expect(t2.table.columns[0].reason).toBe(one.table.columns[0].reason);
});

test('falls back to one pass: quotes in either half, text then numbers, too few rows, a BOM at the split', async () => {
  const base = 'a,b\n' + rows(100, (i) => `${i},t${i}`);
  const quoted1 = base.replace('5,t5', '"5",t5') + rows(100, (i) => `${i},u`);
  const quoted2 = base + rows(100, (i) => (i === 70 ? `"${i}",u` : `${i},u`));
  for (const text of [quoted1, quoted2]) {
    const t = await both(text, base.length);
    expect(t.parse.path).toBe('serial');
    expect(t.parse.note).toContain('a quote');
  }
  // A column text in the first half and only numbers in the second.
  const t3 = await both(base + rows(100, (i) => `${i},${i}`), base.length);
  expect(t3.parse.note).toContain('numeric in one half');
  // Fewer than 51 rows before the split: the layout would have seen rows after it.
  const t4 = await both('a,b\n' + rows(30, (i) => `${i},x`) + rows(100, (i) => `${i},y`), 60);
  expect(t4.parse.note).toContain('fewer than 51 rows');
  // A BOM's bytes right after the line break: one pass keeps U+FEFF as data.
  const bom = new Uint8Array([...enc.encode(base), 0xef, 0xbb, 0xbf, ...enc.encode(rows(100, (i) => `${i},v`))]);
  const t5 = await both(bom, base.length - 3);
  expect(t5.parse.note).toContain('byte-order mark');
});

test('columns that turn text after the retained text was dropped are re-read in each half', async () => {
  const text = 'p,q\n' + rows(300, (i) => `${i},${i === 200 ? 'late' : i}`) + rows(300, (i) => `${i},${i === 250 ? 'later' : i % 50}`);
  const t = await both(text, text.length / 2, 256, {});
  expect(t.parse.path).toBe('parallel');
  const blob = new Blob([text]);
  const small = await parseCsvBlob(blob, { chunkChars: 256, retainChars: 0 }, split(text.length / 2));
  const one = await parseCsvBlob(blob, { chunkChars: 256, retainChars: 0 });
  expect(small.parse.path).toBe('parallel');
  expect(small.table).toEqual(one.table);
  expect(small.issues).toEqual(one.issues);
});

test('progress adds both halves; the second half is stopped when the first gives up', async () => {
  const bytes = new Uint8Array(readFileSync(dataset('KDDTest+.txt')));
  const seen: number[] = [];
  const t = await parseCsvBlob(new Blob([bytes]), { chunkChars: 8192, progressIntervalMs: 0, onProgress: (p) => p.phase === 'reading' && seen.push(p.bytes) }, split());
  expect(t.parse.path).toBe('parallel');
  expect(Math.max(...seen)).toBe(bytes.length);
  let stopped = 0;
  const runPart: PartRunner = (req, onProgress) => {
    const r = inProcess(req, onProgress);
    return { result: r.result, stop: () => (stopped++, r.stop()) };
  };
  // A quote late in the first half: the second half is already running and must be stopped.
  const text = new TextDecoder().decode(bytes);
  const quoted = text.slice(0, 1e6) + text.slice(1e6).replace(/\n0,tcp,/, '\n0,"tcp",');
  const f = await parseCsvBlob(new Blob([quoted]), {}, { runPart, minBytes: 0, splitNear: quoted.length / 2 });
  expect(f.parse).toEqual({ path: 'serial', note: 'the first half: a quote' });
  expect(stopped).toBe(1);
});
