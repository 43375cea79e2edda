/**
 * Our EDA statistics against pandas 1.5 / SciPy 1.10 on the real NSL-KDD files.
 * The reference numbers come from scripts/ref_eda.py (tests/fixtures/reference/eda-*.json);
 * this test never runs Python. Tolerance: 1e-9 relative, 1e-12 absolute near zero.
 *
 * The data files are parsed here with a plain split on '\n' and ',' (they have no quoting), so
 * this test does not depend on the table loader.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cramersV } from './association';
import { crossTab, duplicateRows, valueCounts, type RowColumn } from './counts';
import { pearsonMatrix, spearmanMatrix, topPairs } from './correlation';
import { describeCategorical, describeNumeric } from './describe';
import { histogram, windowSums } from './histogram';
import { boxStats, outliersIQR, outliersZ } from './outliers';
import { averageRanks } from './rank';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const dataDir = resolve(repo, '../shared/datasets/nsl-kdd');
const fixtureDir = resolve(repo, 'tests/fixtures/reference');

type Enc = number | string | null;

/** Fixture encoding: null = NaN, "Infinity"/"-Infinity" strings. */
function dec(v: Enc | boolean): number {
  if (v === null) return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return Number(v);
}

function close(actual: number, expected: Enc, what: string): void {
  const e = dec(expected);
  if (Number.isNaN(e) || !Number.isFinite(e)) {
    expect(actual, what).toBe(e);
    return;
  }
  const tol = Math.max(1e-12, 1e-9 * Math.abs(e));
  if (!(Math.abs(actual - e) <= tol)) {
    expect.fail(`${what}: got ${actual}, expected ${e} (diff ${Math.abs(actual - e)}, tol ${tol})`);
  }
}

const CATEGORICAL = new Set(['protocol_type', 'service', 'flag', 'attack']);

interface Loaded {
  readonly names: string[];
  readonly numeric: Map<string, Float64Array>;
  readonly categorical: Map<string, { codes: Int32Array; dictionary: string[] }>;
  readonly isAnomaly: Uint8Array;
  readonly nRows: number;
}

function fieldNames(): string[] {
  const names = readFileSync(resolve(dataDir, 'field-names.csv'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => l.split(',')[0]);
  return names.length === 41 ? [...names, 'attack', 'level'] : names;
}

function load(file: string): Loaded {
  const names = fieldNames();
  const lines = readFileSync(resolve(dataDir, file), 'utf8').split('\n');
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const nRows = lines.length;
  const numeric = new Map<string, Float64Array>();
  const categorical = new Map<string, { codes: Int32Array; dictionary: string[]; lookup: Map<string, number> }>();
  const cols = names.map((name) => {
    if (CATEGORICAL.has(name)) {
      const c = { codes: new Int32Array(nRows), dictionary: [] as string[], lookup: new Map<string, number>() };
      categorical.set(name, c);
      return c;
    }
    const v = new Float64Array(nRows);
    numeric.set(name, v);
    return v;
  });
  for (let r = 0; r < nRows; r++) {
    const fields = lines[r].replace(/\r$/, '').split(',');
    expect(fields.length).toBe(names.length);
    for (let c = 0; c < names.length; c++) {
      const col = cols[c];
      if (col instanceof Float64Array) col[r] = Number(fields[c]);
      else {
        let code = col.lookup.get(fields[c]);
        if (code === undefined) {
          code = col.dictionary.length;
          col.lookup.set(fields[c], code);
          col.dictionary.push(fields[c]);
        }
        col.codes[r] = code;
      }
    }
  }
  const attack = categorical.get('attack');
  if (!attack) throw new Error('no attack column');
  const normal = attack.dictionary.indexOf('normal');
  const isAnomaly = Uint8Array.from(attack.codes, (c) => (c === normal ? 0 : 1));
  return { names, numeric, categorical, isAnomaly, nRows };
}

interface DescribeRef {
  count: number;
  mean: Enc;
  std: Enc;
  min: Enc;
  p25: Enc;
  median: Enc;
  p75: Enc;
  max: Enc;
  skew: Enc;
  kurt: Enc;
  zeros: number;
  nunique: number;
  sum: Enc;
  infinite: number;
}

interface DatasetRef {
  rows: number;
  numericColumns: string[];
  anomalies: number;
  describe: Record<string, DescribeRef>;
  describeCategorical: Record<string, { count: number; unique: number; top: string; freq: number }>;
  outliers: Record<string, { iqrLow: number; iqrHigh: number; z3: number; whiskerLow: Enc; whiskerHigh: Enc }>;
  pearson: { columns: string[]; matrix: Enc[][] };
  spearman: { columns: string[]; matrix: Enc[][] };
  topPearson: { a: string; b: string; r: Enc }[];
  topSpearman: { a: string; b: string; r: Enc }[];
  valueCounts: Record<string, [string, number][]>;
  crosstabFlagAnomaly: { rows: string[]; cols: boolean[]; counts: number[][] };
  cramersV: [string, Enc][];
  duplicated: number;
  duplicatedNumeric: number;
  histogram: {
    column: string;
    logEdges: Enc[];
    logCounts: number[];
    linearEdges: Enc[];
    linearCounts: number[];
    partialEdges: number[];
    partialCounts: number[];
  };
  windowSums: { column: string; window: number; sums: Enc[] };
}

function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(resolve(fixtureDir, name), 'utf8')) as T;
}

function field<T>(record: Record<string, T>, key: string): T {
  // Fixture objects come from JSON.parse (own properties only); read them without prototype.
  if (!Object.prototype.hasOwnProperty.call(record, key)) throw new Error(`fixture lacks ${key}`);
  return record[key];
}

const datasets: [string, string][] = [
  ['KDDTest+', 'eda-kddtest.json'],
  ['KDDTrain+_20Percent', 'eda-kddtrain20.json'],
];

describe.each(datasets)('%s against pandas/SciPy', (dataset, fixtureName) => {
  const ref = readFixture<DatasetRef>(fixtureName);
  const data = load(`${dataset}.txt`);
  const num = (name: string): Float64Array => {
    const v = data.numeric.get(name);
    if (!v) throw new Error(`no numeric column ${name}`);
    return v;
  };
  const cat = (name: string) => {
    const c = data.categorical.get(name);
    if (!c) throw new Error(`no categorical column ${name}`);
    return c;
  };

  it('parses the file as the reference did', () => {
    expect(data.nRows).toBe(ref.rows);
    expect([...data.numeric.keys()]).toEqual(ref.numericColumns);
    expect(data.isAnomaly.reduce((a, b) => a + b, 0)).toBe(ref.anomalies);
  });

  it('describeNumeric matches describe()/skew()/kurt()/nunique() for every numeric column', () => {
    for (const name of ref.numericColumns) {
      const r = field(ref.describe, name);
      const s = describeNumeric(num(name));
      expect(s.count, `${name} count`).toBe(r.count);
      expect(s.missing, `${name} missing`).toBe(ref.rows - r.count);
      close(s.mean, r.mean, `${name} mean`);
      close(s.std, r.std, `${name} std`);
      close(s.min, r.min, `${name} min`);
      close(s.p25, r.p25, `${name} p25`);
      close(s.median, r.median, `${name} median`);
      close(s.p75, r.p75, `${name} p75`);
      close(s.max, r.max, `${name} max`);
      close(s.skew, r.skew, `${name} skew`);
      close(s.kurtosis, r.kurt, `${name} kurt`);
      close(s.sum, r.sum, `${name} sum`);
      expect(s.zeros, `${name} zeros`).toBe(r.zeros);
      close(s.zerosPct, (100 * r.zeros) / r.count, `${name} zerosPct`);
      expect(s.distinct, `${name} nunique`).toBe(r.nunique);
      expect(s.infinite, `${name} infinite`).toBe(r.infinite);
    }
  });

  it('describeCategorical matches describe() of the object columns', () => {
    for (const name of ['protocol_type', 'service', 'flag', 'attack']) {
      const r = field(ref.describeCategorical, name);
      const c = cat(name);
      const s = describeCategorical(c.codes, c.dictionary);
      expect(s.count).toBe(r.count);
      expect(s.distinct).toBe(r.unique);
      expect(s.topCount).toBe(r.freq);
      expect(s.top).toBe(r.top);
      expect(s.missing).toBe(0);
    }
  });

  it('value counts equal value_counts()', () => {
    for (const name of ['protocol_type', 'service', 'flag']) {
      const c = cat(name);
      const counts = valueCounts(c.codes, c.dictionary.length);
      const ours = new Map(c.dictionary.map((v, i) => [v, counts[i]] as const));
      expect(ours).toEqual(new Map(field(ref.valueCounts, name)));
    }
  });

  it('crossTab(flag, anomaly) equals pd.crosstab and Cramér\'s V equals SciPy', () => {
    const flag = cat('flag');
    const table = crossTab(flag.codes, flag.dictionary.length, data.isAnomaly, 2);
    const { rows, cols, counts } = ref.crosstabFlagAnomaly;
    expect(cols).toEqual([false, true]);
    for (let i = 0; i < rows.length; i++) {
      const code = flag.dictionary.indexOf(rows[i]);
      expect([table.counts[code * 2], table.counts[code * 2 + 1]], rows[i]).toEqual(counts[i]);
    }
    for (const [name, v] of ref.cramersV) {
      const c = cat(name);
      close(cramersV(crossTab(c.codes, c.dictionary.length, data.isAnomaly, 2)), v, `V ${name}`);
    }
  });

  it('pearsonMatrix and spearmanMatrix equal corr() for all numeric columns', () => {
    const columns = ref.numericColumns.map(num);
    for (const [label, m, r] of [
      ['pearson', pearsonMatrix(columns), ref.pearson],
      ['spearman', spearmanMatrix(columns), ref.spearman],
    ] as const) {
      expect(r.columns).toEqual(ref.numericColumns);
      const k = columns.length;
      expect(m.size).toBe(k);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          close(m.values[i * k + j], r.matrix[i][j], `${label} ${r.columns[i]}×${r.columns[j]}`);
        }
      }
    }
  });

  it('topPairs gives the ten largest |r|', () => {
    const columns = ref.numericColumns.map(num);
    for (const [m, r] of [
      [pearsonMatrix(columns), ref.topPearson],
      [spearmanMatrix(columns), ref.topSpearman],
    ] as const) {
      const top = topPairs(m, ref.numericColumns, 10);
      expect(top.length).toBe(r.length);
      top.forEach((p, i) => {
        close(Math.abs(p.r), Math.abs(dec(r[i].r)), `|r| #${i}`);
        // The same pair unless two |r| are tied to within the tolerance.
        const tied = r.some((q, j) => j !== i && Math.abs(Math.abs(dec(q.r)) - Math.abs(dec(r[i].r))) < 1e-9);
        if (!tied) expect([p.a, p.b]).toEqual([r[i].a, r[i].b]);
      });
    }
  });

  it('duplicateRows equals duplicated().sum()', () => {
    const all: RowColumn[] = data.names.map((n) => data.numeric.get(n) ?? cat(n).codes);
    expect(duplicateRows(all)).toBe(ref.duplicated);
    expect(duplicateRows(ref.numericColumns.map(num))).toBe(ref.duplicatedNumeric);
  });

  it('IQR and z outlier counts and Tukey whiskers match pandas', () => {
    for (const name of ref.numericColumns) {
      const r = field(ref.outliers, name);
      const iqr = outliersIQR(num(name));
      expect([iqr.below, iqr.above], `${name} IQR`).toEqual([r.iqrLow, r.iqrHigh]);
      expect(outliersZ(num(name)).total, `${name} z`).toBe(r.z3);
      const box = boxStats(num(name));
      close(box.whiskerLow, r.whiskerLow, `${name} whisker low`);
      close(box.whiskerHigh, r.whiskerHigh, `${name} whisker high`);
      expect(box.outliersLow + box.outliersHigh).toBe(r.iqrLow + r.iqrHigh);
    }
  });

  it('histogram with given edges equals np.histogram', () => {
    const h = ref.histogram;
    const x = num(h.column);
    for (const [edges, counts] of [
      [h.logEdges, h.logCounts],
      [h.linearEdges, h.linearCounts],
      [h.partialEdges, h.partialCounts],
    ] as const) {
      const ours = histogram(x, { edges: edges.map(dec) });
      expect(Array.from(ours.counts)).toEqual(counts);
      expect(ours.binned + ours.excluded).toBe(ref.rows);
    }
  });

  it('windowSums equals groupby(row // window).sum()', () => {
    const w = ref.windowSums;
    const ours = windowSums(num(w.column), w.window);
    expect(ours.sums.length).toBe(w.sums.length);
    w.sums.forEach((s, i) => close(ours.sums[i], s, `window ${i}`));
  });

  it('average ranks agree with the Spearman diagonal blocks (smoke)', () => {
    const ranks = averageRanks(num('src_bytes'));
    let sum = 0;
    for (const r of ranks) sum += r;
    // average ranks always sum to n(n+1)/2
    expect(sum).toBe((ref.rows * (ref.rows + 1)) / 2);
  });
});

interface SyntheticRef {
  series: Record<string, Enc[]>;
  describe: Record<string, DescribeRef>;
  frame: Record<string, Enc[]>;
  frameColumns: string[];
  pearson: Enc[][];
  spearman: Enc[][];
  rank: Record<string, Enc[]>;
  cramersV: [string, Enc, number[][]][];
  duplicates: { x: Enc[]; k: (string | null)[]; duplicated: number };
}

describe('degenerate and edge inputs against pandas/SciPy', () => {
  const ref = readFixture<SyntheticRef>('eda-synthetic.json');

  it('describeNumeric: empty, single, constant, all missing, infinities, tiny variance', () => {
    for (const [name, raw] of Object.entries(ref.series)) {
      const r = field(ref.describe, name);
      const s = describeNumeric(Float64Array.from(raw.map(dec)));
      expect(s.count, `${name} count`).toBe(r.count);
      close(s.mean, r.mean, `${name} mean`);
      close(s.std, r.std, `${name} std`);
      close(s.min, r.min, `${name} min`);
      close(s.p25, r.p25, `${name} p25`);
      close(s.median, r.median, `${name} median`);
      close(s.p75, r.p75, `${name} p75`);
      close(s.max, r.max, `${name} max`);
      close(s.skew, r.skew, `${name} skew`);
      close(s.kurtosis, r.kurt, `${name} kurt`);
      close(s.sum, r.sum, `${name} sum`);
      expect(s.zeros, `${name} zeros`).toBe(r.zeros);
      expect(s.distinct, `${name} nunique`).toBe(r.nunique);
      expect(s.infinite, `${name} infinite`).toBe(r.infinite);
    }
  });

  it('correlations with missing values, a constant and a near-empty column', () => {
    const columns = ref.frameColumns.map((c) => Float64Array.from(field(ref.frame, c).map(dec)));
    const k = columns.length;
    const p = pearsonMatrix(columns);
    const s = spearmanMatrix(columns);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        close(p.values[i * k + j], ref.pearson[i][j], `pearson ${i},${j}`);
        close(s.values[i * k + j], ref.spearman[i][j], `spearman ${i},${j}`);
      }
    }
  });

  it('average ranks equal rank(method="average")', () => {
    for (const c of ref.frameColumns) {
      const ours = averageRanks(Float64Array.from(field(ref.frame, c).map(dec)));
      field(ref.rank, c).forEach((r, i) => close(ours[i], r, `${c}[${i}]`));
    }
  });

  it("Cramér's V equals scipy.stats.contingency.association", () => {
    for (const [name, v, table] of ref.cramersV) close(cramersV(table), v, name);
  });

  it('duplicates treat NaN = NaN and −0 = +0, as pandas', () => {
    const x = Float64Array.from(ref.duplicates.x.map(dec));
    const dict: string[] = [];
    const codes = Int32Array.from(ref.duplicates.k, (v) => {
      if (v === null) return -1;
      let c = dict.indexOf(v);
      if (c < 0) c = dict.push(v) - 1;
      return c;
    });
    expect(duplicateRows([x, codes])).toBe(ref.duplicates.duplicated);
  });
});
