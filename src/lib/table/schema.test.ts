import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvText } from './parse';
import { detectLabel } from './label';
import { KDD_FEATURES, decideLayout, detectDelimiter, firstRowIsHeader, makeColumnNames, recognizeHeader } from './schema';
import type { CategoricalColumn, Column, NumericColumn, Table } from './types';

function fixture(name: string): string {
  return readFileSync(new URL(`../../../tests/fixtures/${name}`, import.meta.url), 'utf8');
}

function col(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

describe('detectDelimiter', () => {
  test.each([
    ['a,b,c\n1,2,3\n4,5,6\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a;b;c\n1,5;2,5;3\n4;5;6\n', ';'],
    ['a|b|c\n1|2|3\n', '|'],
    ['just one column\nvalue\n', ','],
  ])('%j → %j', (text, d) => {
    expect(detectDelimiter(text, true)).toBe(d);
  });

  test('delimiters inside quotes do not count', () => {
    const text = 'name;comment\n"a, b, c, d";x\n"e, f, g";y\n"h,i";z\n';
    expect(detectDelimiter(text, true)).toBe(';');
  });

  test('a quoted line break does not split a record', () => {
    const text = 'a,b\n"x\ny;z;w",1\n"p",2\n';
    expect(detectDelimiter(text, true)).toBe(',');
  });
});

describe('header detection', () => {
  test('text over numeric columns is a header', () => {
    expect(firstRowIsHeader([['x', 'y'], ['1', '2'], ['3', '4']])).toBe(true);
  });
  test('an all-numeric first row is data', () => {
    expect(firstRowIsHeader([['1', '2'], ['3', '4']])).toBe(false);
  });
  test('all-text rows: a first row whose values recur below is data', () => {
    expect(firstRowIsHeader([['tcp', 'http'], ['udp', 'dns'], ['tcp', 'http']])).toBe(false);
    expect(firstRowIsHeader([['proto', 'service'], ['udp', 'dns'], ['tcp', 'http']])).toBe(true);
  });
  test('a header-less file that is not a known layout gets column_<n> names and an issue', () => {
    const layout = decideLayout([
      ['1', '2', 'x'],
      ['3', '4', 'y'],
    ]);
    expect(layout.hasHeader).toBe(false);
    expect(layout.names).toEqual(['column_1', 'column_2', 'column_3']);
    expect(layout.issues.map((i) => i.kind)).toEqual(['header-missing']);
    expect(layout.issues[0].message).toMatch(/No header row found/);
  });
});

describe('makeColumnNames', () => {
  test('trims names, keeps the source, fills blanks, numbers duplicates', () => {
    const { names, sourceNames, issues } = makeColumnNames([' Destination Port', '', ' Fwd Header Length', 'Fwd Header Length', 'a', 'a', 'a_2', '  ']);
    expect(names).toEqual(['Destination Port', 'column_2', 'Fwd Header Length', 'Fwd Header Length_2', 'a', 'a_3', 'a_2', 'column_8']);
    expect(sourceNames[0]).toBe(' Destination Port');
    expect(issues.map((i) => i.kind).sort()).toEqual(['header-blank', 'header-duplicate', 'header-renamed']);
    const dup = issues.find((i) => i.kind === 'header-duplicate');
    expect(dup?.count).toBe(2);
    expect(dup?.message).toContain("'Fwd Header Length' → 'Fwd Header Length_2'");
    expect(issues.find((i) => i.kind === 'header-blank')?.count).toBe(2);
  });

  test('names that are Object members stay names (no prototype pollution)', () => {
    const { names } = makeColumnNames(['__proto__', 'constructor', 'shape', 'columns', '$data', 'toString', '__proto__']);
    expect(names).toEqual(['__proto__', 'constructor', 'shape', 'columns', '$data', 'toString', '__proto___2']);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe('recognizeHeader', () => {
  test('generic and known headers', () => {
    expect(recognizeHeader(['a', 'b']).schema).toBe('generic');
    expect(recognizeHeader([...KDD_FEATURES, 'attack', 'last_flag']).schema).toBe('nsl-kdd-kaggle');
    expect(recognizeHeader([...KDD_FEATURES, 'attack', 'level']).schema).toBe('nsl-kdd');
    expect(recognizeHeader(['srcip', 'sport', 'dstip', 'dsport', 'proto']).schema).toBe('unsw-nb15');
    expect(recognizeHeader(['Destination Port', 'Flow Duration', 'Label']).schema).toBe('cic-ids2017');
  });
});

describe('known schemas (fixtures) with their labels', () => {
  test('NSL-KDD without header', async () => {
    const p = await parseCsvText(fixture('table-nsl-kdd-headerless.csv'));
    expect(p.schema).toBe('nsl-kdd');
    expect(p.hasHeader).toBe(false);
    expect(p.table.nRows).toBe(8);
    expect(p.table.columns.map((c) => c.name)).toEqual([...KDD_FEATURES, 'attack', 'level']);
    expect(p.issues).toEqual([]);
    expect(col(p.table, 'protocol_type').kind).toBe('categorical');
    expect(col(p.table, 'src_bytes').kind).toBe('numeric');
    expect(col(p.table, 'level').kind).toBe('numeric');
    const label = detectLabel(p.table, p.schema);
    expect(label).toMatchObject({ column: 'attack', normalValue: 'normal', columnChosenBy: 'schema', normalChosenBy: 'content', anomalies: 4, normals: 4 });
    expect(Array.from(label.isAnomaly ?? [])).toEqual([0, 1, 0, 1, 0, 1, 1, 0]);
    expect(label.classes[0]).toEqual({ value: 'normal', count: 4, normal: true });
  });

  test('NSL-KDD, Kaggle header', async () => {
    const p = await parseCsvText(fixture('table-nsl-kdd-kaggle.csv'));
    expect(p.schema).toBe('nsl-kdd-kaggle');
    expect(p.hasHeader).toBe(true);
    expect(p.table.columns.slice(-2).map((c) => c.name)).toEqual(['attack', 'last_flag']);
    expect(p.table.nRows).toBe(8);
    expect(detectLabel(p.table, p.schema)).toMatchObject({ column: 'attack', normalValue: 'normal', anomalies: 4 });
  });

  test("KDD'99 without header, labels ending in '.'", async () => {
    const p = await parseCsvText(fixture('table-kdd99.csv'));
    expect(p.schema).toBe('kdd99');
    expect(p.table.columns.length).toBe(42);
    expect(p.table.columns[41].name).toBe('label');
    expect(detectLabel(p.table, p.schema)).toMatchObject({ column: 'label', normalValue: 'normal.', anomalies: 4, normals: 4 });
  });

  test('UNSW-NB15 training set: the binary label column, normal = 0', async () => {
    const p = await parseCsvText(fixture('table-unsw-nb15.csv'));
    expect(p.schema).toBe('unsw-nb15');
    expect(p.table.columns.length).toBe(45);
    expect(col(p.table, 'label').kind).toBe('numeric');
    expect(col(p.table, 'attack_cat').kind).toBe('categorical');
    const label = detectLabel(p.table, p.schema);
    expect(label).toMatchObject({ column: 'label', normalValue: '0', columnChosenBy: 'schema', anomalies: 3, normals: 3 });
    expect(label.classes).toEqual([
      { value: '0', count: 3, normal: true },
      { value: '1', count: 3, normal: false },
    ]);
    expect(label.candidates.slice(0, 2)).toEqual(['label', 'attack_cat']);
  });

  test('CIC-IDS2017: leading spaces, Infinity, NaN, a duplicated header', async () => {
    const p = await parseCsvText(fixture('table-cic-ids2017.csv'));
    expect(p.schema).toBe('cic-ids2017');
    const names = p.table.columns.map((c) => c.name);
    expect(names[0]).toBe('Destination Port');
    expect(p.table.columns[0].sourceName).toBe(' Destination Port');
    expect(names).toContain('Fwd Header Length');
    expect(names).toContain('Fwd Header Length_2');
    expect(names[names.length - 1]).toBe('Label');
    expect(p.issues.map((i) => i.kind)).toEqual(expect.arrayContaining(['header-duplicate', 'header-renamed']));
    const bytes = col(p.table, 'Flow Bytes/s') as NumericColumn;
    expect(bytes.kind).toBe('numeric');
    expect(bytes.infinite).toBe(1);
    expect(bytes.missing).toBe(1);
    expect(bytes.values[2]).toBe(Infinity);
    expect(bytes.reason).toBe('all 6 non-empty values are numbers (1 NaN, 1 ±Infinity)');
    const label = detectLabel(p.table, p.schema);
    expect(label).toMatchObject({ column: 'Label', normalValue: 'BENIGN', columnChosenBy: 'schema', anomalies: 3, normals: 3 });
  });

  test('generic semicolon file: quoted delimiter, no label column', async () => {
    const p = await parseCsvText(fixture('table-generic-semicolon.csv'));
    expect(p.schema).toBe('generic');
    expect(p.delimiter).toBe(';');
    expect(p.table.nRows).toBe(4);
    const host = col(p.table, 'host') as CategoricalColumn;
    expect(host.dictionary[host.codes[3]]).toBe('10.0.0.4; spoofed');
    expect(col(p.table, 'duration').kind).toBe('numeric');
    const label = detectLabel(p.table, p.schema);
    expect(label).toMatchObject({ column: null, columnChosenBy: 'none', isAnomaly: null, anomalies: 0 });
    // The UI offers the text column holding "normal" first.
    expect(label.candidates[0]).toBe('verdict');
  });

  test('generic tab file: label "class" by name, normal "benign" by content', async () => {
    const p = await parseCsvText(fixture('table-generic-tab.tsv'));
    expect(p.delimiter).toBe('\t');
    expect(p.schema).toBe('generic');
    expect(col(p.table, 'timestamp').kind).toBe('categorical');
    expect(col(p.table, 'packets').kind).toBe('numeric');
    expect(detectLabel(p.table, p.schema)).toMatchObject({ column: 'class', columnChosenBy: 'name', normalValue: 'benign', anomalies: 1, normals: 3 });
  });

  test('UNSW-NB15 raw records without header (49 fields, IP addresses)', async () => {
    const row = (ip: string, cat: string, label: number) =>
      [ip, '1390', '149.171.126.6', '53', 'udp', 'CON', '0.001055', '132', '164', '31', '29', '0', '0', 'dns', '500473.9375', '621800.9375', '2', '2', '0', '0', '0', '0', '66', '82', '0', '0', '0', '0', '1421927414', '1421927414', '0.017', '0.013', '0', '0', '0', '0', '0', '0', '0', '0', '3', '7', '1', '3', '1', '1', '1', cat, String(label)].join(',');
    const text = [row('59.166.0.0', '', 0), row('59.166.0.6', '', 0), row('175.45.176.3', 'Exploits', 1)].join('\n') + '\n';
    const p = await parseCsvText(text);
    expect(p.schema).toBe('unsw-nb15');
    expect(p.hasHeader).toBe(false);
    expect(p.table.columns.length).toBe(49);
    expect(p.table.columns[0].name).toBe('srcip');
    expect(detectLabel(p.table, p.schema)).toMatchObject({ column: 'Label', normalValue: '0', anomalies: 1, normals: 2 });
  });
});
