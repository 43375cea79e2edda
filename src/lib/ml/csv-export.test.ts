import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv-export';

/** A small RFC 4180 reader for round-trip checks (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('csvField: formula neutralisation (OWASP)', () => {
  for (const prefix of ['=', '+', '-', '@', '\t', '\r']) {
    it(`prefixes a text cell starting with ${JSON.stringify(prefix)}`, () => {
      const text = `${prefix}HYPERLINK("http://x","y")`;
      const parsed = parseCsv(toCsv(['c'], [[text]]));
      expect(parsed[1][0]).toBe(`'${text}`);
    });
  }

  it('leaves numbers alone, including negative ones', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0.1)).toBe('0.1');
    expect(csvField(-1e-7)).toBe('-1e-7');
    expect(csvField(42)).toBe('42');
  });

  it('neutralises text that looks like a negative number with a payload', () => {
    expect(csvField('-3+cmd|/C calc')).toBe("'-3+cmd|/C calc");
    expect(csvField('-3')).toBe("'-3");
  });

  it('does not touch safe text or prefixes appearing later', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(' =1')).toBe(' =1');
    expect(csvField('normal')).toBe('normal');
    expect(csvField('')).toBe('');
  });

  it('writes null and NaN as empty cells and infinities as text', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(NaN)).toBe('');
    expect(csvField(Infinity)).toBe('Infinity');
    expect(csvField(-Infinity)).toBe("'-Infinity");
  });
});

describe('toCsv: RFC 4180', () => {
  it('quotes fields with commas, quotes, CR or LF and doubles inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('x\ry')).toBe('"x\ry"');
    // Neutralised and quoted: the apostrophe goes inside the quotes.
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('\rx')).toBe(`"'\rx"`);
  });

  it('uses CRLF between and after records', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });

  it('neutralises header names too', () => {
    expect(toCsv(['=cmd', '-x', 'ok'], [])).toBe("'=cmd,'-x,ok\r\n");
  });

  it('round-trips through a CSV reader', () => {
    const header = ['id', 'service', 'note', 'score', '@who'];
    const rows = [
      [1, 'http', 'plain', 0.25, null],
      [2, '__proto__', 'has, comma', -3, 'x'],
      [3, 'ftp', 'quote " inside', 1e21, '=SUM(A1:A2)'],
      [4, 'dns', 'multi\r\nline', NaN, '+1'],
      [5, 'écho ☃', '', -0.5, '-2'],
    ];
    const parsed = parseCsv(toCsv(header, rows));
    expect(parsed[0]).toEqual(['id', 'service', 'note', 'score', "'@who"]);
    expect(parsed.slice(1)).toEqual([
      ['1', 'http', 'plain', '0.25', ''],
      ['2', '__proto__', 'has, comma', '-3', 'x'],
      ['3', 'ftp', 'quote " inside', '1e+21', "'=SUM(A1:A2)"],
      ['4', 'dns', 'multi\r\nline', '', "'+1"],
      ['5', 'écho ☃', '', '-0.5', "'-2"],
    ]);
  });

  it('throws on a row whose length differs from the header', () => {
    expect(() => toCsv(['a', 'b'], [[1]])).toThrow(RangeError);
  });
});
