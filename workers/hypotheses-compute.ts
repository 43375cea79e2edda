/**
 * The hypothesis panels, the feature screen and the single-column test as pure functions over
 * a `Table` and its label (no worker, no DOM): the data worker calls them (hypotheses.ts) and the
 * unit tests run them on the real NSL-KDD files.
 *
 * Groups: y = 0 normal, 1 anomalous, 255 = label missing (left out of every test: the
 * statistics in src/lib/stats/hypo skip any group > 1).
 */
import type { CategoricalColumn, Column, NumericColumn, SchemaId, Table } from '../src/lib/table/types';
import type { LabelDetection } from '../src/lib/table/label';
import {
  benjaminiHochberg,
  chi2Contingency,
  crosstab,
  holm,
  logitCategorical,
  logitNumeric,
  mannWhitneyU,
  mergeRareRows,
  oneWayAnova,
  screenFeatures,
  studentTTest,
  welchTTest,
  type Chi2Result,
  type LogitResult,
  type ScreenColumn,
  type TTestResult,
} from '../src/lib/stats/hypo';
import { boxStats } from '../src/lib/stats/outliers';
import { ATTACK_TYPE_COLUMNS, PANEL_COLUMNS, asLevels, findColumn, skipReason, type Levels } from './hypotheses-columns';
import { fisherExact } from './hypotheses-fisher';
import type {
  AnovaByType,
  CategoricalColumnTest,
  Chi2Panel,
  Chi2Summary,
  ColumnTestResult,
  GroupBoxes,
  HypothesisId,
  LabelSplit,
  LevelCount,
  LogitFlagPanel,
  MainTest,
  NumericColumnTest,
  PanelParams,
  PanelResult,
  ScreenEntry,
  ScreenResult,
  Unavailable,
  UnavailableReason,
  UrgentCount,
  UrgentPanel,
  VolumePanel,
  VolumeScale,
} from './protocol-hypo';

export interface HypothesisInput {
  readonly table: Table;
  readonly schema: SchemaId;
  readonly label: Pick<LabelDetection, 'column' | 'normalValue' | 'isAnomaly'>;
}

/** The label split once per dataset (the worker caches it by dataset version). */
export interface Prepared {
  readonly table: Table;
  readonly schema: SchemaId;
  readonly labelColumn: Column;
  readonly split: LabelSplit;
  readonly y: Uint8Array;
  readonly normalIndex: Uint32Array;
  readonly anomalousIndex: Uint32Array;
}

export const MISSING_LABEL = 255;
/** Contingency rows sent for display (largest levels first); the test uses every level. */
export const MAX_TABLE_ROWS = 80;
/** Distinct values of `urgent` listed. */
export const MAX_URGENT_VALUES = 30;

export function unavailable(reason: UnavailableReason, message: string, wanted: readonly string[] = []): Unavailable {
  return { kind: 'unavailable', reason, message, wanted };
}

const now = () => performance.now();

export function prepare(input: HypothesisInput): Prepared | Unavailable {
  const { table, label } = input;
  if (label.column === null) {
    return unavailable('no-label', 'These tests compare normal and anomalous rows: choose a label column in the Load cell first.');
  }
  const labelColumn = table.columns.find((c) => c.name === label.column);
  if (!labelColumn) return unavailable('no-label', `The label column ${label.column} is not in the data.`);
  if (label.isAnomaly === null || label.normalValue === null) {
    return unavailable(
      'no-normal-value',
      `No value of the label column ${label.column} was recognised as normal: choose its normal value in the Load cell.`,
    );
  }
  const n = table.nRows;
  const y = Uint8Array.from(label.isAnomaly);
  let missing = 0;
  if (labelColumn.kind === 'categorical') {
    const codes = labelColumn.codes;
    for (let i = 0; i < n; i++) {
      if (codes[i] < 0) {
        y[i] = MISSING_LABEL;
        missing++;
      }
    }
  } else {
    const v = labelColumn.values;
    for (let i = 0; i < n; i++) {
      if (v[i] !== v[i]) {
        y[i] = MISSING_LABEL;
        missing++;
      }
    }
  }
  let anomalous = 0;
  for (let i = 0; i < n; i++) if (y[i] === 1) anomalous++;
  const normal = n - anomalous - missing;
  const normalIndex = new Uint32Array(normal);
  const anomalousIndex = new Uint32Array(anomalous);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (y[i] === 0) normalIndex[a++] = i;
    else if (y[i] === 1) anomalousIndex[b++] = i;
  }
  const split: LabelSplit = { column: labelColumn.name, normalValue: label.normalValue, normal, anomalous, missing };
  if (normal === 0 || anomalous === 0) {
    return unavailable(
      'single-class',
      `Every labelled row is ${normal === 0 ? 'anomalous' : 'normal'} (${normal} normal, ${anomalous} anomalous): there is nothing to compare.`,
    );
  }
  return { table, schema: input.schema, labelColumn, split, y, normalIndex, anomalousIndex };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function panelColumn(p: Prepared, id: HypothesisId): Column | undefined {
  return findColumn(p.table, PANEL_COLUMNS.get(id) ?? [], p.labelColumn.name);
}

function missingColumn(id: HypothesisId, what: string): Unavailable {
  const wanted = PANEL_COLUMNS.get(id) ?? [];
  return unavailable(
    'missing-column',
    `This data has no ${what} column (looked for ${wanted.join(', ')}). Use “Test every feature against the label” to test the columns it has.`,
    wanted,
  );
}

/** Which panel tests a column (by the same lookup the panels use). */
export function panelFor(p: Prepared, column: string): HypothesisId | null {
  for (const id of PANEL_COLUMNS.keys()) if (panelColumn(p, id)?.name === column) return id;
  return null;
}

function ttestMain(r: TTestResult): MainTest {
  return { name: r.test === 'welch' ? 'Welch’s t' : 'Student’s t', statistic: r.statistic, df: r.df, pValue: r.pValue, log10p: r.log10p };
}

function boxes(values: Float64Array, p: Prepared): GroupBoxes {
  return { normal: boxStats(values, p.normalIndex), anomalous: boxStats(values, p.anomalousIndex) };
}

/** Groups for the ANOVA "across attack types": the label's classes, or an attack-category column. */
function attackTypes(p: Prepared): { col: CategoricalColumn; note: null } | { col: null; note: string } {
  const label = p.labelColumn;
  if (label.kind === 'categorical' && label.dictionary.length > 2) return { col: label, note: null };
  const other = findColumn(p.table, ATTACK_TYPE_COLUMNS, label.name);
  if (other && other.kind === 'categorical' && other.dictionary.length > 2) return { col: other, note: null };
  return {
    col: null,
    note: `The label ${label.name} has only two classes and no attack-category column was found: no ANOVA across attack types.`,
  };
}

function volumeScale(values: Float64Array, p: Prepared): VolumeScale {
  const types = attackTypes(p);
  let anova: AnovaByType | null = null;
  if (types.col) {
    const col = types.col;
    // As the reference (scipy f_oneway over the classes with ≥ 2 rows), normal included.
    const result = oneWayAnova(values, col.codes, col.dictionary.length, undefined, { minGroupSize: 2 });
    anova = { by: col.name, result, groups: col.dictionary };
  }
  return {
    welch: welchTTest(values, p.y),
    student: studentTTest(values, p.y),
    anova,
    anovaNote: types.note,
    boxes: boxes(values, p),
  };
}

/** Sample skewness (Fisher–Pearson, biased, as scipy.stats.skew) of the finite values. */
function skewness(v: Float64Array): number {
  let n = 0;
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x - x === 0) {
      n++;
      s += x;
    }
  }
  if (n < 3) return NaN;
  const m = s / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    const d = x - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : NaN;
}

function zeroShare(v: Float64Array, index: Uint32Array): number {
  let zeros = 0;
  let n = 0;
  for (let k = 0; k < index.length; k++) {
    const x = v[index[k]];
    if (x !== x) continue;
    n++;
    if (x === 0) zeros++;
  }
  return n > 0 ? zeros / n : NaN;
}

/** Chi2Result → what the UI shows: the bounded, largest-first table with level names. */
function chi2Summary(r: Chi2Result, labels: readonly string[]): Chi2Summary {
  const order = Array.from({ length: r.nRows }, (_, i) => i);
  order.sort((a, b) => r.rowTotals[b] - r.rowTotals[a] || a - b);
  const shown = order.slice(0, MAX_TABLE_ROWS);
  const c = r.nCols;
  const pick = (src: Float64Array) => {
    const out = new Float64Array(shown.length * c);
    shown.forEach((row, k) => {
      for (let j = 0; j < c; j++) out[k * c + j] = src[row * c + j];
    });
    return out;
  };
  return {
    statistic: r.statistic,
    pearsonStatistic: r.pearsonStatistic,
    dof: r.dof,
    pValue: r.pValue,
    log10p: r.log10p,
    yates: r.yates,
    n: r.n,
    nRows: r.nRows,
    nCols: r.nCols,
    cramersV: r.cramersV,
    minExpected: r.minExpected,
    lowExpectedShare: r.lowExpectedShare,
    lowExpectedCells: Math.round(r.lowExpectedShare * r.nRows * r.nCols),
    warning: r.warning,
    table: {
      levels: shown.map((row) => labels[r.rowsKept[row]] ?? `#${r.rowsKept[row]}`),
      observed: pick(r.observed),
      expected: pick(r.expected),
      adjusted: pick(r.adjustedResiduals),
      totalLevels: r.nRows,
    },
  };
}

function chi2Main(r: Chi2Summary): MainTest {
  return {
    name: r.yates ? 'Pearson’s χ² with Yates’ correction' : 'Pearson’s χ²',
    statistic: r.statistic,
    df: r.dof,
    pValue: r.pValue,
    log10p: r.log10p,
  };
}

interface Chi2Run {
  readonly unmerged: Chi2Summary;
  readonly merged: { readonly summary: Chi2Summary; readonly levels: readonly string[] } | null;
  /** Non-empty rare levels that merging folds together. */
  readonly mergeable: readonly string[];
}

function chi2Of(levels: Levels, y: Uint8Array, merge: boolean): Chi2Run {
  const L = levels.dictionary.length;
  const table = crosstab(levels.codes, L, y);
  const unmerged = chi2Summary(chi2Contingency(table, L, 2), levels.dictionary);
  const m = mergeRareRows(table, L, 2, levels.dictionary);
  const rowTotal = (i: number) => table[2 * i] + table[2 * i + 1];
  const nonEmpty = new Set(levels.dictionary.filter((_, i) => rowTotal(i) > 0));
  const mergeable = m.merged.filter((name) => nonEmpty.has(name));
  if (!merge || mergeable.length === 0) return { unmerged, merged: null, mergeable };
  const merged = chi2Summary(chi2Contingency(m.table, m.nRows, 2), m.labels);
  return { unmerged, merged: { summary: merged, levels: mergeable }, mergeable };
}

function logitMain(r: LogitResult): MainTest {
  return { name: 'likelihood-ratio χ²', statistic: r.lrStatistic, df: r.lrDf, pValue: r.lrPValue, log10p: r.lrLog10p };
}

// ---------------------------------------------------------------------------------------------
// Panels

export function volumePanel(p: Prepared, id: 'ttest-src_bytes' | 'ttest-dst_bytes'): VolumePanel | Unavailable {
  const t0 = now();
  const col = panelColumn(p, id);
  const what = id === 'ttest-src_bytes' ? 'source-bytes' : 'destination-bytes';
  if (!col) return missingColumn(id, what);
  if (col.kind !== 'numeric') {
    return unavailable('missing-column', `The ${what} column ${col.name} holds text, not numbers: a t-test needs numbers.`, [col.name]);
  }
  const v = col.values;
  let min = Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] < min) min = v[i];
  const raw = volumeScale(v, p);
  let log1p: VolumeScale | null = null;
  if (!(min < -1)) {
    const lv = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) lv[i] = Math.log1p(v[i]);
    log1p = volumeScale(lv, p);
  }
  return {
    kind: 'volume',
    id,
    column: col.name,
    label: p.split,
    main: ttestMain(raw.welch),
    raw,
    log1p,
    mannWhitney: mannWhitneyU(v, p.y),
    zeroShare: { normal: zeroShare(v, p.normalIndex), anomalous: zeroShare(v, p.anomalousIndex) },
    skewness: skewness(v),
    ms: now() - t0,
  };
}

export function chi2Panel(p: Prepared, id: 'chi2-protocol_type' | 'chi2-service', mergeRare: boolean): Chi2Panel | Unavailable {
  const t0 = now();
  const col = panelColumn(p, id);
  const what = id === 'chi2-protocol_type' ? 'protocol' : 'service';
  if (!col) return missingColumn(id, what);
  const levels = asLevels(col);
  if (!levels) {
    return unavailable('missing-column', `The ${what} column ${col.name} is numeric with many distinct values, not a category.`, [col.name]);
  }
  const run = chi2Of(levels, p.y, mergeRare);
  const chi2 = run.merged?.summary ?? run.unmerged;
  return {
    kind: 'chi2',
    id,
    column: col.name,
    label: p.split,
    main: chi2Main(chi2),
    chi2,
    merged: run.merged?.levels ?? [],
    mergeRequested: mergeRare,
    unmergedLowShare: run.unmerged.lowExpectedShare,
    mergeable: run.mergeable.length,
    ms: now() - t0,
  };
}

export function logitFlagPanel(p: Prepared): LogitFlagPanel | Unavailable {
  const t0 = now();
  const id: HypothesisId = 'logit-flag';
  const col = panelColumn(p, id);
  if (!col) return missingColumn(id, 'connection-status (flag)');
  const levels = asLevels(col);
  if (!levels) return unavailable('missing-column', `The connection-status column ${col.name} is numeric with many distinct values, not a category.`, [col.name]);
  const { codes, dictionary } = levels;
  const L = dictionary.length;
  const counts = crosstab(codes, L, p.y);
  const present: number[] = [];
  const separated = new Set<number>();
  for (let c = 0; c < L; c++) {
    const n = counts[2 * c] + counts[2 * c + 1];
    if (n === 0) continue;
    present.push(c);
    if (counts[2 * c] === 0 || counts[2 * c + 1] === 0) separated.add(c);
  }
  const estimable = present.filter((c) => !separated.has(c));
  let fit: LogitResult;
  let basis: LogitFlagPanel['basis'];
  let excludedRows = 0;
  if (separated.size > 0 && estimable.length >= 2) {
    // The model statsmodels can fit: the separated levels' rows set aside.
    const keep = new Uint8Array(L);
    for (const c of estimable) keep[c] = 1;
    let m = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && keep[codes[i]] && p.y[i] <= 1) m++;
    const idx = new Uint32Array(m);
    for (let i = 0, k = 0; i < codes.length; i++) if (codes[i] >= 0 && keep[codes[i]] && p.y[i] <= 1) idx[k++] = i;
    fit = logitCategorical(codes, dictionary, p.y, idx);
    basis = 'non-separated';
    for (const c of separated) excludedRows += counts[2 * c] + counts[2 * c + 1];
  } else {
    fit = logitCategorical(codes, dictionary, p.y);
    basis = separated.size > 0 ? 'supremum' : 'all-levels';
  }
  const refCode = fit.reference === null ? -1 : dictionary.indexOf(fit.reference);
  const full =
    basis === 'non-separated'
      ? logitCategorical(codes, dictionary, p.y, undefined, refCode >= 0 ? { reference: refCode } : {})
      : fit;
  const levelCounts: LevelCount[] = present.map((c) => ({
    name: dictionary[c],
    n: counts[2 * c] + counts[2 * c + 1],
    anomalous: counts[2 * c + 1],
    separation: counts[2 * c] === 0 ? 'all-1' : counts[2 * c + 1] === 0 ? 'all-0' : 'none',
  }));
  levelCounts.sort((a, b) => b.n - a.n);
  return {
    kind: 'logit-flag',
    id,
    column: col.name,
    label: p.split,
    main: logitMain(fit),
    basis,
    fit,
    full,
    levels: levelCounts,
    excludedRows,
    ms: now() - t0,
  };
}

export function urgentPanel(p: Prepared): UrgentPanel | Unavailable {
  const t0 = now();
  const id: HypothesisId = 'logit-urgent';
  const col = panelColumn(p, id);
  if (!col) return missingColumn(id, 'urgent-packet count');
  if (col.kind !== 'numeric') {
    return unavailable('missing-column', `The urgent-packet column ${col.name} holds text, not counts.`, [col.name]);
  }
  const v = (col as NumericColumn).values;
  const n = v.length;
  const codes = new Int32Array(n);
  let hasNegative = false;
  const byValue = new Map<number, [number, number]>();
  const nonZero = [0, 0];
  const zero = [0, 0];
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x !== x) {
      codes[i] = -1;
      continue;
    }
    if (x < 0) hasNegative = true;
    codes[i] = x > 0 ? 1 : 0;
    const g = p.y[i];
    if (g > 1) continue;
    let e = byValue.get(x);
    if (!e) byValue.set(x, (e = [0, 0]));
    e[g]++;
    if (x > 0) nonZero[g]++;
    else zero[g]++;
  }
  const dictionary = [hasNegative ? `${col.name} ≤ 0` : `${col.name} = 0`, `${col.name} > 0`];
  const binary = logitCategorical(codes, dictionary, p.y, undefined, { reference: 0 });
  const count = logitNumeric(v, p.y, undefined, { name: col.name });
  const values: UrgentCount[] = [...byValue]
    .sort((a, b) => a[0] - b[0])
    .slice(0, MAX_URGENT_VALUES)
    .map(([value, [normal, anomalous]]) => ({ value, normal, anomalous }));
  const f = fisherExact(zero[0], zero[1], nonZero[0], nonZero[1]);
  return {
    kind: 'logit-urgent',
    id,
    column: col.name,
    label: p.split,
    main: logitMain(binary),
    binary,
    count,
    fisher: { pValue: f.pValue, oddsRatio: f.oddsRatio, table: [zero[0], zero[1], nonZero[0], nonZero[1]] },
    values,
    distinctValues: byValue.size,
    nonZero: { normal: nonZero[0], anomalous: nonZero[1] },
    ms: now() - t0,
  };
}

export function panel(p: Prepared, params: PanelParams): PanelResult {
  const id = params.id;
  let r: ReturnType<typeof volumePanel> | ReturnType<typeof chi2Panel> | ReturnType<typeof logitFlagPanel> | ReturnType<typeof urgentPanel>;
  switch (params.id) {
    case 'ttest-src_bytes':
    case 'ttest-dst_bytes':
      r = volumePanel(p, params.id);
      break;
    case 'chi2-protocol_type':
    case 'chi2-service':
      r = chi2Panel(p, params.id, params.mergeRare);
      break;
    case 'logit-flag':
      r = logitFlagPanel(p);
      break;
    case 'logit-urgent':
      r = urgentPanel(p);
      break;
  }
  return { ...r, id };
}

// ---------------------------------------------------------------------------------------------
// Every feature against the label

/**
 * log10 of Holm's adjusted p-values, in the ordering of the exact p (log10p): finite where the
 * adjusted p underflows. `log10(min(1, (m − k)·p))` running max, as holm() in src/lib/stats/hypo.
 */
export function log10Holm(log10p: Float64Array): Float64Array {
  const out = new Float64Array(log10p.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < log10p.length; i++) if (!Number.isNaN(log10p[i])) idx.push(i);
  idx.sort((a, b) => log10p[a] - log10p[b] || a - b);
  const m = idx.length;
  let running = -Infinity;
  for (let k = 0; k < m; k++) {
    const v = Math.min(0, Math.log10(m - k) + log10p[idx[k]]);
    if (v > running) running = v;
    out[idx[k]] = running;
  }
  return out;
}

/** log10 of Benjamini–Hochberg adjusted p-values: log10(min(1, min_{j ≥ i} m·p₍ⱼ₎/j)). */
export function log10BH(log10p: Float64Array): Float64Array {
  const out = new Float64Array(log10p.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < log10p.length; i++) if (!Number.isNaN(log10p[i])) idx.push(i);
  idx.sort((a, b) => log10p[a] - log10p[b] || a - b);
  const m = idx.length;
  const lm = Math.log10(m);
  let running = Infinity;
  for (let k = m - 1; k >= 0; k--) {
    const v = lm - Math.log10(k + 1) + log10p[idx[k]];
    if (v < running) running = v;
    out[idx[k]] = Math.min(0, running);
  }
  return out;
}

export function screen(p: Prepared): ScreenResult {
  const t0 = now();
  const skipped: { column: string; reason: string }[] = [{ column: p.labelColumn.name, reason: 'the label itself' }];
  const cols: ScreenColumn[] = [];
  for (const c of p.table.columns) {
    if (c === p.labelColumn) continue;
    const why = skipReason(p.schema, c.name);
    if (why !== null) skipped.push({ column: c.name, reason: why });
    else cols.push(c);
  }
  const rows = screenFeatures(cols, p.y);
  // The exact p-values are log10p; holm/benjaminiHochberg over pValue are what statsmodels gives.
  const lp = Float64Array.from(rows, (r) => (Number.isNaN(r.pValue) ? NaN : r.log10p));
  const lh = log10Holm(lp);
  const lb = log10BH(lp);
  const ph = holm(Float64Array.from(rows, (r) => r.pValue));
  const pb = benjaminiHochberg(Float64Array.from(rows, (r) => r.pValue));
  const entries: ScreenEntry[] = rows.map((r, i) => ({
    column: r.name,
    kind: cols[i].kind,
    test: r.test,
    statistic: r.statistic,
    df: r.df,
    pValue: r.pValue,
    log10p: r.log10p,
    pHolm: ph[i],
    pBH: pb[i],
    log10Holm: lh[i],
    log10BH: lb[i],
    effect: r.effect,
    effectName: r.effectName,
    warning: r.warning,
    panel: panelFor(p, r.name),
  }));
  const key = (e: ScreenEntry) => (Number.isNaN(e.log10p) ? Infinity : e.log10p);
  const mag = (e: ScreenEntry) => (Number.isNaN(e.effect) ? -1 : Math.abs(e.effect));
  entries.sort((a, b) => key(a) - key(b) || mag(b) - mag(a) || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  let family = 0;
  for (const e of entries) if (!Number.isNaN(e.pValue)) family++;
  return { kind: 'screen', label: p.split, rows: entries, family, skipped, ms: now() - t0 };
}

export function testColumn(p: Prepared, column: string): ColumnTestResult {
  const t0 = now();
  const col = p.table.columns.find((c) => c.name === column);
  if (!col) return unavailable('unknown-column', `There is no column named ${column}.`, [column]);
  if (col === p.labelColumn) return unavailable('unknown-column', `${column} is the label itself: choose another column.`, [column]);
  const panelId = panelFor(p, column);
  if (col.kind === 'numeric') {
    const welch = welchTTest(col.values, p.y);
    const r: NumericColumnTest = {
      kind: 'numeric',
      column,
      label: p.split,
      main: ttestMain(welch),
      welch,
      student: studentTTest(col.values, p.y),
      mannWhitney: mannWhitneyU(col.values, p.y),
      boxes: boxes(col.values, p),
      panel: panelId,
      ms: 0,
    };
    return { ...r, ms: now() - t0 };
  }
  const run = chi2Of({ codes: col.codes, dictionary: col.dictionary }, p.y, true);
  const merged = run.unmerged.lowExpectedShare > 0.2 ? run.merged : null;
  const r: CategoricalColumnTest = {
    kind: 'categorical',
    column,
    label: p.split,
    main: chi2Main(run.unmerged),
    chi2: run.unmerged,
    mergedChi2: merged?.summary ?? null,
    merged: merged?.levels ?? [],
    panel: panelId,
    ms: 0,
  };
  return { ...r, ms: now() - t0 };
}
