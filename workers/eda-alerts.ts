/**
 * ydata-profiling-style alerts for the overview: each names its column(s) and the figure behind
 * it, in one sentence. Pure: it reads statistics already computed for the statistics table.
 */
import type { Column } from '../src/lib/table/types';
import type { EdaAlert, EdaStatRow } from './protocol-eda';

/** ydata-profiling's defaults where it has one. */
export const ALERT_THRESHOLDS = {
  /** Categorical columns with more distinct values than this. */
  highCardinality: 50,
  /** Share of zeros (%) at or above which a numeric column is "mostly zeros". */
  zerosPct: 50,
  /** |skewness| above this. */
  skew: 20,
  /** |r| (Pearson) above this. */
  correlation: 0.9,
  /** 1 − H/log(k) of the label classes above this. */
  imbalance: 0.5,
  /** The smaller of normal / anomalous below this share (%). */
  minorityPct: 20,
} as const;

/** Statistics of one column over one group of rows, plus what the table does not show. */
export interface ColumnStats {
  readonly row: EdaStatRow;
  readonly infinite: number;
}

export interface AlertInput {
  readonly rows: number;
  readonly columns: readonly Column[];
  /** One per column, in table order. */
  readonly stats: readonly ColumnStats[];
  readonly duplicates: number;
  readonly label: {
    readonly column: string;
    /** Rows per label class (over the filter). */
    readonly classCounts: ArrayLike<number>;
    /** Normal / anomalous rows; null when no normal value is known. */
    readonly normal: number | null;
    readonly anomalous: number | null;
  } | null;
  /** Pairs whose |r| is above the threshold, strongest first. */
  readonly correlated: readonly { readonly a: string; readonly b: string; readonly r: number }[];
}

const intFmt = new Intl.NumberFormat('en-US');
export const fmtInt = (n: number): string => (Number.isFinite(n) ? intFmt.format(n) : String(n));
const fmtPct = (x: number): string => `${x >= 10 || x === 0 ? x.toFixed(1) : x.toPrecision(2)}%`;
const fmtNum = (x: number): string => (Number.isInteger(x) ? fmtInt(x) : Number(x.toPrecision(6)).toString());

/** ydata-profiling's imbalance score of a categorical distribution: 1 − H / log(k). */
export function imbalanceScore(counts: ArrayLike<number>): number {
  let n = 0;
  let k = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) {
      n += counts[i];
      k++;
    }
  }
  if (k < 2) return NaN;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) h -= (c / n) * Math.log(c / n);
  }
  return 1 - h / Math.log(k);
}

function countPositive(counts: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) k++;
  return k;
}

/** Alerts grouped by kind: whole-table ones first, then per column in table order, then pairs. */
export function buildAlerts(input: AlertInput): EdaAlert[] {
  const T = ALERT_THRESHOLDS;
  const { rows, stats, columns } = input;
  const out: EdaAlert[] = [];
  if (input.duplicates > 0) {
    out.push({
      kind: 'duplicates',
      columns: [],
      value: input.duplicates,
      detail: `${fmtInt(input.duplicates)} rows (${fmtPct((100 * input.duplicates) / rows)}) repeat an earlier row in every column.`,
    });
  }

  const label = input.label;
  if (label && rows > 0) {
    if (label.normal !== null && label.anomalous !== null) {
      const labelled = label.normal + label.anomalous;
      const minority = Math.min(label.normal, label.anomalous);
      if (labelled > 0 && (100 * minority) / labelled < T.minorityPct) {
        const which = label.anomalous < label.normal ? 'anomalous' : 'normal';
        out.push({
          kind: 'imbalance',
          columns: [label.column],
          value: (100 * minority) / labelled,
          detail: `${label.column}: only ${fmtPct((100 * minority) / labelled)} of the labelled rows are ${which} (${fmtInt(minority)} of ${fmtInt(labelled)}).`,
        });
      }
    }
    const score = imbalanceScore(label.classCounts);
    if (score > T.imbalance) {
      out.push({
        kind: 'imbalance',
        columns: [label.column],
        value: score,
        detail: `${label.column}: the classes are imbalanced (imbalance score ${score.toFixed(2)} = 1 − entropy / log(classes), over ${fmtInt(countPositive(label.classCounts))} classes).`,
      });
    }
  }

  const perColumn = (f: (c: Column, s: ColumnStats) => EdaAlert | null): void => {
    for (let j = 0; j < columns.length; j++) {
      const a = f(columns[j], stats[j]);
      if (a) out.push(a);
    }
  };
  perColumn((c, s) =>
    s.row.missing > 0
      ? {
          kind: 'missing',
          columns: [c.name],
          value: s.row.missing,
          detail: `${c.name} has ${fmtInt(s.row.missing)} missing values (${fmtPct((100 * s.row.missing) / rows)}).`,
        }
      : null,
  );
  perColumn((c, s) =>
    s.infinite > 0
      ? {
          kind: 'infinite',
          columns: [c.name],
          value: s.infinite,
          detail: `${c.name} has ${fmtInt(s.infinite)} infinite values (${fmtPct((100 * s.infinite) / rows)}).`,
        }
      : null,
  );
  perColumn((c, s) => {
    if (s.row.count === 0 || s.row.distinct !== 1) return null;
    const v = c.kind === 'numeric' ? fmtNum(s.row.min) : `"${s.row.top ?? ''}"`;
    return {
      kind: 'constant',
      columns: [c.name],
      value: 1,
      detail: `${c.name} is constant: every non-missing value is ${v} (${fmtInt(s.row.count)} rows).`,
    };
  });
  perColumn((c, s) =>
    c.kind === 'categorical' && s.row.distinct > T.highCardinality
      ? {
          kind: 'high-cardinality',
          columns: [c.name],
          value: s.row.distinct,
          detail: `${c.name} has a high cardinality: ${fmtInt(s.row.distinct)} distinct values.`,
        }
      : null,
  );
  perColumn((c, s) =>
    c.kind === 'numeric' && Math.abs(s.row.skew) > T.skew
      ? {
          kind: 'skewed',
          columns: [c.name],
          value: s.row.skew,
          detail: `${c.name} is highly skewed (skewness ${s.row.skew.toFixed(1)}).`,
        }
      : null,
  );
  perColumn((c, s) =>
    c.kind === 'numeric' && s.row.distinct > 1 && s.row.zerosPct >= T.zerosPct
      ? {
          kind: 'zeros',
          columns: [c.name],
          value: s.row.zerosPct,
          detail: `${c.name} is mostly zeros: ${fmtPct(s.row.zerosPct)} of its values.`,
        }
      : null,
  );
  for (const p of input.correlated) {
    out.push({
      kind: 'correlated',
      columns: [p.a, p.b],
      value: p.r,
      detail: `${p.a} is highly correlated with ${p.b} (Pearson r = ${p.r.toFixed(3)}).`,
    });
  }
  return out;
}
