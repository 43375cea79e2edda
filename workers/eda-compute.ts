/**
 * The EDA views, computed over the typed columns with `src/lib/stats` (no Danfo: its
 * `describe()` is quadratic, DESIGN §4). Pure: no worker globals, so it is unit-tested in Node.
 *
 * `EdaEngine` holds one dataset and caches, per filter, what several views share: the row
 * index, the statistics table (per group), the correlation matrices and the duplicate count.
 * A few filters are kept (the user toggles back and forth); a new dataset gets a new engine.
 *
 * What does not depend on the filter is worked out once per dataset, so that a filter change
 * costs linear passes, not sorts and hashes (126k rows: ~730 → ~150 ms for every view, Node):
 * each numeric column's sort order (quantiles, distinct counts, box plots, histogram bins of any
 * selection by one pass over it, `sortedSelection`) and the classes of equal rows (duplicates
 * of any selection, `duplicatesIn`). Every result is the same, bit for bit, as computing it
 * from the selection's rows directly (workers/eda-golden.test.ts).
 */
import type { CategoricalColumn, Column, NumericColumn, Table } from '../src/lib/table/types';
import { describeCategorical, describeSorted } from '../src/lib/stats/describe';
import { crossTab, duplicatesIn, rowClasses, valueCounts, type Codes, type Contingency, type RowClasses, type RowColumn } from '../src/lib/stats/counts';
import { pearsonMatrix, spearmanMatrix, topPairs, type CorrelatedPair, type SquareMatrix } from '../src/lib/stats/correlation';
import { histogram, histogramByGroup, windowSums } from '../src/lib/stats/histogram';
import { boxStatsSorted, outliersZMoments } from '../src/lib/stats/outliers';
import { countAboveSorted, countBelowSorted, presortColumn, sortedSelection, type PresortedColumn } from '../src/lib/stats/quantile';
import { cramersV } from '../src/lib/stats/association';
import { sampleIndex } from '../src/lib/charts/sample';
import {
  bytePair,
  filterKey,
  filterSelection,
  findRoleColumn,
  groupIndex,
  prepareEdaData,
  TIME_NAMES,
  type EdaData,
  type EdaLabel,
} from './eda-data';
import {
  EDA_SCATTER_MAX,
  type EdaAlert,
  type EdaBase,
  type EdaBoxColumn,
  type EdaBreakdownResult,
  type EdaClassesResult,
  type EdaCorrelationMethod,
  type EdaCorrelationResult,
  type EdaCrossTab,
  type EdaDistributionResult,
  type EdaFilter,
  type EdaFilterField,
  type EdaFilterResult,
  type EdaGroupKey,
  type EdaHeatmap,
  type EdaOutlierRow,
  type EdaOutliersResult,
  type EdaOverviewResult,
  type EdaStatsResult,
  type EdaTrafficResult,
} from './protocol-eda';
import { UserError } from './serve';
import { ALERT_THRESHOLDS, buildAlerts, fmtInt, type ColumnStats } from './eda-alerts';
import { sumByTime, timeAxisOf, type TimeAxis } from './eda-time';

export { ALERT_THRESHOLDS, imbalanceScore } from './eda-alerts';

/** Bounds that keep results small. */
const MAX_CORRELATION_COLUMNS = 80;
const MAX_BAR_ROWS = 200;
const MAX_CLASSES = 200;
const MAX_FILTER_OPTIONS = 500;
const MAX_BOX_COLUMNS = 10;
const GENERIC_BOX_COLUMNS = 6;
const BOX_OUTLIERS = 50;
const TIME_BINS = 150;
const TARGET_WINDOWS = 150;
const CACHED_FILTERS = 4;
export const SCATTER_SEED = 20_260_121;
/** Names of numeric columns that identify rather than measure (ids, row numbers, ports). */
const NOMINAL_NUMBER = /^(id|idx|index|row|rowid|no|#|sport|dsport|dport|srcport|dstport)$|(^|[\s_.-])(id|port)$/i;


interface FilterEntry {
  readonly key: string;
  readonly index: Uint32Array | undefined;
  /** 1 for the rows of the filter, 0 elsewhere; undefined = every row. */
  readonly member: Uint8Array | undefined;
  readonly rows: number;
  readonly groupIdx: Map<number, Uint32Array>;
  /** Label group + 1 for the rows of the filter, 0 elsewhere (made on first use). */
  groupMember: Uint8Array | null;
  readonly stats: Map<EdaGroupKey, ColumnStats[]>;
  readonly corr: Map<EdaCorrelationMethod, SquareMatrix>;
  duplicates: number | null;
}

/** A statistics row plus what the outlier view needs from the same sorted values. */
interface NumericStats extends ColumnStats {
  /** Values beyond Tukey's 1.5 IQR fences (below, above). */
  readonly iqrLow: number;
  readonly iqrHigh: number;
}

/** The statistics row of a numeric column from the selection's sorted non-missing values. */
function statRowNumeric(col: NumericColumn, x: Float64Array, n: number): NumericStats {
  const s = describeSorted(x, n);
  // Tukey's fences (numpy's linear quartiles, as outliersIQR); the values beyond them are
  // counted on the sorted values by binary search.
  const iqr = s.p75 - s.p25;
  const lowerFence = s.p25 - 1.5 * iqr;
  const upperFence = s.p75 + 1.5 * iqr;
  return {
    iqrLow: countBelowSorted(x, lowerFence),
    iqrHigh: countAboveSorted(x, upperFence),
    row: {
      column: col.name,
      kind: 'numeric',
      count: s.count,
      missing: s.missing,
      mean: s.mean,
      std: s.std,
      min: s.min,
      p25: s.p25,
      median: s.median,
      p75: s.p75,
      max: s.max,
      skew: s.skew,
      kurtosis: s.kurtosis,
      zerosPct: s.zerosPct,
      distinct: s.distinct,
      top: null,
      topCount: NaN,
    },
    infinite: s.infinite,
  };
}

function statRowCategorical(col: CategoricalColumn, index: Uint32Array | undefined): ColumnStats {
  const s = describeCategorical(col.codes, col.dictionary, index, { maxValues: 1 });
  return {
    row: {
      column: col.name,
      kind: 'categorical',
      count: s.count,
      missing: s.missing,
      mean: NaN,
      std: NaN,
      min: NaN,
      p25: NaN,
      median: NaN,
      p75: NaN,
      max: NaN,
      skew: NaN,
      kurtosis: NaN,
      zerosPct: NaN,
      distinct: s.distinct,
      top: s.top,
      topCount: s.top === null ? NaN : s.topCount,
    },
    infinite: 0,
  };
}

/** A round window size (1, 2, 5 × 10^k) giving at most about `target` windows. */
export function niceWindow(n: number, target = TARGET_WINDOWS): number {
  const raw = Math.max(1, n / target);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Rows of a contingency table ordered by total, the tail folded into one row. */
function compactCrossTab(column: string, dictionary: readonly string[], table: Contingency, maxRows = MAX_BAR_ROWS): EdaCrossTab {
  const totals = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) for (let c = 0; c < table.cols; c++) totals[r] += table.counts[r * table.cols + c];
  const order: number[] = [];
  for (let r = 0; r < table.rows; r++) if (totals[r] > 0) order.push(r);
  order.sort((a, b) => totals[b] - totals[a] || a - b);
  const kept = order.slice(0, maxRows);
  const rest = order.slice(maxRows);
  const rows = kept.length + (rest.length > 0 ? 1 : 0);
  const counts = new Float64Array(rows * table.cols);
  kept.forEach((r, i) => {
    for (let c = 0; c < table.cols; c++) counts[i * table.cols + c] = table.counts[r * table.cols + c];
  });
  for (const r of rest) {
    for (let c = 0; c < table.cols; c++) counts[kept.length * table.cols + c] += table.counts[r * table.cols + c];
  }
  const categories = kept.map((r) => dictionary[r] ?? `#${r}`);
  if (rest.length > 0) categories.push(`(${fmtInt(rest.length)} more values)`);
  return { column, categories, rows, cols: table.cols, counts, folded: rest.length };
}

export class EdaEngine {
  readonly data: EdaData;
  readonly #entries = new Map<string, FilterEntry>();
  /**
   * Filter-independent work, done once per dataset: each numeric column's sort order (by
   * position in the table's columns) and the classes of equal rows. A filter then costs linear
   * passes over them instead of a sort per column and a hash of every row.
   */
  readonly #presorted: (PresortedColumn | undefined)[] = [];
  #rowClasses: RowClasses | null = null;
  /** Scratch for the sorted values of one column over a selection (see #sorted). */
  #scratch: Float64Array | null = null;
  #filterFields: EdaFilterField[] | null = null;

  constructor(table: Table, label: EdaLabel) {
    this.data = prepareEdaData(table, label);
  }

  get table(): Table {
    return this.data.table;
  }

  /** The cache entry of a filter (computing its row index on first use). */
  entry(filter: EdaFilter): FilterEntry {
    const key = filterKey(filter);
    let e = this.#entries.get(key);
    if (e) {
      // most recently used last
      this.#entries.delete(key);
      this.#entries.set(key, e);
      return e;
    }
    const sel = filterSelection(this.data, filter);
    e = {
      key,
      index: sel?.index,
      member: sel?.member,
      rows: sel ? sel.index.length : this.table.nRows,
      groupIdx: new Map(),
      groupMember: null,
      stats: new Map(),
      corr: new Map(),
      duplicates: null,
    };
    this.#entries.set(key, e);
    while (this.#entries.size > CACHED_FILTERS) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return e;
  }

  #base(e: FilterEntry, t0: number): EdaBase {
    return { rows: e.rows, totalRows: this.table.nRows, filterKey: e.key, ms: performance.now() - t0 };
  }

  #groupIdx(e: FilterEntry, g: number): Uint32Array {
    const groups = this.data.groups;
    if (!groups) throw new UserError('This dataset has no label telling normal from anomalous rows.', 'no-label');
    let idx = e.groupIdx.get(g);
    if (!idx) {
      idx = groupIndex(groups, g, e.index);
      e.groupIdx.set(g, idx);
    }
    return idx;
  }

  #stats(e: FilterEntry, group: EdaGroupKey): ColumnStats[] {
    let s = e.stats.get(group);
    if (!s) {
      const g = group === 'all' ? null : group === 'normal' ? 0 : 1;
      const index = g === null ? e.index : this.#groupIdx(e, g);
      const n = index ? index.length : this.table.nRows;
      s = this.table.columns.map((c, j) => (c.kind === 'numeric' ? statRowNumeric(c, this.#sorted(e, j, g), n) : statRowCategorical(c, index)));
      e.stats.set(group, s);
    }
    return s;
  }

  /** The sort order of the numeric column at position j (made on first use, kept for the dataset). */
  #presort(j: number): PresortedColumn {
    let p = this.#presorted[j];
    if (!p) {
      const col = this.table.columns[j];
      if (col.kind !== 'numeric') throw new Error(`column ${j} is not numeric`);
      p = presortColumn(col.values);
      this.#presorted[j] = p;
    }
    return p;
  }

  /**
   * The sorted non-missing values of the numeric column at position j over the filter (and,
   * when `g` is given, its label group g) — the array `sortedNonMissing` gives, bit for bit,
   * from one pass over the column's sort order instead of a sort. The result is a view of a
   * scratch buffer, valid until the next call: use it at once (every caller here does).
   */
  #sorted(e: FilterEntry, j: number, g: number | null): Float64Array {
    const p = this.#presort(j);
    this.#scratch ??= new Float64Array(this.table.nRows);
    if (g === null) return sortedSelection(p, e.member ?? null, 1, e.rows, this.#scratch);
    const size = this.#groupIdx(e, g).length;
    return sortedSelection(p, this.#groupMember(e), g + 1, size, this.#scratch);
  }

  /** Label group + 1 for the filter's rows, 0 elsewhere. */
  #groupMember(e: FilterEntry): Uint8Array {
    const groups = this.data.groups;
    if (!groups) throw new UserError('This dataset has no label telling normal from anomalous rows.', 'no-label');
    if (!e.groupMember) {
      const m = new Uint8Array(groups.length);
      const member = e.member;
      for (let r = 0; r < m.length; r++) if (!member || member[r]) m[r] = groups[r] + 1;
      e.groupMember = m;
    }
    return e.groupMember;
  }

  /**
   * Does a slice of the filter-independent work ahead of time (the worker calls it when idle),
   * so that the first filter change finds it done. Returns whether work remains.
   */
  warmUp(budgetMs = 8): boolean {
    const t0 = performance.now();
    const cols = this.table.columns;
    for (let j = 0; j < cols.length; j++) {
      if (cols[j].kind !== 'numeric' || this.#presorted[j]) continue;
      if (performance.now() - t0 > budgetMs) return true;
      this.#presort(j);
    }
    if (!this.#rowClasses) {
      if (performance.now() - t0 > budgetMs) return true;
      this.#classes();
    }
    return false;
  }

  #classes(): RowClasses {
    if (!this.#rowClasses) {
      const cols: RowColumn[] = this.table.columns.map((c) => (c.kind === 'numeric' ? c.values : c.codes));
      // the numeric columns' sort orders (made anyway for the statistics) let the row hash skip zeros
      this.#rowClasses = rowClasses(cols, this.table.columns.map((c, j) => (c.kind === 'numeric' ? this.#presort(j) : undefined)));
    }
    return this.#rowClasses;
  }

  /** Position of a column in the table. */
  #position(col: Column): number {
    return this.table.columns.indexOf(col);
  }

  /** Numeric columns in the correlation matrix. */
  #corrColumns(): NumericColumn[] {
    return this.data.numeric.slice(0, MAX_CORRELATION_COLUMNS);
  }

  #corr(e: FilterEntry, method: EdaCorrelationMethod): SquareMatrix {
    let m = e.corr.get(method);
    if (!m) {
      const index = e.index;
      const cols = this.#corrColumns().map((c) => c.values);
      // Pearson centres straight from the filter's rows; Spearman ranks gathered copies.
      m = method === 'pearson' ? pearsonMatrix(cols, index) : spearmanMatrix(index ? cols.map((c) => gather(c, index)) : cols);
      e.corr.set(method, m);
    }
    return m;
  }

  #duplicates(e: FilterEntry): number {
    if (e.duplicates === null) e.duplicates = duplicatesIn(this.#classes(), e.index);
    return e.duplicates;
  }

  /**
   * Numeric columns by decreasing variance over the filter, for the views that need stand-ins
   * for NSL-KDD's columns. Constant and all-missing columns are left out, and so are
   * identifiers and port numbers (numbers that name things: their variance means nothing).
   */
  #byVariance(e: FilterEntry, exclude: ReadonlySet<Column> = new Set()): NumericColumn[] {
    const stats = this.#stats(e, 'all');
    const withVar: { col: NumericColumn; v: number }[] = [];
    this.table.columns.forEach((c, j) => {
      if (c.kind !== 'numeric' || exclude.has(c) || NOMINAL_NUMBER.test(c.name.trim())) return;
      const sd = stats[j].row.std;
      if (sd > 0 && Number.isFinite(sd)) withVar.push({ col: c, v: sd });
    });
    withVar.sort((a, b) => b.v - a.v);
    return withVar.map((x) => x.col);
  }

  /** Contingency of a categorical column by label group (or one column of counts without a label). */
  #byGroup(col: CategoricalColumn, e: FilterEntry): EdaCrossTab {
    const k = col.dictionary.length;
    const groups = this.data.groups;
    const table: Contingency = groups
      ? crossTab(col.codes, k, groups, this.data.groupNames.length, e.index)
      : { rows: k, cols: 1, counts: valueCounts(col.codes, k, e.index) };
    return compactCrossTab(col.name, col.dictionary, table);
  }

  // ── views ────────────────────────────────────────────────────────────────────────────────

  filterInfo(filter: EdaFilter): EdaFilterResult {
    const t0 = performance.now();
    const e = this.entry(filter);
    return { ...this.#base(e, t0), fields: this.#fields() };
  }

  /** The filter's fields and options: counts over the whole dataset, so worked out once. */
  #fields(): EdaFilterField[] {
    if (this.#filterFields) return this.#filterFields;
    const fields: EdaFilterField[] = [];
    for (const role of ['protocol', 'service', 'flag', 'label'] as const) {
      const col = this.data.roles.get(role);
      if (!col) continue;
      let codes: Codes;
      let values: readonly string[];
      let normal: readonly boolean[] = [];
      if (role === 'label' && this.data.labelCodes) {
        codes = this.data.labelCodes.codes;
        values = this.data.labelCodes.values;
        normal = this.data.labelCodes.normal;
      } else if (col.kind === 'categorical') {
        codes = col.codes;
        values = col.dictionary;
      } else continue;
      const counts = valueCounts(codes, values.length);
      const order: number[] = [];
      for (let c = 0; c < values.length; c++) if (counts[c] > 0) order.push(c);
      order.sort((a, b) => counts[b] - counts[a] || a - b);
      const shown = order.slice(0, MAX_FILTER_OPTIONS);
      fields.push({
        role,
        column: col.name,
        options: shown.map((c) => ({ value: values[c], count: counts[c], normal: normal[c] ?? false })),
        more: order.length - shown.length,
      });
    }
    this.#filterFields = fields;
    return fields;
  }

  overview(filter: EdaFilter): EdaOverviewResult {
    const t0 = performance.now();
    const e = this.entry(filter);
    const stats = this.#stats(e, 'all');
    const cols = this.table.columns;
    let missingCells = 0;
    let infinite = 0;
    let memory = 0;
    for (let j = 0; j < cols.length; j++) {
      missingCells += stats[j].row.missing;
      infinite += stats[j].infinite;
      const c = cols[j];
      if (c.kind === 'numeric') memory += c.values.byteLength;
      else {
        memory += c.codes.byteLength;
        for (const s of c.dictionary) memory += 2 * s.length + 16;
      }
    }
    const cells = e.rows * cols.length;
    const duplicates = this.#duplicates(e);
    const anomalies = this.data.groups ? this.#groupIdx(e, 1).length : null;
    return {
      ...this.#base(e, t0),
      columns: cols.length,
      numericColumns: this.data.numeric.length,
      categoricalColumns: this.data.categorical.length,
      missingCells,
      missingPct: cells > 0 ? (100 * missingCells) / cells : 0,
      duplicateRows: duplicates,
      infiniteValues: infinite,
      memoryBytes: memory,
      labelColumn: this.data.label.column,
      anomalies,
      alerts: this.#alerts(e, stats, duplicates),
      ms: performance.now() - t0,
    };
  }

  #alerts(e: FilterEntry, stats: ColumnStats[], duplicates: number): EdaAlert[] {
    const lc = this.data.labelCodes;
    const groups = this.data.groups;
    let correlated: CorrelatedPair[] = [];
    if (e.rows > 1 && this.data.numeric.length > 1) {
      const names = this.#corrColumns().map((c) => c.name);
      correlated = topPairs(this.#corr(e, 'pearson'), names, names.length * names.length).filter((p) => Math.abs(p.r) > ALERT_THRESHOLDS.correlation);
    }
    return buildAlerts({
      rows: e.rows,
      columns: this.table.columns,
      stats,
      duplicates,
      label: lc
        ? {
            column: lc.column.name,
            classCounts: valueCounts(lc.codes, lc.values.length, e.index),
            normal: groups ? this.#groupIdx(e, 0).length : null,
            anomalous: groups ? this.#groupIdx(e, 1).length : null,
          }
        : null,
      correlated,
    });
  }

  stats(filter: EdaFilter, group: EdaGroupKey): EdaStatsResult {
    const t0 = performance.now();
    const e = this.entry(filter);
    const stats = this.#stats(e, group);
    const groupRows = group === 'all' ? e.rows : this.#groupIdx(e, group === 'normal' ? 0 : 1).length;
    return {
      ...this.#base(e, t0),
      group,
      groupRows,
      groups: this.data.groups ? ['all', 'normal', 'anomalous'] : ['all'],
      stats: stats.map((s) => s.row),
      frame: { rows: 0, cols: 0, columns: [] },
      ms: performance.now() - t0,
    };
  }

  distribution(filter: EdaFilter, numeric: string | null, categorical: string | null, logWanted: boolean | null): EdaDistributionResult {
    const t0 = performance.now();
    const e = this.entry(filter);
    const numCol = numeric === null ? this.data.numeric[0] : this.data.byName(numeric);
    const catCol = categorical === null ? this.data.categorical[0] : this.data.byName(categorical);
    if (numeric !== null && numCol?.kind !== 'numeric') throw new UserError(`There is no numeric column "${numeric}".`, 'unknown-column');
    if (categorical !== null && catCol?.kind !== 'categorical') throw new UserError(`There is no categorical column "${categorical}".`, 'unknown-column');
    let hist: EdaDistributionResult['histogram'] = null;
    if (numCol && numCol.kind === 'numeric') {
      const log = logWanted ?? this.#heavyTailed(e, numCol);
      const groups = this.data.groups;
      if (groups) {
        const sorted = this.#sorted(e, this.#position(numCol), null);
        const h = histogramByGroup(numCol.values, groups, { index: e.index, sorted, log, nGroups: this.data.groupNames.length });
        hist = { column: numCol.name, edges: h.edges, counts: h.counts, zeros: h.zeros, excluded: h.excluded, log };
      } else {
        const h = histogram(numCol.values, { index: e.index, sorted: this.#sorted(e, this.#position(numCol), null), log });
        hist = { column: numCol.name, edges: h.edges, counts: [h.counts], zeros: Float64Array.of(h.zeros), excluded: Float64Array.of(h.excluded), log };
      }
    }
    const bars = catCol && catCol.kind === 'categorical' ? this.#byGroup(catCol, e) : null;
    return {
      ...this.#base(e, t0),
      numericColumns: this.data.numeric.map((c) => c.name),
      categoricalColumns: this.data.categorical.map((c) => c.name),
      groupNames: this.data.groupNames,
      histogram: hist,
      bars,
      ms: performance.now() - t0,
    };
  }

  /** Non-negative with a long right tail (e.g. bytes, durations): log-spaced bins show it better. */
  #heavyTailed(e: FilterEntry, col: NumericColumn): boolean {
    const cached = e.stats.get('all');
    const j = this.#position(col);
    const s = cached ? cached[j].row : statRowNumeric(col, this.#sorted(e, j, null), e.rows).row;
    return s.min >= 0 && s.skew > 3 && s.max >= 100 * Math.max(s.p75, 1);
  }

  classes(filter: EdaFilter): EdaClassesResult {
    const t0 = performance.now();
    const e = this.entry(filter);
    const lc = this.data.labelCodes;
    if (!lc) {
      return { ...this.#base(e, t0), labelColumn: null, hasAnomaly: false, classes: [], more: 0, normals: 0, anomalies: 0, unlabelled: e.rows };
    }
    const counts = valueCounts(lc.codes, lc.values.length, e.index);
    const order: number[] = [];
    let labelled = 0;
    let normals = 0;
    for (let c = 0; c < counts.length; c++) {
      if (counts[c] > 0) order.push(c);
      labelled += counts[c];
      if (lc.normal[c]) normals += counts[c];
    }
    order.sort((a, b) => counts[b] - counts[a] || a - b);
    const hasAnomaly = this.data.groups !== null;
    const shown = order.slice(0, MAX_CLASSES);
    return {
      ...this.#base(e, t0),
      labelColumn: lc.column.name,
      hasAnomaly,
      classes: shown.map((c) => ({ value: lc.values[c], count: counts[c], normal: lc.normal[c] })),
      more: order.length - shown.length,
      normals: hasAnomaly ? normals : 0,
      anomalies: hasAnomaly ? labelled - normals : 0,
      unlabelled: e.rows - labelled,
      ms: performance.now() - t0,
    };
  }

  breakdown(filter: EdaFilter): EdaBreakdownResult {
    const t0 = performance.now();
    const e = this.entry(filter);
    const d = this.data;
    const labelCol = d.labelCodes?.column;
    // Categoricals other than the label, lowest cardinality first (at least two values): only
    // needed when NSL-KDD's columns are missing, so counted only then.
    let lowCardCache: CategoricalColumn[] | null = null;
    const lowCard = (): CategoricalColumn[] => {
      if (!lowCardCache) {
        const distinct: [CategoricalColumn, number][] = [];
        for (const c of d.categorical) {
          if (c === labelCol) continue;
          const counts = valueCounts(c.codes, c.dictionary.length, e.index);
          let k = 0;
          for (let i = 0; i < counts.length; i++) if (counts[i] > 0) k++;
          if (k >= 2) distinct.push([c, k]);
        }
        lowCardCache = distinct.sort((a, b) => a[1] - b[1]).map(([c]) => c);
      }
      return lowCardCache;
    };

    const notes: string[] = [];
    let barCols = (['protocol', 'service'] as const).map((r) => d.roles.get(r)).filter((c): c is CategoricalColumn => c?.kind === 'categorical');
    const generic = barCols.length === 0 || !d.roles.has('flag');
    if (barCols.length === 0) {
      barCols = lowCard().slice(0, 2);
      if (barCols.length > 0) notes.push(`No protocol/service columns: showing the lowest-cardinality categorical columns (${barCols.map((c) => c.name).join(', ')}).`);
      else notes.push('No categorical columns besides the label: nothing to break down.');
    }
    const bars = barCols.map((c) => this.#byGroup(c, e));

    // Connection status × label.
    let heatmap: EdaHeatmap | null = null;
    let rowCol: CategoricalColumn | undefined = d.roles.get('flag') as CategoricalColumn | undefined;
    if (!rowCol) {
      rowCol = lowCard().find((c) => !barCols.includes(c)) ?? lowCard()[0];
      if (rowCol) notes.push(`No flag (connection status) column: the heatmap shows ${rowCol.name} instead.`);
    }
    if (rowCol) {
      const k = rowCol.dictionary.length;
      if (d.groups) {
        const nG = d.groupNames.length;
        const ct = compactCrossTab(rowCol.name, rowCol.dictionary, crossTab(rowCol.codes, k, d.groups, nG, e.index), 40);
        heatmap = { rowColumn: rowCol.name, colColumn: 'label', rowLabels: ct.categories, colLabels: d.groupNames, rows: ct.rows, cols: ct.cols, counts: ct.counts };
      } else {
        const other = d.labelCodes
          ? { name: d.labelCodes.column.name, codes: d.labelCodes.codes, values: d.labelCodes.values }
          : (() => {
              const o = lowCard().find((c) => c !== rowCol);
              return o ? { name: o.name, codes: o.codes, values: o.dictionary } : null;
            })();
        if (other) {
          const ct = crossTab(rowCol.codes, k, other.codes, other.values.length, e.index);
          // Keep the 20 largest columns so the heatmap stays readable.
          const colTotals = new Float64Array(ct.cols);
          for (let r = 0; r < ct.rows; r++) for (let c = 0; c < ct.cols; c++) colTotals[c] += ct.counts[r * ct.cols + c];
          const keepCols: number[] = [];
          for (let c = 0; c < ct.cols; c++) if (colTotals[c] > 0) keepCols.push(c);
          keepCols.sort((a, b) => colTotals[b] - colTotals[a] || a - b);
          const cols = keepCols.slice(0, 20);
          const sub: Contingency = {
            rows: ct.rows,
            cols: cols.length,
            counts: Float64Array.from({ length: ct.rows * cols.length }, (_, i) => ct.counts[Math.floor(i / cols.length) * ct.cols + cols[i % cols.length]]),
          };
          const compact = compactCrossTab(rowCol.name, rowCol.dictionary, sub, 40);
          heatmap = {
            rowColumn: rowCol.name,
            colColumn: other.name,
            rowLabels: compact.categories,
            colLabels: cols.map((c) => other.values[c]),
            rows: compact.rows,
            cols: compact.cols,
            counts: compact.counts,
          };
          if (!d.labelCodes) notes.push(`No label: the heatmap crosses ${rowCol.name} with ${other.name}.`);
        }
      }
    }

    // Host-based features, or the highest-variance numerics.
    let boxCols = d.numeric.filter((c) => c.name.toLowerCase().startsWith('dst_host_')).slice(0, MAX_BOX_COLUMNS);
    let boxNote = 'Host-based features (dst_host_*): quartiles and 1.5 IQR whiskers by label; outliers are a bounded sample.';
    if (boxCols.length === 0) {
      boxCols = this.#byVariance(e, new Set(labelCol ? [labelCol] : [])).slice(0, GENERIC_BOX_COLUMNS);
      boxNote = `No dst_host_* columns: showing the ${boxCols.length} highest-variance numeric columns (variance on the raw scale, so large-valued columns come first).`;
    }
    const groupSets: { name: string; g: number | null }[] = d.groups ? d.groupNames.map((name, g) => ({ name, g })) : [{ name: 'all rows', g: null }];
    const boxes: EdaBoxColumn[] = boxCols.map((c) => ({
      column: c.name,
      groups: groupSets.map(({ name, g }) => ({ name, stats: boxStatsSorted(this.#sorted(e, this.#position(c), g), { maxOutliers: BOX_OUTLIERS }) })),
    }));
    return {
      ...this.#base(e, t0),
      generic,
      note: notes.length > 0 ? notes.join(' ') : null,
      groupNames: d.groupNames,
      bars,
      heatmap,
      boxes,
      boxNote,
      ms: performance.now() - t0,
    };
  }

  correlation(filter: EdaFilter, method: EdaCorrelationMethod): EdaCorrelationResult {
    const t0 = performance.now();
    const e = this.entry(filter);
    const cols = this.#corrColumns();
    const names = cols.map((c) => c.name);
    const matrix = this.#corr(e, method);
    const top = topPairs(matrix, names, 10).map((p) => ({ a: p.a, b: p.b, r: p.r }));
    const d = this.data;
    let target: { codes: Codes; k: number; name: string } | null = null;
    if (d.groups) target = { codes: d.groups, k: 2, name: 'normal vs anomalous' };
    else if (d.labelCodes) target = { codes: d.labelCodes.codes, k: d.labelCodes.values.length, name: d.labelCodes.column.name };
    const association = target
      ? d.categorical
          .filter((c) => c !== d.labelCodes?.column)
          .map((c) => ({ column: c.name, v: cramersV(crossTab(c.codes, c.dictionary.length, target.codes, target.k, e.index)) }))
          .sort((a, b) => (Number.isNaN(a.v) ? 1 : Number.isNaN(b.v) ? -1 : b.v - a.v))
      : [];
    return {
      ...this.#base(e, t0),
      method,
      columns: names,
      matrix: matrix.values,
      top,
      associationTarget: target ? target.name : null,
      association,
      omitted: d.numeric.length - cols.length,
      ms: performance.now() - t0,
    };
  }

  outliers(filter: EdaFilter, maxPoints: number = EDA_SCATTER_MAX): EdaOutliersResult {
    const t0 = performance.now();
    const e = this.entry(filter);
    const stats = this.#stats(e, 'all');
    const rows: EdaOutlierRow[] = [];
    this.table.columns.forEach((c, j) => {
      if (c.kind !== 'numeric') return;
      const st = stats[j] as NumericStats;
      const s = st.row;
      // Tukey's fences from the quartiles of the statistics table (numpy's linear rule, as
      // outliersIQR); the values beyond them were counted with the statistics.
      const iqr = s.p75 - s.p25;
      const lowerFence = s.p25 - 1.5 * iqr;
      const upperFence = s.p75 + 1.5 * iqr;
      // The z-scores from the mean and std of the statistics table (summed in sorted order),
      // which saves two passes over the column in row order.
      const z = outliersZMoments(this.#sorted(e, j, null), s.mean, s.std, 3);
      rows.push({ column: c.name, count: s.count, q1: s.p25, q3: s.p75, lowerFence, upperFence, iqrLow: st.iqrLow, iqrHigh: st.iqrHigh, zLow: z.below, zHigh: z.above });
    });
    return { ...this.#base(e, t0), outliers: rows, groupNames: this.data.groupNames, scatter: this.#scatter(e, maxPoints), ms: performance.now() - t0 };
  }

  #scatter(e: FilterEntry, maxPoints: number): EdaOutliersResult['scatter'] {
    const pair = bytePair(this.data);
    let x: NumericColumn;
    let y: NumericColumn;
    let chosenBy: 'bytes' | 'variance';
    if (pair) {
      [x, y] = pair;
      chosenBy = 'bytes';
    } else {
      const labelCol = this.data.labelCodes?.column;
      const top = this.#byVariance(e, new Set(labelCol ? [labelCol] : []));
      if (top.length < 2) return null;
      [x, y] = top;
      chosenBy = 'variance';
    }
    const pick = sampleIndex(e.rows, Math.min(EDA_SCATTER_MAX, maxPoints), SCATTER_SEED);
    const m = pick.length;
    const xs = new Float64Array(m);
    const ys = new Float64Array(m);
    const groups = this.data.groups ? new Uint8Array(m) : null;
    for (let i = 0; i < m; i++) {
      const r = e.index ? e.index[pick[i]] : pick[i];
      xs[i] = x.values[r];
      ys[i] = y.values[r];
      if (groups && this.data.groups) groups[i] = this.data.groups[r];
    }
    return { x: x.name, y: y.name, xs, ys, groups, total: e.rows, seed: SCATTER_SEED, chosenBy };
  }

  traffic(filter: EdaFilter, windowSize: number | null): EdaTrafficResult {
    const t0 = performance.now();
    const e = this.entry(filter);
    const labelCol = this.data.labelCodes?.column;
    const pair = bytePair(this.data);
    let seriesCols: NumericColumn[];
    let chosenBy: EdaTrafficResult['chosenBy'];
    if (pair) {
      seriesCols = pair;
      chosenBy = 'bytes';
    } else {
      const time = findRoleColumn(this.data, TIME_NAMES);
      seriesCols = this.#byVariance(e, new Set([...(labelCol ? [labelCol] : []), ...(time ? [time] : [])])).slice(0, 2);
      chosenBy = seriesCols.length > 0 ? 'variance' : 'none';
    }
    const what =
      chosenBy === 'bytes'
        ? `sums of ${seriesCols.map((c) => c.name).join(' and ')}`
        : chosenBy === 'variance'
          ? `sums of the highest-variance numeric columns (${seriesCols.map((c) => c.name).join(', ')}), as there are no byte-count columns`
          : 'row counts only (no numeric columns)';

    const time = this.#timeAxis();
    const binned = time ? sumByTime(time.t, e.index, this.table.nRows, seriesCols, TIME_BINS) : null;
    if (time && binned) {
      return {
        ...this.#base(e, t0),
        axis: 'time',
        timeColumn: time.column,
        timeKind: time.kind,
        windowSize: 0,
        starts: binned.starts,
        counts: binned.counts,
        series: seriesCols.map((c, s) => ({ name: c.name, sums: binned.sums[s] })),
        chosenBy,
        note: `${capitalise(what)} over ${binned.starts.length} equal spans of ${time.column}${binned.untimed > 0 ? `; ${fmtInt(binned.untimed)} rows without a time are left out` : ''}.`,
        ms: performance.now() - t0,
      };
    }

    const w = windowSize !== null && windowSize >= 1 ? Math.floor(windowSize) : niceWindow(e.rows);
    const nWindows = Math.ceil(e.rows / w);
    const series = seriesCols.map((c) => ({ name: c.name, sums: windowSums(c.values, w, e.index).sums }));
    const counts = Float64Array.from({ length: nWindows }, (_, k) => Math.min(w, e.rows - k * w));
    return {
      ...this.#base(e, t0),
      axis: 'rows',
      timeColumn: null,
      timeKind: null,
      windowSize: w,
      starts: Float64Array.from({ length: nWindows }, (_, k) => k * w),
      counts,
      series,
      chosenBy,
      note: `${capitalise(what)} per ${fmtInt(w)} records in file order${e.key ? ' (filtered rows)' : ''}: the data has no time column.`,
      ms: performance.now() - t0,
    };
  }

  #time: TimeAxis | null | undefined;

  /** The detected time column as a number per row, or null (worked out once per dataset). */
  #timeAxis(): TimeAxis | null {
    if (this.#time === undefined) this.#time = timeAxisOf(findRoleColumn(this.data, TIME_NAMES), this.table.nRows);
    return this.#time;
  }
}

function gather(values: Float64Array, index: Uint32Array): Float64Array {
  const out = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = values[index[i]];
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
