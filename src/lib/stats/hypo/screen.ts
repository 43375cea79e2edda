/**
 * "Test every feature against the label": Welch's t for numeric columns, Pearson's χ² of
 * level × label for categorical ones, then Holm and Benjamini–Hochberg adjusted p-values over
 * the family of non-degenerate tests. One row per input column, in input order.
 *
 * Columns are taken structurally, so `Column` from src/lib/table/types.ts fits as is.
 */

import { benjaminiHochberg, holm } from './adjust';
import { chi2Contingency, crosstab } from './chi2';
import { welchTTest } from './ttest';

export type ScreenColumn =
  | { readonly kind: 'numeric'; readonly name: string; readonly values: Float64Array }
  | {
      readonly kind: 'categorical';
      readonly name: string;
      readonly codes: Int32Array;
      readonly dictionary: readonly string[];
    };

export interface ScreenRow {
  readonly name: string;
  readonly test: 'welch' | 'chi2';
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly log10p: number;
  /** Holm / BH adjusted p (NaN for degenerate tests, which are not in the family). */
  readonly pHolm: number;
  readonly pBH: number;
  /** Hedges' g (welch) or Cramér's V (chi2). */
  readonly effect: number;
  readonly effectName: 'hedgesG' | 'cramersV';
  readonly warning: string | null;
}

export function screenFeatures(
  columns: readonly ScreenColumn[],
  y: Uint8Array,
  index?: Uint32Array,
): ScreenRow[] {
  const rows = columns.map((col) => {
    if (col.kind === 'numeric') {
      const r = welchTTest(col.values, y, index);
      return {
        name: col.name,
        test: 'welch' as const,
        statistic: r.statistic,
        df: r.df,
        pValue: r.pValue,
        log10p: r.log10p,
        effect: r.hedgesG,
        effectName: 'hedgesG' as const,
        warning: r.warning,
      };
    }
    const L = col.dictionary.length;
    const r = chi2Contingency(crosstab(col.codes, L, y, index), L, 2);
    return {
      name: col.name,
      test: 'chi2' as const,
      statistic: r.statistic,
      df: r.dof,
      pValue: r.pValue,
      log10p: r.log10p,
      effect: r.cramersV,
      effectName: 'cramersV' as const,
      warning: r.warning,
    };
  });
  const p = Float64Array.from(rows, (r) => r.pValue);
  const ph = holm(p);
  const pb = benjaminiHochberg(p);
  return rows.map((r, i) => ({ ...r, pHolm: ph[i], pBH: pb[i] }));
}
