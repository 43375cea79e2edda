import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, Column, NumericColumn, Table } from '../table/types';
import {
  PreprocessSpecError,
  applyPreprocessing,
  fitPreprocessing,
  specFromJSON,
  specToJSON,
  type NumericColumnSpec,
  type PreprocessSpec,
} from './preprocess';
import { allRows } from './split';

function num(name: string, values: ArrayLike<number>): NumericColumn {
  const v = Float64Array.from(values);
  let missing = 0;
  let infinite = 0;
  for (const x of v) {
    if (Number.isNaN(x)) missing++;
    else if (!Number.isFinite(x)) infinite++;
  }
  return { kind: 'numeric', name, sourceName: name, values: v, missing, infinite, reason: 'test' };
}

/** Dictionary in first-seen order unless given. */
function cat(name: string, values: (string | null)[], dictionary?: string[]): CategoricalColumn {
  const dict = dictionary ? [...dictionary] : [];
  const code = new Map<string, number>(dict.map((d, i) => [d, i]));
  const codes = new Int32Array(values.length);
  let missing = 0;
  values.forEach((s, i) => {
    if (s === null) {
      codes[i] = -1;
      missing++;
      return;
    }
    let c = code.get(s);
    if (c === undefined) {
      c = dict.length;
      dict.push(s);
      code.set(s, c);
    }
    codes[i] = c;
  });
  return {
    kind: 'categorical',
    name,
    sourceName: name,
    codes,
    dictionary: dict,
    missing,
    reason: 'test',
  };
}

function table(...columns: Column[]): Table {
  return { nRows: columns[0].kind === 'numeric' ? columns[0].values.length : columns[0].codes.length, columns };
}

function cell(m: { matrix: Float32Array; nFeatures: number }, row: number, feature: number): number {
  return m.matrix[row * m.nFeatures + feature];
}

// 8 training-ish rows.
const train = table(
  num('bytes', [0, 10, 100, 1000, 10000, 5, NaN, 20]),
  num('rate', [0, 0.25, 0.5, 1, 0.75, 0.5, 0.5, 0.25]),
  num('const', [3, 3, 3, 3, 3, 3, 3, 3]),
  cat('proto', ['udp', 'tcp', 'icmp', 'tcp', 'tcp', 'udp', 'tcp', 'tcp']),
  cat('service', ['__proto__', 'constructor', 'http', 'http', 'http', 'http', 'http', 'ftp']),
  num('inf', [1, 2, 3, Infinity, -Infinity, 2, 2, 1]),
  cat('label', ['normal', 'attack', 'normal', 'normal', 'normal', 'attack', 'normal', 'normal']),
  num('level', [1, 2, 3, 4, 5, 6, 7, 8]),
);

describe('fitPreprocessing', () => {
  const spec = fitPreprocessing(train, allRows(8), { exclude: ['label', 'level'] });

  it('one-hot encodes categoricals in code-unit order, with prototype-ish names as plain data', () => {
    expect(spec.features).toEqual([
      'bytes',
      'rate',
      'proto=icmp',
      'proto=tcp',
      'proto=udp',
      'service=__proto__',
      'service=constructor',
      'service=ftp',
      'service=http',
      'inf',
    ]);
  });

  it('drops excluded and constant columns with reasons', () => {
    expect(spec.dropped).toEqual([
      { name: 'const', reason: 'constant on the training rows (3)' },
      { name: 'label', reason: 'excluded' },
      { name: 'level', reason: 'excluded' },
    ]);
  });

  it('chooses log1p by the documented rule and stores the transformed scale', () => {
    const bytes = spec.columns[0] as NumericColumnSpec;
    const rate = spec.columns[1] as NumericColumnSpec;
    expect(bytes).toEqual({
      name: 'bytes',
      kind: 'numeric',
      log1p: true, // min ≥ 0 and max > 100
      min: 0,
      max: Math.log1p(10000),
      fill: 20, // median of 0, 5, 10, 20, 100, 1000, 10000
    });
    expect(rate).toMatchObject({ log1p: false, min: 0, max: 1, fill: 0.5 });
    // Infinities ignored for min/max/median: finite values 1, 2, 3, 2, 2, 1.
    expect(spec.columns[4]).toMatchObject({ name: 'inf', log1p: false, min: 1, max: 3, fill: 2 });
  });

  it('applies log1p to skewed counts but not to rates, flags or signed values', () => {
    const t = table(
      num('skewedCount', [0, 0, 0, 0, 0, 0, 0, 50]), // max 50 ≤ 100 but skew ≈ 2.27
      num('evenCount', [0, 10, 20, 30, 40, 50, 60, 70]), // skew 0
      num('rareFlag', [0, 0, 0, 0, 0, 0, 0, 1]), // skewed but within [0, 1]
      num('signed', [-1, 0, 0, 0, 0, 0, 0, 1000]),
      num('big', [0, 1, 2, 3, 4, 5, 6, 101]), // max > 100
    );
    const s = fitPreprocessing(t, allRows(8), { exclude: [] });
    const log = Object.fromEntries(
      s.columns.map((c) => [c.name, c.kind === 'numeric' && c.log1p]),
    );
    expect(log).toEqual({ skewedCount: true, evenCount: false, rareFlag: false, signed: false, big: true });
  });

  it('uses only the training rows', () => {
    // Rows 0..3: proto has udp, tcp, icmp; service has __proto__, constructor, http.
    const s = fitPreprocessing(train, Uint32Array.of(1, 3, 4), { exclude: ['label', 'level'] });
    // proto is 'tcp' in all three rows → constant; rate 0.25, 1, 0.75.
    expect(s.dropped.find((d) => d.name === 'proto')?.reason).toBe('constant on the training rows');
    expect(s.features).toContain('service=constructor');
    expect(s.features).not.toContain('service=__proto__');
    expect(s.columns.find((c) => c.name === 'rate')).toMatchObject({ min: 0.25, max: 1 });
  });

  it('drops categoricals with too many categories', () => {
    const s = fitPreprocessing(train, allRows(8), { exclude: ['label'], maxCategories: 3 });
    expect(s.dropped.find((d) => d.name === 'service')?.reason).toMatch(/too many categories .*\(4 > 3\)/);
    expect(s.features).toContain('proto=udp');
  });

  it('throws without training rows or usable columns, and on out-of-range rows', () => {
    expect(() => fitPreprocessing(train, new Uint32Array(0), { exclude: [] })).toThrow(RangeError);
    expect(() =>
      fitPreprocessing(table(num('c', [1, 1])), allRows(2), { exclude: [] }),
    ).toThrow(/no usable feature/);
    expect(() => fitPreprocessing(train, Uint32Array.of(8), { exclude: [] })).toThrow(/out of range/);
  });

  it('keeps a single category with missing values (two states), drops an all-missing numeric', () => {
    const t = table(cat('c', ['a', null, 'a']), num('n', [NaN, NaN, NaN]), num('x', [1, 2, 3]));
    const s = fitPreprocessing(t, allRows(3), { exclude: [] });
    expect(s.features).toEqual(['c=a', 'x']);
    expect(s.dropped).toEqual([{ name: 'n', reason: 'no finite values in the training rows' }]);
  });
});

describe('applyPreprocessing', () => {
  const spec = fitPreprocessing(train, allRows(8), { exclude: ['label', 'level'] });

  it('writes a row-major Float32Array in [0, 1] with the expected values', () => {
    const out = applyPreprocessing(spec, train);
    expect(out.nRows).toBe(8);
    expect(out.nFeatures).toBe(10);
    expect(out.matrix.length).toBe(80);
    for (const v of out.matrix) expect(v >= 0 && v <= 1).toBe(true);
    const lmax = Math.log1p(10000);
    expect(cell(out, 1, 0)).toBeCloseTo(Math.log1p(10) / lmax, 6); // bytes = 10
    expect(cell(out, 4, 0)).toBe(1); // bytes = 10000
    expect(cell(out, 6, 0)).toBeCloseTo(Math.log1p(20) / lmax, 6); // NaN → median 20
    expect(cell(out, 2, 1)).toBe(0.5); // rate
    // proto block (features 2..4: icmp, tcp, udp): row 0 is udp.
    expect([cell(out, 0, 2), cell(out, 0, 3), cell(out, 0, 4)]).toEqual([0, 0, 1]);
    expect([cell(out, 2, 2), cell(out, 2, 3), cell(out, 2, 4)]).toEqual([1, 0, 0]);
    // service block (5..8): row 0 '__proto__', row 1 'constructor'.
    expect(cell(out, 0, 5)).toBe(1);
    expect(cell(out, 1, 6)).toBe(1);
    // inf column: +Infinity → 1, −Infinity → 0, 2 → 0.5.
    expect(cell(out, 3, 9)).toBe(1);
    expect(cell(out, 4, 9)).toBe(0);
    expect(cell(out, 1, 9)).toBe(0.5);
    expect(out.missingFilled).toBe(1);
    expect(out.infiniteClipped).toBe(2);
    expect(out.unseen).toEqual([]);
    expect(out.coerced).toEqual([]);
  });

  it('applies to selected rows in index order', () => {
    const all = applyPreprocessing(spec, train);
    const some = applyPreprocessing(spec, train, Uint32Array.of(4, 0));
    expect(some.nRows).toBe(2);
    expect(Array.from(some.matrix.subarray(0, 10))).toEqual(Array.from(all.matrix.subarray(40, 50)));
    expect(Array.from(some.matrix.subarray(10, 20))).toEqual(Array.from(all.matrix.subarray(0, 10)));
  });

  it('matches categories by name in a second table with its own dictionary, counting unseen', () => {
    const test = table(
      num('level', [0, 0, 0, 0]),
      cat('service', ['http', 'smtp', 'smtp', 'telnet'], ['telnet', 'smtp', 'http']),
      cat('proto', ['tcp', 'udp', null, 'icmp'], ['tcp', 'zzz', 'udp', 'icmp']),
      num('inf', [2, 2, 2, 2]),
      num('rate', [-1, 2, 0.5, NaN]),
      num('bytes', [-5, 1e9, Infinity, 0]),
    );
    const out = applyPreprocessing(spec, test);
    expect(out.nFeatures).toBe(10);
    // bytes: negative → 0, above max → 1, +Infinity → 1, 0 → 0.
    expect([0, 1, 2, 3].map((r) => cell(out, r, 0))).toEqual([0, 1, 1, 0]);
    // rate clipped and filled.
    expect([0, 1, 2, 3].map((r) => cell(out, r, 1))).toEqual([0, 1, 0.5, 0.5]);
    // proto by name; row 2 missing → zeros.
    expect([0, 1, 2, 3].map((r) => [2, 3, 4].map((f) => cell(out, r, f)))).toEqual([
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
      [1, 0, 0],
    ]);
    // service: http known; smtp ×2 and telnet unseen → all-zero blocks.
    expect(cell(out, 0, 8)).toBe(1);
    for (const r of [1, 2, 3]) for (const f of [5, 6, 7, 8]) expect(cell(out, r, f)).toBe(0);
    expect(out.unseen).toEqual([{ column: 'service', count: 3, examples: ['smtp', 'telnet'] }]);
    expect(out.missingFilled).toBe(2); // rate NaN, proto missing
    expect(out.infiniteClipped).toBe(1);
  });

  it('converts a column whose kind changed between the files, by value', () => {
    const test = table(
      cat('bytes', ['10', 'oops', ' 10000 ', 'inf']),
      num('rate', [0, 0, 0, 0]),
      num('proto', [1, 1, 1, 1]),
      cat('service', ['http', 'http', 'http', 'http']),
      num('inf', [1, 1, 1, 1]),
    );
    const s = fitPreprocessing(
      table(num('bytes', [0, 10000]), num('rate', [0, 1]), cat('proto', ['1', '2']), cat('service', ['http', 'ftp']), num('inf', [0, 1])),
      allRows(2),
      { exclude: [] },
    );
    const out = applyPreprocessing(s, test);
    expect(out.coerced).toEqual(['bytes', 'proto']);
    const lmax = Math.log1p(10000);
    expect(cell(out, 0, 0)).toBeCloseTo(Math.log1p(10) / lmax, 6);
    expect(cell(out, 1, 0)).toBeCloseTo(Math.log1p(5000) / lmax, 6); // unparseable → median 5000
    expect(cell(out, 2, 0)).toBe(1);
    expect(cell(out, 3, 0)).toBe(1);
    expect(out.missingFilled).toBe(1);
    expect(cell(out, 0, 2)).toBe(1); // proto '1' matched from the number 1
  });

  it('throws when a needed column is missing or a row is out of range', () => {
    expect(() => applyPreprocessing(spec, table(num('bytes', [1])))).toThrow(/lacks column\(s\).*rate/);
    expect(() => applyPreprocessing(spec, train, Uint32Array.of(99))).toThrow(/out of range/);
  });
});

describe('spec JSON', () => {
  const spec = fitPreprocessing(train, allRows(8), { exclude: ['label', 'level'] });

  it('round-trips exactly', () => {
    const text = specToJSON(spec);
    const back = specFromJSON(text);
    expect(back).toEqual(spec);
    expect(specToJSON(back)).toBe(text);
    expect(specFromJSON(JSON.parse(text))).toEqual(spec);
    // And applies identically.
    expect(applyPreprocessing(back, train).matrix).toEqual(applyPreprocessing(spec, train).matrix);
  });

  const base = (): Record<string, unknown> => JSON.parse(specToJSON(spec)) as Record<string, unknown>;
  const columns = (o: Record<string, unknown>): Record<string, unknown>[] =>
    o.columns as Record<string, unknown>[];

  const bad: [string, () => unknown][] = [
    ['not JSON', () => '{'],
    ['not an object', () => '[1]'],
    ['wrong version', () => ({ ...base(), version: 2 })],
    ['missing version', () => ({ ...base(), version: undefined })],
    ['string version', () => ({ ...base(), version: '1' })],
    ['no columns', () => ({ ...base(), columns: [], features: [] })],
    ['features mismatch', () => ({ ...base(), features: ['x'] })],
    ['bad kind', () => { const o = base(); columns(o)[0].kind = 'text'; return o; }],
    ['min not finite', () => { const o = base(); columns(o)[0].min = null; return o; }],
    ['max ≤ min', () => { const o = base(); columns(o)[1].max = 0; return o; }],
    ['log1p not boolean', () => { const o = base(); columns(o)[0].log1p = 'yes'; return o; }],
    ['duplicate category', () => { const o = base(); columns(o)[2].categories = ['icmp', 'icmp', 'udp']; return o; }],
    ['non-string category', () => { const o = base(); columns(o)[2].categories = ['icmp', 1, 'udp']; return o; }],
    ['duplicate column', () => { const o = base(); columns(o)[1].name = 'bytes'; return o; }],
    ['dropped malformed', () => ({ ...base(), dropped: [{ name: 1 }] })],
  ];
  for (const [what, make] of bad) {
    it(`rejects: ${what}`, () => {
      expect(() => specFromJSON(make())).toThrow(PreprocessSpecError);
    });
  }

  it('ignores unknown keys and returns only known fields', () => {
    const o = { ...base(), extra: 1 };
    expect(specFromJSON(o)).toEqual(spec);
    expect('extra' in specFromJSON(o)).toBe(false);
  });
});

// ───────────── real data: NSL-KDD (20 % training file) ─────────────

const NSL_DIR = new URL('../../../../shared/datasets/nsl-kdd/', import.meta.url);

/** A deliberately simple parse (split on ','), standing in for src/lib/table while it is written. */
function nslKdd(copies: number): Table {
  const fields = readFileSync(new URL('field-names.csv', NSL_DIR), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  const lines = readFileSync(new URL('KDDTrain+_20Percent.txt', NSL_DIR), 'utf8').trim().split('\n');
  const nRows = lines.length * copies;
  const nCols = fields.length;
  const numeric: (Float64Array | null)[] = fields.map(([, t]) => (t === 'symbolic' ? null : new Float64Array(nRows)));
  const codes: (Int32Array | null)[] = fields.map(([, t]) => (t === 'symbolic' ? new Int32Array(nRows) : null));
  const dicts = fields.map(() => new Map<string, number>());
  for (let k = 0; k < copies; k++) {
    for (let l = 0; l < lines.length; l++) {
      const row = k * lines.length + l;
      const parts = lines[l].split(',');
      for (let c = 0; c < nCols; c++) {
        const n = numeric[c];
        if (n) n[row] = Number(parts[c]);
        else {
          const d = dicts[c];
          let code = d.get(parts[c]);
          if (code === undefined) {
            code = d.size;
            d.set(parts[c], code);
          }
          (codes[c] as Int32Array)[row] = code;
        }
      }
    }
  }
  const columns: Column[] = fields.map(([name], c) => {
    const n = numeric[c];
    if (n) return { kind: 'numeric', name, sourceName: name, values: n, missing: 0, infinite: 0, reason: '' };
    return {
      kind: 'categorical',
      name,
      sourceName: name,
      codes: codes[c] as Int32Array,
      dictionary: [...dicts[c].keys()],
      missing: 0,
      reason: '',
    };
  });
  return { nRows, columns };
}

describe('NSL-KDD', () => {
  it('fits 43 columns into about 120 features, dropping the columns constant in this file', () => {
    const t = nslKdd(1);
    expect(t.nRows).toBe(25192);
    const spec: PreprocessSpec = fitPreprocessing(t, allRows(t.nRows), { exclude: ['attack', 'level'] });
    expect(spec.dropped.map((d) => d.name)).toEqual([
      'num_outbound_cmds', // always 0 in NSL-KDD
      'is_host_login', // always 0 in the 20 % training subset
      'attack',
      'level',
    ]);
    expect(spec.features.length).toBeGreaterThan(100);
    expect(spec.features.length).toBeLessThan(130);
    expect(spec.features).toContain('protocol_type=tcp');
    expect(spec.columns.find((c) => c.name === 'src_bytes')).toMatchObject({ log1p: true, min: 0 });
    expect(spec.columns.find((c) => c.name === 'same_srv_rate')).toMatchObject({ min: 0, max: 1 });
    const out = applyPreprocessing(spec, t);
    for (let i = 0; i < out.matrix.length; i++) {
      if (!(out.matrix[i] >= 0 && out.matrix[i] <= 1)) throw new Error(`value out of [0, 1] at ${i}`);
    }
    expect(specFromJSON(specToJSON(spec))).toEqual(spec);
  });

  it('fits + applies 126k rows × 43 columns fast (no danfo)', () => {
    const t = nslKdd(5);
    expect(t.nRows).toBe(125960);
    const t0 = performance.now();
    const spec = fitPreprocessing(t, allRows(t.nRows), { exclude: ['attack', 'level'] });
    const t1 = performance.now();
    const out = applyPreprocessing(spec, t);
    const t2 = performance.now();
    expect(out.nRows).toBe(125960);
    expect(out.nFeatures).toBe(spec.features.length);
    if (process.env.ML_BENCH) {
      console.info(
        `preprocess 126k: fit ${(t1 - t0).toFixed(1)} ms, apply ${(t2 - t1).toFixed(1)} ms, ` +
          `${out.nFeatures} features`,
      );
    }
    expect(t2 - t0).toBeLessThan(5000); // generous for a shared 2-core machine; typically far less
  });
});
