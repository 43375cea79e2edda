/**
 * Methods of the data worker's EDA module (issue 3). Every view is computed in the worker over
 * the typed columns and comes back small: statistics rows, histogram bins, contingency tables,
 * box statistics and at most `EDA_SCATTER_MAX` scatter points. Every method takes the same
 * filter; the worker turns it into a `Uint32Array` row index (DESIGN §3) and caches what the
 * views share (statistics, correlation matrices) per dataset version and filter.
 *
 * User strings (column names, category values) only ever travel as array elements or string
 * fields, never as object keys.
 */
import type { BoxStats } from '../src/lib/stats/outliers';

/** At most this many points are sent for the outlier scatter (a seeded sample). */
export const EDA_SCATTER_MAX = 20_000;

/** Rows whose `column` takes one of `values` (text of the category; a number's text for a numeric label). */
export interface EdaSelection {
  readonly column: string;
  readonly values: readonly string[];
}

/** All selections must hold (AND); within one selection any value (OR). No selection = all rows. */
export interface EdaFilter {
  readonly selections: readonly EdaSelection[];
}

export interface EdaParams {
  readonly filter: EdaFilter;
  /**
   * The asking view's request number (increasing). A request still queued in the worker when a
   * later one for the same method arrives is dropped (error code `superseded`), so a quick
   * series of filter changes does not queue a full recomputation per click. Omitted = never
   * dropped.
   */
  readonly generation?: number;
}

/** Fields every EDA result carries. */
export interface EdaBase {
  /** Rows after the filter. */
  readonly rows: number;
  /** Rows in the dataset. */
  readonly totalRows: number;
  /** Canonical text of the filter the result was computed for ('' = no filter). */
  readonly filterKey: string;
  /** Worker time spent on this call, in ms. */
  readonly ms: number;
}

/** Which part of a network record a filter column plays. */
export type EdaFilterRole = 'protocol' | 'service' | 'flag' | 'label';

export interface EdaFilterOption {
  readonly value: string;
  /** Rows with this value in the whole dataset. */
  readonly count: number;
  /** For the label: whether this is the normal value. */
  readonly normal: boolean;
}

export interface EdaFilterField {
  readonly role: EdaFilterRole;
  readonly column: string;
  /** Most frequent first, at most 500. */
  readonly options: readonly EdaFilterOption[];
  /** Values not listed in `options`. */
  readonly more: number;
}

export interface EdaFilterResult extends EdaBase {
  readonly fields: readonly EdaFilterField[];
}

export type EdaAlertKind =
  | 'constant'
  | 'high-cardinality'
  | 'zeros'
  | 'skewed'
  | 'infinite'
  | 'missing'
  | 'duplicates'
  | 'imbalance'
  | 'correlated';

/** A ydata-profiling-style warning: which columns, the figure behind it, and a sentence. */
export interface EdaAlert {
  readonly kind: EdaAlertKind;
  /** The column(s) concerned ([] for a whole-table alert such as duplicates). */
  readonly columns: readonly string[];
  /** The figure behind the alert (a count, a percentage, a coefficient — see `detail`). */
  readonly value: number;
  /** One sentence for the user, naming the column(s) and the figure. */
  readonly detail: string;
}

export interface EdaOverviewResult extends EdaBase {
  readonly columns: number;
  readonly numericColumns: number;
  readonly categoricalColumns: number;
  /** Missing cells over the filtered rows, and their share of all cells (0–100). */
  readonly missingCells: number;
  readonly missingPct: number;
  /** Rows repeating an earlier row in every column (pandas `duplicated().sum()`). */
  readonly duplicateRows: number;
  readonly infiniteValues: number;
  /** Bytes held by the typed columns (and dictionaries) of the whole dataset. */
  readonly memoryBytes: number;
  readonly labelColumn: string | null;
  /** Anomalous rows after the filter; null without a label / normal value. */
  readonly anomalies: number | null;
  readonly alerts: readonly EdaAlert[];
}

/** Rows of the statistics table: all filtered rows, or only the normal / anomalous ones. */
export type EdaGroupKey = 'all' | 'normal' | 'anomalous';

export interface EdaStatsParams extends EdaParams {
  readonly group: EdaGroupKey;
}

/** One column's statistics; NaN where a statistic does not apply or is undefined. */
export interface EdaStatRow {
  readonly column: string;
  readonly kind: 'numeric' | 'categorical';
  readonly count: number;
  readonly missing: number;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly max: number;
  readonly skew: number;
  readonly kurtosis: number;
  readonly zerosPct: number;
  readonly distinct: number;
  /** Most frequent category (categorical columns); null for numeric columns or no values. */
  readonly top: string | null;
  readonly topCount: number;
}

export interface EdaStatsResult extends EdaBase {
  readonly group: EdaGroupKey;
  /** Rows in the group (after the filter). */
  readonly groupRows: number;
  /** Groups that can be asked for ('normal'/'anomalous' only with a label). */
  readonly groups: readonly EdaGroupKey[];
  readonly stats: readonly EdaStatRow[];
  /** The same table as a danfojs DataFrame in the worker (index = column names). */
  readonly frame: { readonly rows: number; readonly cols: number; readonly columns: readonly string[] };
}

export interface EdaDistributionParams extends EdaParams {
  /** Numeric column for the histogram; null = the first numeric column. */
  readonly numeric: string | null;
  /** Categorical column for the bar chart; null = the first categorical column. */
  readonly categorical: string | null;
  /** Log-spaced bins (zeros counted apart); null = decide from the column (heavy-tailed, non-negative → log). */
  readonly log: boolean | null;
}

export interface EdaHistogram {
  readonly column: string;
  readonly edges: Float64Array;
  /** One series per group (one series without a label). */
  readonly counts: readonly Float64Array[];
  readonly zeros: Float64Array;
  /** Missing, infinite (and, in log mode, negative) values per group: not drawn. */
  readonly excluded: Float64Array;
  readonly log: boolean;
}

/** A contingency table of a categorical column (rows) by group (columns), row-major. */
export interface EdaCrossTab {
  readonly column: string;
  /** Row labels: the most frequent categories (and, when some were left out, a last row summing them). */
  readonly categories: readonly string[];
  readonly rows: number;
  readonly cols: number;
  readonly counts: Float64Array;
  /** Categories folded into the last row (0 = none folded). */
  readonly folded: number;
}

export interface EdaDistributionResult extends EdaBase {
  readonly numericColumns: readonly string[];
  readonly categoricalColumns: readonly string[];
  /** Names of the groups (normal, anomalous[, no label]); [] without a label = one series. */
  readonly groupNames: readonly string[];
  readonly histogram: EdaHistogram | null;
  readonly bars: EdaCrossTab | null;
}

export interface EdaClass {
  readonly value: string;
  readonly count: number;
  readonly normal: boolean;
}

export interface EdaClassesResult extends EdaBase {
  readonly labelColumn: string | null;
  /** A normal value is known (normal vs anomalous can be told). */
  readonly hasAnomaly: boolean;
  /** Classes present after the filter, largest first (at most 200). */
  readonly classes: readonly EdaClass[];
  /** Classes beyond the 200 listed. */
  readonly more: number;
  readonly normals: number;
  readonly anomalies: number;
  /** Rows with no label value. */
  readonly unlabelled: number;
}

export interface EdaBoxGroup {
  readonly name: string;
  readonly stats: BoxStats;
}

export interface EdaBoxColumn {
  readonly column: string;
  readonly groups: readonly EdaBoxGroup[];
}

export interface EdaHeatmap {
  readonly rowColumn: string;
  readonly colColumn: string;
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  readonly rows: number;
  readonly cols: number;
  readonly counts: Float64Array;
}

export interface EdaBreakdownResult extends EdaBase {
  /** True when the columns are not NSL-KDD's and stand-ins were picked. */
  readonly generic: boolean;
  /** How the columns were chosen, for the user (null for NSL-KDD's own columns). */
  readonly note: string | null;
  readonly groupNames: readonly string[];
  /** Stacked bars by label: protocol and service (or the lowest-cardinality categoricals). */
  readonly bars: readonly EdaCrossTab[];
  /** Connection status (`flag`) × label class, or a stand-in; null when impossible. */
  readonly heatmap: EdaHeatmap | null;
  /** Host-based features (`dst_host_*`), or the highest-variance numerics, by label. */
  readonly boxes: readonly EdaBoxColumn[];
  readonly boxNote: string;
}

export type EdaCorrelationMethod = 'pearson' | 'spearman';

export interface EdaCorrelationParams extends EdaParams {
  readonly method: EdaCorrelationMethod;
}

export interface EdaPair {
  readonly a: string;
  readonly b: string;
  readonly r: number;
}

export interface EdaAssociation {
  readonly column: string;
  /** Cramér's V with the label (NaN when undefined, e.g. one category left). */
  readonly v: number;
}

export interface EdaCorrelationResult extends EdaBase {
  readonly method: EdaCorrelationMethod;
  readonly columns: readonly string[];
  /** k × k, row-major. */
  readonly matrix: Float64Array;
  /** The 10 pairs with the largest |r|. */
  readonly top: readonly EdaPair[];
  /** What the categoricals are associated with: 'normal vs anomalous', the label column, or null. */
  readonly associationTarget: string | null;
  readonly association: readonly EdaAssociation[];
  /** Numeric columns left out of the matrix (beyond the first 80). */
  readonly omitted: number;
}

export interface EdaOutliersParams extends EdaParams {
  /** Scatter points wanted (at most `EDA_SCATTER_MAX`). */
  readonly maxPoints: number;
}

export interface EdaOutlierRow {
  readonly column: string;
  /** Non-missing values. */
  readonly count: number;
  readonly q1: number;
  readonly q3: number;
  readonly lowerFence: number;
  readonly upperFence: number;
  readonly iqrLow: number;
  readonly iqrHigh: number;
  readonly zLow: number;
  readonly zHigh: number;
}

export interface EdaScatter {
  readonly x: string;
  readonly y: string;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** Group id per point (0 normal, 1 anomalous, 2 no label); null without a label. */
  readonly groups: Uint8Array | null;
  /** Rows the points were sampled from. */
  readonly total: number;
  readonly seed: number;
  /** 'bytes': NSL-KDD-like byte counts; 'variance': the two highest-variance numerics. */
  readonly chosenBy: 'bytes' | 'variance';
}

export interface EdaOutliersResult extends EdaBase {
  readonly outliers: readonly EdaOutlierRow[];
  readonly groupNames: readonly string[];
  readonly scatter: EdaScatter | null;
}

export interface EdaTrafficParams extends EdaParams {
  /** Rows per window along the file order; null = chosen for about 150 windows. */
  readonly windowSize: number | null;
}

export interface EdaSeries {
  readonly name: string;
  readonly sums: Float64Array;
}

export interface EdaTrafficResult extends EdaBase {
  /** 'rows': windows of records in file order; 'time': equal spans of a time column. */
  readonly axis: 'rows' | 'time';
  readonly timeColumn: string | null;
  /** For `time`: whether x is epoch milliseconds (a date axis) or plain numbers. */
  readonly timeKind: 'epoch-ms' | 'number' | null;
  /** Rows per window ('rows' axis); 0 on a time axis. */
  readonly windowSize: number;
  /** Start of each window: a row number, or a time. */
  readonly starts: Float64Array;
  /** Rows in each window. */
  readonly counts: Float64Array;
  readonly series: readonly EdaSeries[];
  readonly chosenBy: 'bytes' | 'variance' | 'none';
  /** What was summed and along what, in words. */
  readonly note: string;
}

export type EdaMethods = {
  'eda.filter': { params: EdaParams; result: EdaFilterResult; progress: never };
  'eda.overview': { params: EdaParams; result: EdaOverviewResult; progress: never };
  'eda.stats': { params: EdaStatsParams; result: EdaStatsResult; progress: never };
  'eda.distribution': { params: EdaDistributionParams; result: EdaDistributionResult; progress: never };
  'eda.classes': { params: EdaParams; result: EdaClassesResult; progress: never };
  'eda.breakdown': { params: EdaParams; result: EdaBreakdownResult; progress: never };
  'eda.correlation': { params: EdaCorrelationParams; result: EdaCorrelationResult; progress: never };
  'eda.outliers': { params: EdaOutliersParams; result: EdaOutliersResult; progress: never };
  'eda.traffic': { params: EdaTrafficParams; result: EdaTrafficResult; progress: never };
};

export const EDA_METHODS = [
  'eda.filter',
  'eda.overview',
  'eda.stats',
  'eda.distribution',
  'eda.classes',
  'eda.breakdown',
  'eda.correlation',
  'eda.outliers',
  'eda.traffic',
] as const satisfies readonly (keyof EdaMethods)[];
