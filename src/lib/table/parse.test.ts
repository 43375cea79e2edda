import { describe, expect, test } from 'vitest';
import { parseCsvStream, parseCsvText, findUnclosedQuote, type ParsedTable, type ParseProgress } from './parse';
import { LoadError } from './errors';
import type { CategoricalColumn, Column, NumericColumn, Table } from './types';

const utf8 = new TextEncoder();

/** A stream emitting `bytes` in pieces whose sizes cycle through `sizes`. */
function byteStream(bytes: Uint8Array, sizes: readonly number[] = [65536]): ReadableStream<Uint8Array> {
  let at = 0;
  let k = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      const n = sizes[k++ % sizes.length];
      controller.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
}

function parseBytes(bytes: Uint8Array, opts: Parameters<typeof parseCsvStream>[2] = {}, sizes?: number[]): Promise<ParsedTable> {
  return parseCsvStream(byteStream(bytes, sizes), bytes.length, opts);
}

async function loadError(p: Promise<unknown>): Promise<LoadError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LoadError);
    return e as LoadError;
  }
  throw new Error('expected a LoadError');
}

function col(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

/** Cell values as plain data (NaN → 'NaN', missing text → null), for whole-table comparisons. */
function cells(table: Table): unknown[] {
  return table.columns.map((c) => ({
    name: c.name,
    sourceName: c.sourceName,
    kind: c.kind,
    values:
      c.kind === 'numeric'
        ? Array.from(c.values, (v) => (Number.isNaN(v) ? 'NaN' : v))
        : Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k])),
  }));
}

function text(table: Table, name: string): (string | null)[] {
  const c = col(table, name) as CategoricalColumn;
  expect(c.kind).toBe('categorical');
  return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));
}

function nums(table: Table, name: string): number[] {
  const c = col(table, name) as NumericColumn;
  expect(c.kind).toBe('numeric');
  return Array.from(c.values);
}

// ─────────────────────────────────────────────────────────────────────────────

describe('chunk-boundary integrity', () => {
  const rows = [
    'id,name,comment,value',
    '1,café,"hello, world",1.5',
    '2,日本,"she said ""hi"", then left",2',
    '3,😀 emoji,"multi\nline, with comma",-3.25',
    '4,naïve,plain,',
    '5,"quoted 日本語","😀😀, ""x""\nnext\nlines",1e3',
    '6,Ωmega,"",7',
    '7,"a,b","c\r\nd",8',
  ];
  // Repeat with variations so that boundaries fall everywhere.
  const body: string[] = [rows[0]];
  for (let r = 0; r < 6; r++) for (const line of rows.slice(1)) body.push(line.replace(/^(\d+)/, (m) => String(Number(m) + r * 10)));
  const source = body.join('\r\n') + '\r\n';
  const bytes = utf8.encode(source);

  test('the reference table is right', async () => {
    const p = await parseCsvText(source);
    expect(p.table.nRows).toBe(42);
    expect(p.issues).toEqual([]);
    expect(p.table.columns.map((c) => c.name)).toEqual(['id', 'name', 'comment', 'value']);
    expect(text(p.table, 'name').slice(0, 7)).toEqual(['café', '日本', '😀 emoji', 'naïve', 'quoted 日本語', 'Ωmega', 'a,b']);
    expect(text(p.table, 'comment').slice(0, 7)).toEqual([
      'hello, world',
      'she said "hi", then left',
      'multi\nline, with comma',
      'plain',
      '😀😀, "x"\nnext\nlines',
      null,
      'c\nd',
    ]);
    expect(nums(p.table, 'value').slice(0, 7)).toEqual([1.5, 2, -3.25, NaN, 1000, 7, 8]);
  });

  test('identical tables for every chunkChars, no U+FFFD, no \\r', async () => {
    const ref = cells((await parseCsvText(source)).table);
    const json = JSON.stringify(ref);
    expect(json).not.toContain('\uFFFD');
    expect(json).not.toContain('\\r');
    for (let chunkChars = 1; chunkChars <= 64; chunkChars++) {
      const p = await parseCsvText(source, { chunkChars });
      expect(cells(p.table), `chunkChars ${chunkChars}`).toEqual(ref);
      expect(p.issues, `chunkChars ${chunkChars}`).toEqual([]);
    }
  });

  test('identical tables for byte pieces of 1..17 bytes (multi-byte characters split)', async () => {
    const ref = cells((await parseCsvText(source)).table);
    for (let size = 1; size <= 17; size++) {
      for (const chunkChars of [3, 50, 1 << 20]) {
        const p = await parseBytes(bytes, { chunkChars }, [size]);
        expect(cells(p.table), `bytes ${size}, chunkChars ${chunkChars}`).toEqual(ref);
        expect(p.issues.filter((i) => i.kind === 'encoding')).toEqual([]);
      }
    }
    // Irregular piece sizes too.
    const p = await parseBytes(bytes, { chunkChars: 7 }, [1, 2, 3, 5, 8, 13, 17, 4]);
    expect(cells(p.table)).toEqual(ref);
  });

  test('a numeric column meeting text after many rows keeps its earlier values verbatim', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 3000; i++) lines.push(`${i},${i % 2 ? '0.50' : '1'}`);
    lines.push('3000,N/A');
    const src = lines.join('\n') + '\n';
    for (const chunkChars of [97, 4096, 1 << 20]) {
      const p = await parseCsvText(src, { chunkChars });
      const b = text(p.table, 'b');
      expect(b.length).toBe(3001);
      expect(b.slice(0, 3)).toEqual(['1', '0.50', '1']);
      expect(b[3000]).toBe('N/A');
      expect(nums(p.table, 'a')[2999]).toBe(2999);
    }
  });

  test('the same when the text was not kept (bounded memory): earlier rows re-read from the source', async () => {
    // Blank lines, a quoted line break and a header to skip, so the re-reading must follow the
    // first reading's rules exactly; the column turns text after the retained text was dropped.
    const lines = ['a,b,c', '', '0,"x\ny",1'];
    for (let i = 1; i < 3000; i++) lines.push(`${i},v${i % 7},${i % 3 ? '0.50' : i % 5 ? '1' : ''}`);
    lines.push('', '3000,w,N/A', '3001,v1,2.0');
    const src = lines.join('\n') + '\n';
    const kept = await parseCsvText(src, { chunkChars: 1 << 20 });
    expect(text(kept.table, 'c').slice(0, 4)).toEqual(['1', '0.50', '0.50', '1']);
    for (const chunkChars of [97, 4096]) {
      for (const retainChars of [0, 500]) {
        const fromText = await parseCsvText(src, { chunkChars, retainChars });
        expect(cells(fromText.table), `text ${chunkChars}/${retainChars}`).toEqual(cells(kept.table));
        expect((col(fromText.table, 'c') as CategoricalColumn).dictionary).toEqual((col(kept.table, 'c') as CategoricalColumn).dictionary);
        expect(fromText.table.columns[2].missing).toBe(kept.table.columns[2].missing);
        const bytes = utf8.encode(src);
        let reopened = 0;
        const fromStream = await parseBytes(
          bytes,
          {
            chunkChars,
            retainChars,
            reopen: () => {
              reopened++;
              return Promise.resolve(byteStream(bytes, [1000]));
            },
          },
          [333],
        );
        expect(reopened).toBe(1);
        expect(cells(fromStream.table), `stream ${chunkChars}/${retainChars}`).toEqual(cells(kept.table));
      }
    }
  });

  test('without a way to re-read, the text is kept and nothing is re-read', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 500; i++) lines.push(`${i},${i}`);
    lines.push('500,text');
    const bytes = utf8.encode(lines.join('\n') + '\n');
    const p = await parseBytes(bytes, { chunkChars: 64, retainChars: 0 }, [50]);
    expect(text(p.table, 'b').slice(0, 2)).toEqual(['0', '1']);
    expect(text(p.table, 'b')[500]).toBe('text');
  });
});

describe('bad input', () => {
  test('empty file', async () => {
    const e = await loadError(parseCsvText(''));
    expect(e.code).toBe('empty');
    expect(e.message).toBe('The file is empty.');
    expect((await loadError(parseBytes(new Uint8Array(0)))).code).toBe('empty');
    const blank = await loadError(parseCsvText('\n\n   \r\n\n'));
    expect(blank.code).toBe('empty');
    expect(blank.message).toMatch(/only blank lines/);
  });

  test('header only', async () => {
    for (const src of ['a,b,c\n', 'a,b,c', 'a,b,c\n\n\n', '\uFEFFname\r\n']) {
      const e = await loadError(parseCsvText(src));
      expect(e.code, JSON.stringify(src)).toBe('header-only');
      expect(e.message).toMatch(/header row .* but no data rows/);
    }
  });

  test('binary files', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const e = await loadError(parseBytes(png, { fileName: 'photo.png' }));
    expect(e.code).toBe('binary');
    expect(e.message).toMatch(/looks binary/);
    expect(e.message).toContain('photo.png');

    const zip = utf8.encode('PK\u0003\u0004\u0014\u0000\u0000\u0000data.csv');
    const z = await loadError(parseBytes(zip));
    expect(z.code).toBe('binary');
    expect(z.message).toMatch(/compressed archive/);

    // Control characters without NULs, in a file longer than the sniffed head.
    const noisy = new Uint8Array(4096);
    for (let i = 0; i < noisy.length; i++) noisy[i] = i % 3 === 0 ? 1 + (i % 7) : 65 + (i % 26);
    const c = await loadError(parseBytes(noisy, { chunkChars: 100 }, [13]));
    expect(c.code).toBe('binary');
    expect(c.message).toMatch(/control characters/);
  });

  test('UTF-16 text is named as such', async () => {
    const s = 'a,b\n1,2\n3,4\n';
    const bytes = new Uint8Array(2 + s.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < s.length; i++) bytes[2 + 2 * i] = s.charCodeAt(i);
    const e = await loadError(parseBytes(bytes));
    expect(e.code).toBe('encoding');
    expect(e.message).toMatch(/UTF-16/);
  });

  test('rows with too many or too few fields are loaded, counted and located', async () => {
    const lines = ['a,b,c'];
    for (let i = 0; i < 40; i++) {
      if (i % 4 === 1) lines.push(`${i},x`); // too few
      else if (i % 4 === 3) lines.push(`${i},y,z,extra,more`); // too many
      else lines.push(`${i},w,v`);
    }
    const p = await parseCsvText(lines.join('\n') + '\n');
    expect(p.table.nRows).toBe(40);
    const issue = p.issues.find((i) => i.kind === 'field-count');
    expect(issue?.count).toBe(20);
    expect(issue?.lines?.length).toBe(20);
    expect(issue?.lines?.slice(0, 4)).toEqual([3, 5, 7, 9]); // data row i is on line i + 2
    expect(issue?.message).toMatch(/10 with fewer .* 10 with more/);
    expect(text(p.table, 'c').slice(0, 4)).toEqual(['v', null, 'v', 'z']);
    expect(p.table.columns.length).toBe(3);

    // More than 20: the list stops at 20, the count does not.
    const many = ['a,b'];
    for (let i = 0; i < 50; i++) many.push('1');
    many.push('1,2');
    const q = await parseCsvText(many.join('\n'));
    const fc = q.issues.find((i) => i.kind === 'field-count');
    expect(fc?.count).toBe(50);
    expect(fc?.lines?.length).toBe(20);
    expect(fc?.message).toContain(', …');
  });

  test('physical line numbers count quoted line breaks and blank lines', async () => {
    const src = 'a,b\n"x\ny",1\n\n2,2,2\n3,3\n';
    const p = await parseCsvText(src, { chunkChars: 4 });
    expect(p.table.nRows).toBe(3);
    expect(p.issues.find((i) => i.kind === 'field-count')?.lines).toEqual([5]);
    expect(p.issues.find((i) => i.kind === 'empty-lines')?.count).toBe(1);
  });

  test('single-column file', async () => {
    const p = await parseCsvText('value\n1\n2\n3\n');
    expect(p.table.columns.length).toBe(1);
    expect(nums(p.table, 'value')).toEqual([1, 2, 3]);
    const issue = p.issues.find((i) => i.kind === 'single-column');
    expect(issue?.message).toMatch(/Only one column/);
  });

  test('text that is not UTF-8 (Latin-1): replacement characters counted, lines given', async () => {
    // "name,city\nJosé,Málaga\nAna,Köln\n" in Latin-1.
    const latin1 = Uint8Array.from('name,city\nJos\xe9,M\xe1laga\nAna,K\xf6ln\n', (ch) => ch.charCodeAt(0));
    const p = await parseBytes(latin1, {}, [5]);
    expect(p.table.nRows).toBe(2);
    const issue = p.issues.find((i) => i.kind === 'encoding');
    expect(issue?.count).toBe(3);
    expect(issue?.lines).toEqual([2, 3]);
    expect(issue?.message).toMatch(/3 replacement characters/);
    expect(issue?.message).toMatch(/not UTF-8/);
    expect(issue?.message).toMatch(/Latin-1/);
  });

  test('a UTF-8 BOM is stripped (stream and text)', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8.encode('name,v\nx,1\n')]);
    for (const sizes of [[1], [2], [65536]]) {
      const p = await parseBytes(withBom, {}, sizes);
      expect(p.table.columns[0].name).toBe('name');
      expect(p.table.columns[0].sourceName).toBe('name');
    }
    const t = await parseCsvText('\uFEFFname,v\nx,1\n', { chunkChars: 1 });
    expect(t.table.columns[0].name).toBe('name');
  });

  test('CRLF (and CR) files leave no \\r in names or values', async () => {
    for (const eol of ['\r\n', '\r']) {
      const src = ['proto,attack', 'tcp,normal', 'udp,"neptune"', 'icmp,smurf'].join(eol) + eol;
      for (const chunkChars of [1, 2, 3, 1 << 20]) {
        const p = await parseCsvText(src, { chunkChars });
        expect(p.table.columns.map((c) => c.name)).toEqual(['proto', 'attack']);
        expect(p.table.columns[1].sourceName).toBe('attack');
        expect(text(p.table, 'attack')).toEqual(['normal', 'neptune', 'smurf']);
        expect(JSON.stringify(cells(p.table))).not.toContain('\\r');
      }
    }
  });

  test('blank lines are skipped and counted', async () => {
    const p = await parseCsvText('\na,b\n\n1,2\n   \n3,4\n\n');
    expect(p.table.nRows).toBe(2);
    expect(nums(p.table, 'b')).toEqual([2, 4]);
    const issue = p.issues.find((i) => i.kind === 'empty-lines');
    expect(issue?.count).toBe(4);
    // The line break at the end of the file is not a blank line.
    expect((await parseCsvText('a,b\n1,2\n')).issues).toEqual([]);
  });

  test('HTML in cells is just text, verbatim', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    const p = await parseCsvText(`name,note\n"${xss}",<script>alert("x")</script>\nok,fine\n`);
    expect(text(p.table, 'name')[0]).toBe(xss);
    expect(text(p.table, 'note')[0]).toBe('<script>alert("x")</script>');
  });

  test('column names __proto__, constructor, shape, columns, $data, toString', async () => {
    const src = '__proto__,constructor,shape,columns,$data,toString\n__proto__,1,2,3,4,constructor\nx,5,6,7,8,__proto__\n__proto__,9,10,11,12,toString\n';
    const p = await parseCsvText(src);
    expect(p.table.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'shape', 'columns', '$data', 'toString']);
    expect(text(p.table, '__proto__')).toEqual(['__proto__', 'x', '__proto__']);
    const proto = col(p.table, '__proto__') as CategoricalColumn;
    expect(proto.dictionary).toEqual(['__proto__', 'x']);
    expect(nums(p.table, 'constructor')).toEqual([1, 5, 9]);
    expect(text(p.table, 'toString')).toEqual(['constructor', '__proto__', 'toString']);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).shape).toBeUndefined();
    expect(typeof Object.prototype.toString).toBe('function');
  });

  test('duplicate and blank header names', async () => {
    const p = await parseCsvText('a,,a,b\n1,2,3,4\n');
    expect(p.table.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'a_2', 'b']);
    expect(p.table.columns[1].sourceName).toBe('');
    expect(p.issues.map((i) => i.kind)).toEqual(['header-blank', 'header-duplicate']);
  });

  test('a 10 MB unclosed quoted field ends quickly with a clear error naming the line', async () => {
    const head = 'id,comment\n1,ok\n2,fine\n3,"never closed\n';
    const filler = ('x'.repeat(99) + '\n').repeat(100_000); // 10 MB of lines inside the quote
    const bytes = utf8.encode(head + filler);
    const t0 = performance.now();
    const e = await loadError(parseBytes(bytes));
    const ms = performance.now() - t0;
    expect(e.code).toBe('unclosed-quote');
    expect(e.message).toMatch(/quoted field opened on line 4 is never closed/);
    expect(ms).toBeLessThan(10_000);
  });

  test('the same with small chunks and a small cap', async () => {
    const src = 'a,b\n1,2\n"3,\n' + 'y\n'.repeat(5000);
    const e = await loadError(parseCsvText(src, { chunkChars: 7, maxRowChars: 1000 }));
    expect(e.code).toBe('unclosed-quote');
    expect(e.message).toMatch(/line 3/);
  });

  test('a line longer than the cap without any quote', async () => {
    // Longer than the 64 K sample gathered before parsing starts.
    const e = await loadError(parseCsvText('a,b\n1,2\n' + 'z'.repeat(70_000), { chunkChars: 64, maxRowChars: 1000 }));
    expect(e.code).toBe('line-too-long');
    expect(e.message).toMatch(/Line 3 is longer than/);
  });

  test('an unclosed quote near the end: loaded, with an issue', async () => {
    const p = await parseCsvText('a,b\n1,ok\n2,"open\n3,x\n4,y\n');
    expect(p.table.nRows).toBe(2);
    const issue = p.issues.find((i) => i.kind === 'unclosed-quote');
    expect(issue?.lines).toEqual([3]);
    expect(issue?.message).toMatch(/opened on line 3 is never closed/);
    expect(text(p.table, 'b')[1]).toBe('open\n3,x\n4,y\n');
  });

  test('text after a closing quote is kept and reported', async () => {
    // PapaParse keeps such a field open until a quote that is followed by a delimiter or line break.
    const p = await parseCsvText('a,b\n1,"x" y"\n2,z\n');
    expect(p.table.nRows).toBe(2);
    expect(text(p.table, 'b')).toEqual(['x" y', 'z']);
    expect(p.issues.find((i) => i.kind === 'quotes')?.lines).toEqual([2]);
    // With no such quote later, the field runs to the end of the file: reported as unclosed.
    const q = await parseCsvText('a,b\n1,"x"y\n2,z\n');
    expect(q.issues.find((i) => i.kind === 'unclosed-quote')?.lines).toEqual([2]);
  });
});

describe('findUnclosedQuote', () => {
  test('finds where the open quote starts', () => {
    expect(findUnclosedQuote('a,"b"\n"c""d",e\n', ',')).toBe(-1);
    expect(findUnclosedQuote('a,"b\nc', ',')).toBe(2);
    expect(findUnclosedQuote('a,"b"x\n', ',')).toBe(2); // a quote followed by text does not close
    expect(findUnclosedQuote('x"y,z\n', ',')).toBe(-1); // a quote inside a field opens nothing
  });
});

describe('progress and cancel', () => {
  test('progress is reported with bytes and rows, ending with typing', async () => {
    const src = 'a,b\n' + Array.from({ length: 2000 }, (_, i) => `${i},${i * 2}`).join('\n') + '\n';
    const bytes = utf8.encode(src);
    const seen: ParseProgress[] = [];
    const p = await parseBytes(bytes, { chunkChars: 1000, progressIntervalMs: 0, onProgress: (x) => seen.push(x) }, [512]);
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
      expect(seen[i].rows).toBeGreaterThanOrEqual(seen[i - 1].rows);
    }
    const last = seen[seen.length - 1];
    expect(last).toEqual({ bytes: bytes.length, rows: p.table.nRows, phase: 'typing' });
    expect(seen.filter((x) => x.phase === 'reading').at(-1)?.bytes).toBe(bytes.length);
  });

  test('the default interval throttles progress calls', async () => {
    const src = 'a\n' + '1\n'.repeat(5000);
    let calls = 0;
    await parseCsvText(src, { chunkChars: 10, onProgress: () => calls++ });
    expect(calls).toBeLessThan(20); // 1,000 parse calls, far fewer reports
  });

  test('an aborted signal stops the load with code cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    expect((await loadError(parseCsvText('a,b\n1,2\n', { signal: ac.signal }))).code).toBe('cancelled');

    // Aborted while reading a stream.
    const ac2 = new AbortController();
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (pulls === 3) ac2.abort();
        controller.enqueue(utf8.encode(pulls === 1 ? 'a,b\n' : '1,2\n'.repeat(100)));
      },
    });
    const e = await loadError(parseCsvStream(stream, 0, { signal: ac2.signal }));
    expect(e.code).toBe('cancelled');
    expect(e.message).toMatch(/cancelled/);
  });
});

test('a stream that fails while reading gives a LoadError', async () => {
  let n = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (n++ === 0) c.enqueue(utf8.encode('a,b\n1,2\n'));
      else c.error(new Error('disk gone'));
    },
  });
  const e = await loadError(parseCsvStream(stream, 0));
  expect(e.code).toBe('read');
  expect(e.message).toBe('The file could not be read: disk gone.');
});
