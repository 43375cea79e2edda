/**
 * Methods of the data worker's hypothesis module (issue 4). Every result is small plain data
 * (typed arrays allowed): the statistics of one panel, never a column.
 *
 * The `main` test of each panel is what the `hypothesis-<id>` element exposes as
 * `data-statistic`, `data-df`, `data-p-value` (DESIGN §7).
 */
import type {
  AnovaResult,
  LogitResult,
  MannWhitneyResult,
  TTestResult,
} from '../src/lib/stats/hypo';
import type { BoxStats } from '../src/lib/stats/outliers';

/** The seed notebook's hypotheses, one panel each, in notebook order. */
export type HypothesisId =
  | 'ttest-src_bytes'
  | 'ttest-dst_bytes'
  | 'chi2-protocol_type'
  | 'chi2-service'
  | 'logit-flag'
  | 'logit-urgent';

export const HYPOTHESIS_IDS: readonly HypothesisId[] = [
  'ttest-src_bytes',
  'ttest-dst_bytes',
  'chi2-protocol_type',
  'chi2-service',
  'logit-flag',
  'logit-urgent',
];

/** The test a panel's hooks report (DESIGN §7), with log10 p (finite when p underflows to 0). */
export interface MainTest {
  /** In words, e.g. "Welch's t", "Pearson's χ²", "likelihood-ratio χ²". */
  readonly name: string;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly log10p: number;
}

/** How rows split by the label. */
export interface LabelSplit {
  readonly column: string;
  readonly normalValue: string;
  readonly normal: number;
  readonly anomalous: number;
  /** Rows whose label is missing: in neither group, left out of every test. */
  readonly missing: number;
}

export type UnavailableReason = 'no-label' | 'no-normal-value' | 'single-class' | 'missing-column' | 'unknown-column';

/** A panel (or column test) that cannot run on this data, and why, in words. */
export interface Unavailable {
  readonly kind: 'unavailable';
  readonly reason: UnavailableReason;
  readonly message: string;
  /** Column names that were looked for (missing-column). */
  readonly wanted: readonly string[];
}

/** Box-plot statistics of each label group. */
export interface GroupBoxes {
  readonly normal: BoxStats;
  readonly anomalous: BoxStats;
}

/** One-way ANOVA across the attack types (the label's classes, or an attack-category column). */
export interface AnovaByType {
  /** Column whose values define the groups. */
  readonly by: string;
  readonly result: AnovaResult;
  /** Group names, aligned with `result.groupN` / `result.groupMean`. */
  readonly groups: readonly string[];
}

/** Welch / Student t, ANOVA and box statistics of one scale of a byte column. */
export interface VolumeScale {
  readonly welch: TTestResult;
  readonly student: TTestResult;
  /** null when no attack-type column with ≥ 2 groups exists (reason in `anovaNote`). */
  readonly anova: AnovaByType | null;
  readonly anovaNote: string | null;
  readonly boxes: GroupBoxes;
}

export interface VolumePanel {
  readonly kind: 'volume';
  readonly id: HypothesisId;
  /** The column tested (may be an alias such as `sbytes` in UNSW-NB15). */
  readonly column: string;
  readonly label: LabelSplit;
  /** Welch's t on the raw values (the DESIGN §7 hook); the UI shows the scale chosen. */
  readonly main: MainTest;
  readonly raw: VolumeScale;
  /** null when the column has values below −1 (log1p undefined). */
  readonly log1p: VolumeScale | null;
  /** Scale-free (log1p is monotone): the same on both scales. */
  readonly mannWhitney: MannWhitneyResult;
  /** Share of zeros and skewness of each group: why the rank test is the trustworthy one. */
  readonly zeroShare: { readonly normal: number; readonly anomalous: number };
  readonly skewness: number;
  readonly ms: number;
}

/** A contingency table as shown: level × (normal, anomalous), largest levels first, bounded. */
export interface Chi2Table {
  readonly levels: readonly string[];
  /** Row-major, levels × 2. */
  readonly observed: Float64Array;
  readonly expected: Float64Array;
  /** Adjusted (standardized) residuals, ≈ N(0, 1) under independence. */
  readonly adjusted: Float64Array;
  /** Levels in the tested table (the display may show fewer). */
  readonly totalLevels: number;
}

/** Pearson's χ² of independence (SciPy `chi2_contingency`), without the per-cell arrays. */
export interface Chi2Summary {
  readonly statistic: number;
  readonly pearsonStatistic: number;
  readonly dof: number;
  readonly pValue: number;
  readonly log10p: number;
  readonly yates: boolean;
  readonly n: number;
  readonly nRows: number;
  readonly nCols: number;
  readonly cramersV: number;
  readonly minExpected: number;
  readonly lowExpectedShare: number;
  readonly lowExpectedCells: number;
  readonly warning: string | null;
  readonly table: Chi2Table;
}

export interface Chi2Panel {
  readonly kind: 'chi2';
  readonly id: HypothesisId;
  readonly column: string;
  readonly label: LabelSplit;
  readonly main: MainTest;
  /** The test on the table as requested (merged when `merged.length > 0`). */
  readonly chi2: Chi2Summary;
  /** Levels folded into one "other" row (empty when not merged or nothing to merge). */
  readonly merged: readonly string[];
  readonly mergeRequested: boolean;
  /** Share of expected counts < 5 in the unmerged table: the UI offers merging above 0.2. */
  readonly unmergedLowShare: number;
  /** How many rare levels merging would fold together (0 = merging changes nothing). */
  readonly mergeable: number;
  readonly ms: number;
}

/** A level of a categorical predictor: rows, anomalous rows, separation. */
export interface LevelCount {
  readonly name: string;
  readonly n: number;
  readonly anomalous: number;
  readonly separation: 'none' | 'all-0' | 'all-1';
}

export interface LogitFlagPanel {
  readonly kind: 'logit-flag';
  readonly id: HypothesisId;
  readonly column: string;
  readonly label: LabelSplit;
  /**
   * LR χ² against the intercept-only model of the model actually estimated: the rows of
   * separated levels (all normal or all anomalous, MLE at ±∞) are set aside, so df = the number
   * of non-reference levels estimated — as statsmodels fits it without them. When no
   * non-reference level would remain, the LR test of all rows at the supremum of the
   * log-likelihood (`basis: 'supremum'`).
   */
  readonly main: MainTest;
  readonly basis: 'non-separated' | 'supremum' | 'all-levels';
  /** The model behind `main`. */
  readonly fit: LogitResult;
  /** All rows, separated levels included (their coefficients NaN, LR at the supremum). */
  readonly full: LogitResult;
  /** Every level with rows, most frequent first. */
  readonly levels: readonly LevelCount[];
  /** Rows set aside with the separated levels. */
  readonly excludedRows: number;
  readonly ms: number;
}

/** Rows per value of `urgent` (bounded), by label. */
export interface UrgentCount {
  readonly value: number;
  readonly normal: number;
  readonly anomalous: number;
}

/** Fisher's exact test of a 2 × 2 table (two-sided, as `scipy.stats.fisher_exact`). */
export interface FisherResult {
  readonly pValue: number;
  readonly oddsRatio: number;
  /** [[a, b], [c, d]] row-major: rows = predictor (0, 1), columns = (normal, anomalous). */
  readonly table: readonly [number, number, number, number];
}

export interface UrgentPanel {
  readonly kind: 'logit-urgent';
  readonly id: HypothesisId;
  readonly column: string;
  readonly label: LabelSplit;
  /** LR χ² of anomaly ~ (urgent > 0), at the supremum under separation (df 1). */
  readonly main: MainTest;
  /** anomaly ~ (urgent > 0), as a two-level factor (reference "= 0"). */
  readonly binary: LogitResult;
  /** anomaly ~ urgent (numeric, IRLS). */
  readonly count: LogitResult;
  readonly fisher: FisherResult | null;
  /** Distinct values of urgent with their rows (at most 30, ascending). */
  readonly values: readonly UrgentCount[];
  readonly distinctValues: number;
  readonly nonZero: { readonly normal: number; readonly anomalous: number };
  readonly ms: number;
}

export type HypothesisPanel = VolumePanel | Chi2Panel | LogitFlagPanel | UrgentPanel;

/** What a panel call returns: the panel, or why it cannot run (with the id either way). */
export type PanelResult = (HypothesisPanel | Unavailable) & { readonly id: HypothesisId };

export type PanelParams =
  | { readonly id: 'ttest-src_bytes' | 'ttest-dst_bytes' }
  | { readonly id: 'chi2-protocol_type' | 'chi2-service'; readonly mergeRare: boolean }
  | { readonly id: 'logit-flag' }
  | { readonly id: 'logit-urgent' };

/** One row of "test every feature against the label", in rank order. */
export interface ScreenEntry {
  readonly column: string;
  readonly kind: 'numeric' | 'categorical';
  readonly test: 'welch' | 'chi2';
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly log10p: number;
  /** Holm / Benjamini–Hochberg adjusted p (statsmodels `multipletests`), NaN outside the family. */
  readonly pHolm: number;
  readonly pBH: number;
  /** Their log10 (finite when the adjusted p underflows). */
  readonly log10Holm: number;
  readonly log10BH: number;
  /** Hedges' g (welch) or Cramér's V (chi2). */
  readonly effect: number;
  readonly effectName: 'hedgesG' | 'cramersV';
  readonly warning: string | null;
  /** The dedicated panel testing this column, if any. */
  readonly panel: HypothesisId | null;
}

export interface ScreenResult {
  readonly kind: 'screen';
  readonly label: LabelSplit;
  readonly rows: readonly ScreenEntry[];
  /** Tests in the multiple-testing family (finite p-values). */
  readonly family: number;
  /** Columns not tested, and why (the label itself, label-derived columns). */
  readonly skipped: readonly { readonly column: string; readonly reason: string }[];
  readonly ms: number;
}

export interface NumericColumnTest {
  readonly kind: 'numeric';
  readonly column: string;
  readonly label: LabelSplit;
  /** Welch's t. */
  readonly main: MainTest;
  readonly welch: TTestResult;
  readonly student: TTestResult;
  readonly mannWhitney: MannWhitneyResult;
  readonly boxes: GroupBoxes;
  readonly panel: HypothesisId | null;
  readonly ms: number;
}

export interface CategoricalColumnTest {
  readonly kind: 'categorical';
  readonly column: string;
  readonly label: LabelSplit;
  /** Pearson's χ² of the full table. */
  readonly main: MainTest;
  readonly chi2: Chi2Summary;
  /** The same test with rare levels merged, when > 20 % of expected counts are < 5. */
  readonly mergedChi2: Chi2Summary | null;
  readonly merged: readonly string[];
  readonly panel: HypothesisId | null;
  readonly ms: number;
}

export type ColumnTestResult = NumericColumnTest | CategoricalColumnTest | Unavailable;

export type HypothesisMethods = {
  'hypotheses.panel': { params: PanelParams; result: PanelResult; progress: never };
  'hypotheses.screen': { params: Record<string, never>; result: ScreenResult | Unavailable; progress: never };
  'hypotheses.test': { params: { readonly column: string }; result: ColumnTestResult; progress: never };
};

export const HYPOTHESIS_METHODS = ['hypotheses.panel', 'hypotheses.screen', 'hypotheses.test'] as const satisfies readonly (keyof HypothesisMethods)[];
