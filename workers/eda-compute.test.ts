/**
 * The EDA engine over real Tables: a small hand-made table (numbers checked by hand), a
 * label-less table, a hostile one, and the real KDDTest+ file parsed by the table library,
 * checked against the pandas reference (tests/fixtures/reference/eda-kddtest.json, 1e-9).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvText } from '../src/lib/table/parse';
import { detectLabel } from '../src/lib/table/label';
import { EdaEngine, imbalanceScore, niceWindow } from './eda-compute';
import { canonicalFilter, filterKey, readFilter } from './eda-data';
import { statsFrame, STATS_FRAME_COLUMNS } from './eda-frame';
import type { EdaFilter, EdaStatRow } from './protocol-eda';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const kddTest = resolve(repo, '../shared/datasets/nsl-kdd/KDDTest+.txt');
const fixtureDir = resolve(repo, 'tests/fixtures');

const NONE: EdaFilter = { selections: [] };
const only = (column: string, ...values: string[]): EdaFilter => ({ selections: [{ column, values }] });

async function engineFor(csv: string): Promise<EdaEngine> {
  const parsed = await parseCsvText(csv);
  return new EdaEngine(parsed.table, detectLabel(parsed.table, parsed.schema));
}

function row(stats: readonly EdaStatRow[], column: string): EdaStatRow {
  const r = stats.find((s) => s.column === column);
  if (!r) throw new Error(`no row ${column}`);
  return r;
}

type Enc = number | string | null;
function dec(v: Enc): number {
  if (v === null) return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return Number(v);
}
function close(actual: number, expected: Enc, what: string): void {
  const e = dec(expected);
  if (!Number.isFinite(e)) {
    expect(actual, what).toBe(e);
    return;
  }
  const tol = Math.max(1e-12, 1e-9 * Math.abs(e));
  if (!(Math.abs(actual - e) <= tol)) expect.fail(`${what}: got ${actual}, expected ${e}`);
}

const SMALL = [
  'protocol_type,service,flag,src_bytes,dst_bytes,const,attack',
  'tcp,http,SF,100,1000,0,normal',
  'tcp,http,SF,200,0,0,normal',
  'udp,domain_u,SF,50,50,0,normal',
  'tcp,private,S0,0,0,0,neptune',
  'tcp,private,S0,0,0,0,neptune',
  'icmp,ecr_i,SF,1032,0,0,smurf',
  'icmp,ecr_i,SF,1032,0,0,smurf',
  'tcp,http,REJ,,0,0,normal',
].join('\n');

describe('EdaEngine on a small hand-made table', () => {
  let eng: EdaEngine;
  beforeAll(async () => {
    eng = await engineFor(SMALL);
  });

  it('overview: counts, missing, duplicates, alerts naming columns and figures', () => {
    const o = eng.overview(NONE);
    expect(o.rows).toBe(8);
    expect(o.totalRows).toBe(8);
    expect(o.columns).toBe(7);
    expect(o.numericColumns).toBe(3);
    expect(o.categoricalColumns).toBe(4);
    expect(o.missingCells).toBe(1);
    expect(o.missingPct).toBeCloseTo((100 * 1) / 56, 12);
    expect(o.duplicateRows).toBe(2); // the second neptune and the second smurf row
    expect(o.infiniteValues).toBe(0);
    expect(o.memoryBytes).toBeGreaterThan(3 * 8 * 8);
    expect(o.labelColumn).toBe('attack');
    expect(o.anomalies).toBe(4);
    const kinds = o.alerts.map((a) => a.kind);
    expect(kinds).toContain('duplicates');
    expect(kinds).toContain('missing');
    const constant = o.alerts.find((a) => a.kind === 'constant');
    expect(constant?.columns).toEqual(['const']);
    expect(constant?.detail).toContain('const');
    const missing = o.alerts.find((a) => a.kind === 'missing');
    expect(missing?.columns).toEqual(['src_bytes']);
    expect(missing?.value).toBe(1);
    // dst_bytes: 6 of 8 zeros
    const zeros = o.alerts.find((a) => a.kind === 'zeros' && a.columns[0] === 'dst_bytes');
    expect(zeros?.value).toBe(75);
  });

  it('statistics overall and per label group', () => {
    const all = eng.stats(NONE, 'all');
    expect(all.groups).toEqual(['all', 'normal', 'anomalous']);
    const s = row(all.stats, 'src_bytes');
    expect(s.count).toBe(7);
    expect(s.missing).toBe(1);
    expect(s.mean).toBeCloseTo((100 + 200 + 50 + 1032 * 2) / 7, 12);
    expect(s.min).toBe(0);
    expect(s.max).toBe(1032);
    expect(s.median).toBe(100);
    expect(s.distinct).toBe(5);
    const proto = row(all.stats, 'protocol_type');
    expect(proto.kind).toBe('categorical');
    expect(proto.top).toBe('tcp');
    expect(proto.topCount).toBe(5);
    expect(proto.distinct).toBe(3);
    expect(Number.isNaN(proto.mean)).toBe(true);

    const normal = eng.stats(NONE, 'normal');
    expect(normal.groupRows).toBe(4);
    expect(row(normal.stats, 'src_bytes').mean).toBeCloseTo(350 / 3, 12);
    const anomalous = eng.stats(NONE, 'anomalous');
    expect(anomalous.groupRows).toBe(4);
    expect(row(anomalous.stats, 'src_bytes').mean).toBe(516);
    expect(row(anomalous.stats, 'attack').top).toBe('neptune');
  });

  it('filters: index by value, AND across columns, OR within one', () => {
    expect(eng.filterInfo(only('protocol_type', 'icmp')).rows).toBe(2);
    expect(eng.filterInfo(only('protocol_type', 'icmp', 'udp')).rows).toBe(3);
    const both: EdaFilter = { selections: [{ column: 'protocol_type', values: ['tcp'] }, { column: 'service', values: ['http'] }] };
    expect(eng.filterInfo(both).rows).toBe(3);
    expect(eng.filterInfo(only('attack', 'normal')).rows).toBe(4);
    expect(eng.filterInfo(only('flag', 'nope')).rows).toBe(0);
    const s = eng.stats(only('protocol_type', 'icmp'), 'all');
    expect(row(s.stats, 'src_bytes').mean).toBe(1032);
    expect(s.rows).toBe(2);
    // the roles of the filter fields
    const info = eng.filterInfo(NONE);
    expect(info.fields.map((f) => [f.role, f.column])).toEqual([
      ['protocol', 'protocol_type'],
      ['service', 'service'],
      ['flag', 'flag'],
      ['label', 'attack'],
    ]);
    expect(info.fields[3].options.find((o) => o.value === 'normal')?.normal).toBe(true);
    expect(info.fields[0].options[0]).toEqual({ value: 'tcp', count: 5, normal: false });
  });

  it('an empty selection, a filter matching nothing and bad filters', () => {
    const o = eng.overview(only('flag', 'nope'));
    expect(o.rows).toBe(0);
    expect(o.duplicateRows).toBe(0);
    const st = eng.stats(only('flag', 'nope'), 'all');
    expect(Number.isNaN(row(st.stats, 'src_bytes').mean)).toBe(true);
    expect(eng.correlation(only('flag', 'nope'), 'pearson').columns.length).toBe(3);
    expect(eng.outliers(only('flag', 'nope')).scatter?.xs.length).toBe(0);
    expect(eng.traffic(only('flag', 'nope'), null).series[0].sums.length).toBe(0);
    expect(() => eng.filterInfo(only('nope', 'x'))).toThrow(/does not exist/);
    expect(() => eng.filterInfo(only('src_bytes', '1'))).toThrow(/numeric/);
    expect(() => readFilter({ selections: [{ column: 1, values: [] }] })).toThrow(/Malformed/);
    expect(() => readFilter(null)).toThrow(/Malformed/);
    expect(filterKey(only('a'))).toBe('');
    expect(filterKey({ selections: [{ column: 'b', values: ['y', 'x'] }, { column: 'a', values: ['z'] }] })).toBe(
      filterKey({ selections: [{ column: 'a', values: ['z'] }, { column: 'b', values: ['x', 'y', 'x'] }] }),
    );
    expect(canonicalFilter({ selections: [{ column: 'b', values: ['y', 'x'] }] })).toEqual([{ column: 'b', values: ['x', 'y'] }]);
  });

  it('distributions: grouped histogram and stacked categories', () => {
    const d = eng.distribution(NONE, 'src_bytes', 'service', false);
    expect(d.numericColumns).toEqual(['src_bytes', 'dst_bytes', 'const']);
    expect(d.categoricalColumns).toEqual(['protocol_type', 'service', 'flag', 'attack']);
    expect(d.groupNames).toEqual(['normal', 'anomalous']);
    const h = d.histogram!;
    expect(h.counts.length).toBe(2);
    const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    expect(sum(h.counts[0])).toBe(3); // one normal src_bytes is missing
    expect(sum(h.counts[1])).toBe(4);
    expect(h.excluded[0]).toBe(1);
    const b = d.bars!;
    expect(b.categories[0]).toBe('http');
    expect(b.cols).toBe(2);
    expect([b.counts[0], b.counts[1]]).toEqual([3, 0]);
    const log = eng.distribution(NONE, 'src_bytes', null, true).histogram!;
    expect(log.log).toBe(true);
    expect(log.zeros[1]).toBe(2);
    expect(() => eng.distribution(NONE, 'service', null, false)).toThrow(/numeric/);
  });

  it('class balance, breakdown, correlation, outliers, traffic', () => {
    const c = eng.classes(NONE);
    expect(c.labelColumn).toBe('attack');
    expect(c.classes).toEqual([
      { value: 'normal', count: 4, normal: true },
      { value: 'neptune', count: 2, normal: false },
      { value: 'smurf', count: 2, normal: false },
    ]);
    expect([c.normals, c.anomalies, c.unlabelled]).toEqual([4, 4, 0]);

    const b = eng.breakdown(NONE);
    expect(b.generic).toBe(false);
    expect(b.bars.map((x) => x.column)).toEqual(['protocol_type', 'service']);
    expect(b.heatmap?.rowColumn).toBe('flag');
    expect(b.heatmap?.colLabels).toEqual(['normal', 'anomalous']);
    // no dst_host_* here: the highest-variance numerics instead, said so
    expect(b.boxes.map((x) => x.column)).toEqual(['src_bytes', 'dst_bytes']);
    expect(b.boxNote).toMatch(/highest-variance/);

    const r = eng.correlation(NONE, 'pearson');
    expect(r.columns).toEqual(['src_bytes', 'dst_bytes', 'const']);
    expect(r.matrix.length).toBe(9);
    expect(Number.isNaN(r.matrix[8])).toBe(true); // constant column
    expect(r.associationTarget).toBe('normal vs anomalous');
    expect(r.association.map((a) => a.column).sort()).toEqual(['flag', 'protocol_type', 'service']);
    expect(eng.correlation(NONE, 'spearman').method).toBe('spearman');

    const o = eng.outliers(NONE);
    expect(o.outliers.map((x) => x.column)).toEqual(['src_bytes', 'dst_bytes', 'const']);
    expect(o.scatter?.x).toBe('src_bytes');
    expect(o.scatter?.chosenBy).toBe('bytes');
    expect(o.scatter?.xs.length).toBe(8);
    expect(Array.from(o.scatter!.groups!)).toEqual([0, 0, 0, 1, 1, 1, 1, 0]);

    const t = eng.traffic(NONE, 3);
    expect(t.axis).toBe('rows');
    expect(t.windowSize).toBe(3);
    expect(Array.from(t.starts)).toEqual([0, 3, 6]);
    expect(Array.from(t.series[0].sums)).toEqual([350, 1032, 1032]);
    expect(Array.from(t.counts)).toEqual([3, 3, 2]);
  });
});

describe('helpers', () => {
  it('niceWindow and imbalanceScore', () => {
    expect(niceWindow(22_544)).toBe(200);
    expect(niceWindow(125_973)).toBe(1000);
    expect(niceWindow(10)).toBe(1);
    expect(imbalanceScore([5, 5])).toBeCloseTo(0, 12);
    expect(imbalanceScore([10])).toBeNaN();
    expect(imbalanceScore([99, 1])).toBeGreaterThan(0.9);
  });

  it('statsFrame: the table as a danfojs DataFrame', async () => {
    const eng = await engineFor(SMALL);
    const frame = statsFrame(eng.stats(NONE, 'all').stats);
    expect(frame.shape).toEqual([7, STATS_FRAME_COLUMNS.length]);
    expect(frame.columns).toEqual([...STATS_FRAME_COLUMNS]);
    expect(frame.index).toEqual(['protocol_type', 'service', 'flag', 'src_bytes', 'dst_bytes', 'const', 'attack']);
  });
});

describe('EdaEngine without a label', () => {
  it('every view works with one group', async () => {
    const eng = await engineFor('proto,bytes,pkts\ntcp,10,1\nudp,0,2\ntcp,30,3\ntcp,,4\n');
    expect(eng.data.groups).toBeNull();
    const o = eng.overview(NONE);
    expect(o.labelColumn).toBeNull();
    expect(o.anomalies).toBeNull();
    expect(o.alerts.some((a) => a.kind === 'imbalance')).toBe(false);
    const s = eng.stats(NONE, 'all');
    expect(s.groups).toEqual(['all']);
    expect(() => eng.stats(NONE, 'normal')).toThrow(/no label/);
    const d = eng.distribution(NONE, null, null, false);
    expect(d.groupNames).toEqual([]);
    expect(d.histogram?.counts.length).toBe(1);
    expect(d.bars?.cols).toBe(1);
    const c = eng.classes(NONE);
    expect(c.labelColumn).toBeNull();
    expect(c.classes).toEqual([]);
    const b = eng.breakdown(NONE);
    expect(b.boxes[0].groups.map((g) => g.name)).toEqual(['all rows']);
    expect(b.bars.map((x) => x.column)).toEqual(['proto']);
    const r = eng.correlation(NONE, 'pearson');
    expect(r.associationTarget).toBeNull();
    expect(r.association).toEqual([]);
    const out = eng.outliers(NONE);
    expect(out.scatter?.groups).toBeNull();
    expect(out.scatter?.chosenBy).toBe('variance');
    expect([out.scatter?.x, out.scatter?.y]).toEqual(['bytes', 'pkts']);
    const t = eng.traffic(NONE, null);
    expect(t.chosenBy).toBe('variance');
    expect(eng.filterInfo(NONE).fields.map((f) => f.role)).toEqual(['protocol']);
    expect(eng.filterInfo(only('proto', 'tcp')).rows).toBe(3);
  });

  it('stand-in columns skip identifiers and ports', async () => {
    const eng = await engineFor('id,Destination Port,bytes,pkts\n1000000,443,10,1\n2,80,0,5\n3,65000,1000,2\n');
    const o = eng.outliers(NONE);
    expect([o.scatter?.x, o.scatter?.y]).toEqual(['bytes', 'pkts']);
    expect(eng.breakdown(NONE).boxes.map((b) => b.column)).toEqual(['bytes', 'pkts']);
  });

  it('a table with only categorical columns', async () => {
    const eng = await engineFor('a,b\nx,y\nx,z\ny,y\n');
    expect(eng.overview(NONE).numericColumns).toBe(0);
    expect(eng.stats(NONE, 'all').stats.length).toBe(2);
    expect(eng.distribution(NONE, null, null, null).histogram).toBeNull();
    expect(eng.correlation(NONE, 'spearman').columns).toEqual([]);
    expect(eng.outliers(NONE).scatter).toBeNull();
    const t = eng.traffic(NONE, null);
    expect([t.chosenBy, t.series.length, Array.from(t.counts)]).toEqual(['none', 0, [1, 1, 1]]);
    expect(eng.breakdown(NONE).boxes).toEqual([]);
  });

  it('uses a time column when there is one', async () => {
    const eng = await engineFor('Stime,sbytes,dbytes,label\n1421927414,10,1,0\n1421927415,20,2,1\n1421927420,30,3,0\n');
    const t = eng.traffic(NONE, null);
    expect(t.axis).toBe('time');
    expect(t.timeColumn).toBe('Stime');
    expect(t.timeKind).toBe('epoch-ms');
    expect(t.starts[0]).toBe(1421927414000);
    expect(t.series.map((s) => s.name)).toEqual(['sbytes', 'dbytes']);
    expect(t.series[0].sums.reduce((a, b) => a + b, 0)).toBe(60);
    expect(t.counts.reduce((a, b) => a + b, 0)).toBe(3);
    // a numeric 0/1 label filters by its values' text
    expect(eng.filterInfo(only('label', '1')).rows).toBe(1);
  });
});

describe('EdaEngine on hostile names', () => {
  it('keeps names and values as data', async () => {
    const eng = await engineFor(readFileSync(resolve(fixtureDir, 'hostile.csv'), 'utf8'));
    const s = eng.stats(NONE, 'all');
    expect(s.stats.map((r) => r.column)).toEqual(['id', '<img src=x onerror=alert(1)>', '__proto__', 'constructor', 'shape', '$data', 'label']);
    eng.overview(NONE);
    eng.distribution(NONE, null, '__proto__', false);
    eng.breakdown(NONE);
    eng.correlation(NONE, 'pearson');
    expect(eng.filterInfo(only('__proto__', '__proto__')).rows).toBe(1);
    expect(statsFrame(s.stats).shape).toEqual([7, 14]);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe.runIf(existsSync(kddTest))('EdaEngine on KDDTest+ against pandas', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ref = JSON.parse(readFileSync(resolve(fixtureDir, 'reference/eda-kddtest.json'), 'utf8')) as any;
  let eng: EdaEngine;
  beforeAll(async () => {
    eng = await engineFor(readFileSync(kddTest, 'utf8'));
  });

  it('statistics of every numeric column (1e-9 relative)', () => {
    const t0 = performance.now();
    const s = eng.stats(NONE, 'all');
    console.log(`stats (all) on ${s.rows} rows: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(s.rows).toBe(ref.rows);
    for (const name of ref.numericColumns as string[]) {
      const r = row(s.stats, name);
      const e = ref.describe[name];
      expect(r.count, name).toBe(e.count);
      for (const k of ['mean', 'std', 'min', 'p25', 'median', 'p75', 'max', 'skew'] as const) close(r[k], e[k], `${name}.${k}`);
      close(r.kurtosis, e.kurt, `${name}.kurtosis`);
      close(r.zerosPct, (100 * e.zeros) / e.count, `${name}.zerosPct`);
      expect(r.distinct, name).toBe(e.nunique);
    }
    for (const [name, e] of Object.entries(ref.describeCategorical) as [string, { count: number; unique: number; top: string; freq: number }][]) {
      const r = row(s.stats, name);
      expect([r.count, r.distinct, r.top, r.topCount]).toEqual([e.count, e.unique, e.top, e.freq]);
    }
  });

  it('overview: no duplicates, the constant num_outbound_cmds, correlated pairs', () => {
    const t0 = performance.now();
    const o = eng.overview(NONE);
    console.log(`overview on ${o.rows} rows: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(o.duplicateRows).toBe(ref.duplicated);
    expect(o.anomalies).toBe(ref.anomalies);
    expect(o.missingCells).toBe(0);
    const constant = o.alerts.filter((a) => a.kind === 'constant').map((a) => a.columns[0]);
    expect(constant).toContain('num_outbound_cmds');
    const correlated = o.alerts.filter((a) => a.kind === 'correlated');
    expect(correlated[0].columns).toEqual([ref.topPearson[0].a, ref.topPearson[0].b]);
    close(correlated[0].value, ref.topPearson[0].r, 'top r');
    expect(o.alerts.some((a) => a.kind === 'high-cardinality' && a.columns[0] === 'service')).toBe(true);
    const skewed = o.alerts.filter((a) => a.kind === 'skewed').length;
    const expected = (ref.numericColumns as string[]).filter((n) => Math.abs(dec(ref.describe[n].skew)) > 20).length;
    expect(skewed).toBe(expected);
  });

  it('correlation (Pearson, Spearman), top pairs and Cramér\'s V', () => {
    for (const method of ['pearson', 'spearman'] as const) {
      const t0 = performance.now();
      const r = eng.correlation(NONE, method);
      console.log(`${method} on ${r.rows} rows: ${(performance.now() - t0).toFixed(0)} ms`);
      const refM = ref[method];
      expect(r.columns).toEqual(refM.columns);
      const k = r.columns.length;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) close(r.matrix[i * k + j], refM.matrix[i][j], `${method}[${i},${j}]`);
      const top = method === 'pearson' ? ref.topPearson : ref.topSpearman;
      expect(r.top.map((p) => [p.a, p.b])).toEqual(top.map((p: { a: string; b: string }) => [p.a, p.b]));
    }
    const r = eng.correlation(NONE, 'pearson');
    for (const [column, v] of ref.cramersV as [string, number][]) {
      close(r.association.find((a) => a.column === column)!.v, v, `V ${column}`);
    }
  });

  it('outliers by the IQR rule and |z| > 3', () => {
    const o = eng.outliers(NONE);
    for (const name of ref.numericColumns as string[]) {
      const r = o.outliers.find((x) => x.column === name)!;
      const e = ref.outliers[name];
      expect([r.iqrLow, r.iqrHigh, r.zLow + r.zHigh], name).toEqual([e.iqrLow, e.iqrHigh, e.z3]);
    }
    // a seeded sample of at most 20k points, stated with the total
    expect(o.scatter?.xs.length).toBe(20_000);
    expect(o.scatter?.total).toBe(ref.rows);
    expect(Array.from(eng.outliers(NONE).scatter!.xs.subarray(0, 50))).toEqual(Array.from(o.scatter!.xs.subarray(0, 50)));
  });

  it('class balance, flag × label, window sums', () => {
    const c = eng.classes(NONE);
    expect(c.anomalies).toBe(ref.anomalies);
    expect(c.classes[0]).toEqual({ value: 'normal', count: 9711, normal: true });
    const b = eng.breakdown(NONE);
    const h = b.heatmap!;
    for (let r = 0; r < ref.crosstabFlagAnomaly.rows.length; r++) {
      const i = h.rowLabels.indexOf(ref.crosstabFlagAnomaly.rows[r]);
      expect([h.counts[i * 2], h.counts[i * 2 + 1]]).toEqual(ref.crosstabFlagAnomaly.counts[r]);
    }
    expect(b.boxes.map((x) => x.column).every((n) => n.startsWith('dst_host_'))).toBe(true);
    expect(b.boxes.length).toBe(10);
    const t = eng.traffic(NONE, ref.windowSums.window);
    const sums = t.series.find((s) => s.name === ref.windowSums.column)!.sums;
    expect(Array.from(sums)).toEqual(ref.windowSums.sums);
  });

  it('filters give the right counts and statistics of the selection', () => {
    for (const [value, count] of ref.valueCounts.protocol_type as [string, number][]) {
      expect(eng.filterInfo(only('protocol_type', value)).rows).toBe(count);
    }
    for (const [value, count] of (ref.valueCounts.flag as [string, number][]).slice(0, 4)) {
      expect(eng.filterInfo(only('flag', value)).rows).toBe(count);
    }
    const icmp = only('protocol_type', 'icmp');
    const s = eng.stats(icmp, 'all');
    expect(s.rows).toBe(1043);
    expect(row(s.stats, 'protocol_type').distinct).toBe(1);
    const classes = eng.classes(icmp);
    expect(classes.normals + classes.anomalies).toBe(1043);
    expect(eng.filterInfo(only('attack', 'normal')).rows).toBe(9711);
    // heavy tails start on log-spaced bins; rates stay linear
    expect(eng.distribution(NONE, 'duration', null, null).histogram?.log).toBe(true);
    expect(eng.distribution(NONE, 'src_bytes', null, null).histogram?.log).toBe(true);
    expect(eng.distribution(NONE, 'dst_host_srv_count', null, null).histogram?.log).toBe(false);
    expect(eng.distribution(NONE, 'serror_rate', null, null).histogram?.log).toBe(false);
    expect(eng.outliers(icmp, 500).scatter?.xs.length).toBe(500);
    expect(eng.stats(NONE, 'normal').groupRows).toBe(9711);
    expect(eng.stats(NONE, 'anomalous').groupRows).toBe(ref.anomalies);
  });
});
