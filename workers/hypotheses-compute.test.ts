/**
 * The hypothesis panels over real Tables: KDDTest+ parsed by the table library gives the
 * SciPy/statsmodels reference values (tests/fixtures/reference/hypo-KDDTest+.json, 1e-6
 * relative) for the five main tests; tables without NSL-KDD's columns and without a label say
 * what is missing instead of failing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../src/lib/table/parse';
import { detectLabel } from '../src/lib/table/label';
import { holm, benjaminiHochberg } from '../src/lib/stats/hypo';
import {
  log10BH,
  log10Holm,
  panel,
  prepare,
  screen,
  testColumn,
  unavailable,
  type Prepared,
} from './hypotheses-compute';
import { fisherExact } from './hypotheses-fisher';
import type { MainTest, PanelResult, Unavailable } from './protocol-hypo';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const dataDir = resolve(repo, '../shared/datasets/nsl-kdd');

// The fixture is plain JSON written by Python (scripts/ref_hypotheses.py).
interface FixtureTest {
  readonly statistic: number;
  readonly pvalue: number;
  readonly df?: number;
  readonly dof?: number;
  readonly log10p: number;
}
interface FixtureLogit {
  readonly llr: number;
  readonly llr_pvalue: number;
  readonly df_model: number;
  readonly llr_log10p: number;
  readonly llf: number;
  readonly llnull: number;
  readonly nobs?: number;
  readonly reference?: string;
  readonly excluded?: readonly string[];
  readonly separated?: readonly string[];
}
interface Fixture {
  readonly meta: { readonly nRows: number; readonly nAnomalous: number };
  readonly ttest: Record<string, { readonly welch: FixtureTest; readonly student: FixtureTest; readonly hedgesG: number; readonly cohensD: number }>;
  readonly anova: { readonly src_bytes_by_attack: FixtureTest & { readonly dfBetween: number; readonly dfWithin: number } };
  readonly mannwhitney: Record<string, FixtureTest & { readonly z: number }>;
  readonly chi2: Record<string, FixtureTest & { readonly dof: number; readonly levels: readonly string[] }>;
  readonly logit: {
    readonly flag: { readonly full: { readonly separated: readonly string[] }; readonly nonseparated: FixtureLogit };
    readonly urgent_pos: FixtureLogit;
    readonly urgent: FixtureLogit;
  };
}

const readFixture = (file: string): Fixture =>
  JSON.parse(readFileSync(resolve(repo, `tests/fixtures/reference/hypo-${file}.json`), 'utf8')) as Fixture;

function close(actual: number, expected: number, what: string, rel = 1e-6): void {
  const tol = rel * Math.max(Math.abs(expected), 1e-300);
  if (!(Math.abs(actual - expected) <= tol)) expect.fail(`${what}: got ${actual}, expected ${expected} (rel ${Math.abs(actual - expected) / Math.abs(expected)})`);
}

/** p-values: 1e-6 relative; an underflowed reference (0) needs ours ≤ 1e-290 and log10 p to match. */
function closeP(actual: MainTest, pvalue: number, log10p: number, what: string): void {
  if (pvalue <= 1e-300) expect(actual.pValue, `${what} p`).toBeLessThanOrEqual(1e-290);
  else close(actual.pValue, pvalue, `${what} p`);
  close(actual.log10p, log10p, `${what} log10 p`, 1e-6);
}

async function prepared(csv: string): Promise<Prepared | Unavailable> {
  const parsed = await parseCsvText(csv);
  return prepare({ table: parsed.table, schema: parsed.schema, label: detectLabel(parsed.table, parsed.schema) });
}

function isPrepared(p: Prepared | Unavailable): p is Prepared {
  return !('kind' in p);
}

async function must(csv: string): Promise<Prepared> {
  const p = await prepared(csv);
  if (!isPrepared(p)) throw new Error(p.message);
  return p;
}

function ok<K extends Exclude<PanelResult['kind'], 'unavailable'>>(r: PanelResult, kind: K): Extract<PanelResult, { kind: K }> {
  if (r.kind !== kind) throw new Error(`expected ${kind}, got ${r.kind}: ${'message' in r ? r.message : ''}`);
  return r as Extract<PanelResult, { kind: K }>;
}

describe('the five panels on KDDTest+ equal SciPy / statsmodels', async () => {
  const text = readFileSync(resolve(dataDir, 'KDDTest+.txt'), 'utf8');
  const fx = readFixture('KDDTest+');
  const p = await must(text);

  it('splits the rows by the label', () => {
    expect(p.split).toMatchObject({ column: 'attack', normalValue: 'normal', anomalous: fx.meta.nAnomalous, missing: 0 });
    expect(p.split.normal + p.split.anomalous).toBe(fx.meta.nRows);
  });

  for (const col of ['src_bytes', 'dst_bytes'] as const) {
    it(`ttest-${col}: Welch's t (anomalous − normal), Student, ANOVA, Mann–Whitney, Hedges' g`, () => {
      const r = ok(panel(p, { id: `ttest-${col}` }), 'volume');
      const ref = fx.ttest[col];
      expect(r.id).toBe(`ttest-${col}`);
      close(r.main.statistic, ref.welch.statistic, 'welch t');
      close(r.main.df, ref.welch.df ?? NaN, 'welch df');
      closeP(r.main, ref.welch.pvalue, ref.welch.log10p, 'welch');
      close(r.raw.student.statistic, ref.student.statistic, 'student t');
      close(r.raw.welch.hedgesG, ref.hedgesG, "Hedges' g");
      close(r.raw.welch.cohensD, ref.cohensD, "Cohen's d");
      const lref = fx.ttest[`log1p_${col}`];
      expect(r.log1p).not.toBeNull();
      close(r.log1p!.welch.statistic, lref.welch.statistic, 'log1p welch t');
      close(r.log1p!.welch.df, lref.welch.df ?? NaN, 'log1p welch df');
      const mw = fx.mannwhitney[col];
      close(r.mannWhitney.statistic, mw.statistic, 'U');
      close(r.mannWhitney.z, mw.z, 'z');
      close(r.mannWhitney.log10p, mw.log10p, 'MW log10 p');
      expect(r.raw.anova?.by).toBe('attack');
      expect(r.raw.boxes.normal.n + r.raw.boxes.anomalous.n).toBe(fx.meta.nRows);
      expect(r.zeroShare.anomalous).toBeGreaterThan(0.5);
      expect(r.skewness).toBeGreaterThan(10);
    });
  }

  it('ANOVA of src_bytes across attack types (f_oneway, classes with ≥ 2 rows)', () => {
    const r = ok(panel(p, { id: 'ttest-src_bytes' }), 'volume');
    const a = fx.anova.src_bytes_by_attack;
    const res = r.raw.anova!.result;
    close(res.statistic, a.statistic, 'F');
    expect(res.dfBetween).toBe(a.dfBetween);
    expect(res.dfWithin).toBe(a.dfWithin);
    close(res.log10p, a.log10p, 'F log10 p');
  });

  for (const col of ['protocol_type', 'service'] as const) {
    it(`chi2-${col}: Pearson's χ², the table, and the merge option`, () => {
      const r = ok(panel(p, { id: `chi2-${col}`, mergeRare: false }), 'chi2');
      const ref = fx.chi2[col];
      close(r.main.statistic, ref.statistic, 'χ²');
      expect(r.main.df).toBe(ref.dof);
      closeP(r.main, ref.pvalue, ref.log10p, 'χ²');
      expect(r.chi2.yates).toBe(false);
      expect(r.chi2.table.totalLevels).toBe(ref.levels.length);
      expect([...r.chi2.table.levels].sort()).toEqual([...ref.levels].sort());
      expect(r.merged).toEqual([]);
      if (col === 'service') {
        // 8 of 128 expected counts < 5 (6.25 %): below the 20 % rule, merging still offered.
        close(r.unmergedLowShare, 8 / 128, 'low share');
        expect(r.chi2.warning).toBeNull();
        expect(r.mergeable).toBeGreaterThan(1);
        const m = ok(panel(p, { id: 'chi2-service', mergeRare: true }), 'chi2');
        expect(m.merged.length).toBe(r.mergeable);
        expect(m.chi2.nRows).toBe(ref.levels.length - r.mergeable + 1);
        expect(m.chi2.lowExpectedShare).toBe(0);
        expect(m.main.df).toBe(m.chi2.nRows - 1);
      }
    });
  }

  it('logit-flag: LR test of the model without the separated levels (df = levels estimated)', () => {
    const r = ok(panel(p, { id: 'logit-flag' }), 'logit-flag');
    const ns = fx.logit.flag.nonseparated;
    expect(r.basis).toBe('non-separated');
    close(r.main.statistic, ns.llr, 'LR χ²');
    expect(r.main.df).toBe(ns.df_model);
    closeP(r.main, ns.llr_pvalue, ns.llr_log10p, 'LR');
    expect(r.fit.nObs).toBe(ns.nobs);
    expect(r.fit.reference).toBe(ns.reference);
    expect(r.full.reference).toBe(ns.reference);
    expect([...r.full.separatedLevels].sort()).toEqual([...fx.logit.flag.full.separated].sort());
    expect(r.excludedRows).toBe(fx.meta.nRows - (ns.nobs ?? 0));
    expect(r.levels.filter((l) => l.separation !== 'none').map((l) => l.name).sort()).toEqual([...(ns.excluded ?? [])].sort());
    // Separated levels: NaN coefficients, never ±20 with SEs of 10⁴.
    for (const c of r.full.coefficients) {
      if (c.separation !== 'none') expect(c.estimate).toBeNaN();
      else expect(Math.abs(c.estimate)).toBeLessThan(15);
    }
  });

  it('logit-urgent: LR of anomaly ~ (urgent > 0) at the supremum, the counts, Fisher', () => {
    const r = ok(panel(p, { id: 'logit-urgent' }), 'logit-urgent');
    const ref = fx.logit.urgent_pos;
    close(r.main.statistic, ref.llr, 'LR χ²');
    expect(r.main.df).toBe(ref.df_model);
    close(r.main.pValue, ref.llr_pvalue, 'LR p');
    expect(r.binary.separation).toBe('quasi');
    expect(r.binary.separatedLevels).toEqual(['urgent > 0']);
    expect(r.nonZero.normal).toBe(0);
    expect(r.nonZero.anomalous).toBe(10);
    expect(r.values[0]).toMatchObject({ value: 0, normal: 9711 });
    close(r.count.lrStatistic, fx.logit.urgent.llr, 'LR of ~ urgent', 2e-6);
    close(r.fisher!.pValue, 0.006688165689921548, 'Fisher p (scipy)');
    expect(r.fisher!.oddsRatio).toBe(Infinity);
  });

  it('screens every feature: ranked, Holm and BH as statsmodels, level column skipped', () => {
    const s = screen(p);
    expect(s.rows.length).toBe(41);
    expect(s.skipped.map((x) => x.column)).toEqual(['attack', 'level']);
    for (let i = 1; i < s.rows.length; i++) {
      const a = s.rows[i - 1].log10p;
      const b = s.rows[i].log10p;
      if (!Number.isNaN(b)) expect(a).toBeLessThanOrEqual(b);
    }
    // num_outbound_cmds is constant: NaN, outside the family, ranked last.
    expect(s.rows[s.rows.length - 1].column).toBe('num_outbound_cmds');
    expect(s.family).toBe(40);
    const src = s.rows.find((r) => r.column === 'src_bytes')!;
    close(src.pValue, fx.ttest.src_bytes.welch.pvalue, 'screen src_bytes p');
    expect(src.panel).toBe('ttest-src_bytes');
    expect(s.rows.find((r) => r.column === 'flag')?.panel).toBe('logit-flag');
    const service = s.rows.find((r) => r.column === 'service')!;
    close(service.statistic, fx.chi2.service.statistic, 'screen service χ²');
    for (const r of s.rows) {
      if (Number.isNaN(r.pValue)) continue;
      if (r.pHolm > 1e-290) close(Math.pow(10, r.log10Holm), r.pHolm, `${r.column} Holm`, 1e-9);
      if (r.pBH > 1e-290) close(Math.pow(10, r.log10BH), r.pBH, `${r.column} BH`, 1e-9);
      expect(Number.isFinite(r.log10Holm)).toBe(true);
    }
  });

  it('tests any column: numeric and categorical', () => {
    const n = testColumn(p, 'count');
    if (n.kind !== 'numeric') throw new Error(n.kind);
    close(n.main.statistic, fx.ttest.count.welch.statistic, 'count t');
    const c = testColumn(p, 'flag');
    if (c.kind !== 'categorical') throw new Error(c.kind);
    close(c.main.statistic, fx.chi2.flag.statistic, 'flag χ²');
    expect(c.panel).toBe('logit-flag');
    const land = testColumn(p, 'land');
    expect(land.kind).toBe('numeric');
    expect(testColumn(p, 'attack').kind).toBe('unavailable');
    expect(testColumn(p, 'nope')).toMatchObject({ kind: 'unavailable', reason: 'unknown-column' });
  });
});

const OTHER = [
  'bytes_in,packets,proto_name,label',
  '10,1,a,normal',
  '20,2,b,normal',
  '30,3,a,normal',
  '40,2,b,normal',
  '500,9,a,attack',
  '700,8,b,attack',
  '900,7,a,attack',
  '800,9,a,attack',
].join('\n');

describe('data without NSL-KDD columns or without a label', () => {
  it('each panel says which column is missing; the screen and the picker still work', async () => {
    const p = await must(OTHER);
    for (const id of ['ttest-src_bytes', 'ttest-dst_bytes', 'chi2-protocol_type', 'chi2-service', 'logit-flag', 'logit-urgent'] as const) {
      const r = panel(p, id.startsWith('chi2') ? { id: id as 'chi2-service', mergeRare: false } : ({ id } as { id: 'logit-flag' }));
      expect(r.kind, id).toBe('unavailable');
      if (r.kind === 'unavailable') {
        expect(r.reason).toBe('missing-column');
        expect(r.wanted.length).toBeGreaterThan(0);
        expect(r.message).toMatch(/looked for/);
      }
      expect(r.id).toBe(id);
    }
    const s = screen(p);
    expect(s.rows.map((r) => r.column).sort()).toEqual(['bytes_in', 'packets', 'proto_name']);
    expect(s.rows[0].panel).toBeNull();
    const t = testColumn(p, 'bytes_in');
    expect(t.kind).toBe('numeric');
    if (t.kind === 'numeric') expect(t.main.statistic).toBeGreaterThan(0);
  });

  it('adapts to UNSW-NB15-style names (sbytes, proto, state)', async () => {
    const csv = ['sbytes,dbytes,proto,state,urgent,label', '1,2,tcp,FIN,0,0', '3,4,udp,CON,0,0', '5,1,tcp,FIN,0,0', '50,60,tcp,INT,1,1', '70,1,udp,INT,0,1', '90,5,tcp,FIN,2,1'].join('\n');
    const p = await must(csv);
    const v = panel(p, { id: 'ttest-src_bytes' });
    expect(v.kind).toBe('volume');
    if (v.kind === 'volume') {
      expect(v.column).toBe('sbytes');
      expect(v.raw.anova).toBeNull();
      expect(v.raw.anovaNote).toMatch(/two classes/);
    }
    const f = panel(p, { id: 'logit-flag' });
    expect(f.kind === 'logit-flag' && f.column).toBe('state');
  });

  it('no label: every method says a label is needed', async () => {
    const r = await prepared(['a,b,c', '1,2,x', '3,4,y', '5,6,x'].join('\n'));
    expect(r).toMatchObject({ kind: 'unavailable', reason: 'no-label' });
    expect((r as Unavailable).message).toMatch(/label/);
  });

  it('a single class: nothing to compare', async () => {
    const r = await prepared(['x,label', '1,normal', '2,normal', '3,normal'].join('\n'));
    expect(r).toMatchObject({ kind: 'unavailable', reason: 'single-class' });
  });

  it('missing labels are in neither group', async () => {
    const p = await must(['x,label', '1,normal', '2,normal', '3,', '9,attack', '8,attack'].join('\n'));
    expect(p.split).toMatchObject({ normal: 2, anomalous: 2, missing: 1 });
    const t = testColumn(p, 'x');
    expect(t.kind === 'numeric' && t.welch.n0 + t.welch.n1).toBe(4);
  });

  it('degenerate panels: constant column, perfect separation', async () => {
    const csv = ['src_bytes,flag,urgent,protocol_type,label', '0,A,0,tcp,normal', '0,A,0,tcp,normal', '0,B,0,tcp,attack', '0,B,0,tcp,attack'].join('\n');
    const p = await must(csv);
    const v = panel(p, { id: 'ttest-src_bytes' });
    expect(v.kind === 'volume' && Number.isNaN(v.main.statistic)).toBe(true);
    const f = panel(p, { id: 'logit-flag' });
    if (f.kind !== 'logit-flag') throw new Error(f.kind);
    expect(f.full.separation).toBe('complete');
    expect(f.basis).toBe('supremum');
    expect(Number.isFinite(f.main.statistic)).toBe(true);
    const u = panel(p, { id: 'logit-urgent' });
    expect(u.kind === 'logit-urgent' && Number.isNaN(u.main.statistic)).toBe(true);
    const c = panel(p, { id: 'chi2-protocol_type', mergeRare: false });
    expect(c.kind === 'chi2' && Number.isNaN(c.main.statistic)).toBe(true);
  });
});

describe('helpers', () => {
  it("Fisher's exact test equals scipy.stats.fisher_exact", () => {
    const cases: [number, number, number, number, number, number][] = [
      [8, 2, 1, 5, 20, 0.034965034965034975],
      [3, 1, 1, 3, 9, 0.48571428571428565],
      [100, 50, 40, 60, 3, 4.9755408800550134e-5],
      [0, 5, 5, 0, 0, 0.007936507936507938],
      [1000, 2000, 3, 1, 0.16666666666666666, 0.11145672415940329],
    ];
    for (const [a, b, c, d, or, pv] of cases) {
      const r = fisherExact(a, b, c, d);
      close(r.oddsRatio, or, `OR ${a} ${b} ${c} ${d}`, 1e-12);
      close(r.pValue, pv, `p ${a} ${b} ${c} ${d}`, 1e-9);
    }
    expect(fisherExact(0, 0, 3, 4).pValue).toBe(1);
    expect(fisherExact(-1, 0, 3, 4).pValue).toBeNaN();
  });

  it('log10 Holm / BH agree with holm / benjaminiHochberg and stay finite below 1e-300', () => {
    const p = Float64Array.from([0.01, 0.04, 0.03, 0.5, NaN, 0.001]);
    const lp = p.map((x) => Math.log10(x));
    const h = holm(p);
    const b = benjaminiHochberg(p);
    const lh = log10Holm(lp);
    const lb = log10BH(lp);
    for (let i = 0; i < p.length; i++) {
      if (Number.isNaN(p[i])) {
        expect(lh[i]).toBeNaN();
        continue;
      }
      close(Math.pow(10, lh[i]), h[i], `holm ${i}`, 1e-12);
      close(Math.pow(10, lb[i]), b[i], `bh ${i}`, 1e-12);
    }
    const tiny = log10Holm(Float64Array.from([-2000, -1500, -1]));
    close(tiny[0], -2000 + Math.log10(3), 'tiny holm', 1e-12);
    close(tiny[1], -1500 + Math.log10(2), 'tiny holm 2', 1e-12);
  });

  it('unavailable() carries the reason', () => {
    expect(unavailable('no-label', 'x')).toEqual({ kind: 'unavailable', reason: 'no-label', message: 'x', wanted: [] });
  });
});

describe('every fixture table: no method throws', () => {
  const dir = resolve(repo, 'tests/fixtures');
  for (const file of ['hostile.csv', 'table-cic-ids2017.csv', 'table-generic-semicolon.csv', 'table-generic-tab.tsv', 'table-kdd99.csv', 'table-nsl-kdd-headerless.csv', 'table-nsl-kdd-kaggle.csv', 'table-unsw-nb15.csv']) {
    it(file, async () => {
      const p = await prepared(readFileSync(resolve(dir, file), 'utf8'));
      if (!isPrepared(p)) {
        expect(p.message.length).toBeGreaterThan(0);
        return;
      }
      for (const id of ['ttest-src_bytes', 'ttest-dst_bytes', 'chi2-protocol_type', 'chi2-service', 'logit-flag', 'logit-urgent'] as const) {
        const r = id.startsWith('chi2') ? panel(p, { id: id as 'chi2-service', mergeRare: true }) : panel(p, { id } as { id: 'logit-flag' });
        expect(r.id).toBe(id);
        // Structured clone is how results travel to the UI.
        expect(() => structuredClone(r)).not.toThrow();
      }
      const s = screen(p);
      expect(() => structuredClone(s)).not.toThrow();
      for (const c of p.table.columns) expect(() => structuredClone(testColumn(p, c.name))).not.toThrow();
    });
  }
});
