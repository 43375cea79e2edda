/**
 * Pearson's χ² test of independence on an r × c contingency table, as
 * `scipy.stats.chi2_contingency(table)` with its default `correction=True`: Yates' continuity
 * correction is applied only when dof = 1 (a 2 × 2 table), each |O − E| shrunk by min(0.5, |O − E|).
 *
 * Departures from SciPy, on input SciPy rejects or answers vacuously:
 * - all-zero rows/columns are removed first and reported (SciPy raises "zero element in
 *   expected frequencies");
 * - a table with fewer than 2 non-empty rows or columns (1 × k, dof 0) gives NaN and a warning
 *   (SciPy returns χ² = 0, p = 1);
 * - negative or non-finite counts give NaN and a warning.
 *
 * Also: expected counts, Pearson residuals (O − E)/√E, adjusted (standardized) residuals
 * (O − E)/√(E(1 − rᵢ/n)(1 − cⱼ/n)) (≈ N(0,1) under independence), Cramér's V from the
 * *uncorrected* χ² (as scipy.stats.contingency.association), and the share of cells with E < 5.
 *
 * Tables are row-major Float64Array (cell (i, j) at i·nCols + j).
 */

import { chi2Upper, type PValue } from './distributions';

export interface Chi2Result extends PValue {
  /** χ² actually tested (Yates-corrected when `yates`). */
  readonly statistic: number;
  /** Pearson χ² without continuity correction (equals `statistic` unless `yates`). */
  readonly pearsonStatistic: number;
  readonly dof: number;
  readonly yates: boolean;
  /** Grand total of the kept table. */
  readonly n: number;
  /** Shape after removing all-zero rows/columns. */
  readonly nRows: number;
  readonly nCols: number;
  /** Original indices of the kept rows/columns. */
  readonly rowsKept: Int32Array;
  readonly colsKept: Int32Array;
  readonly droppedRows: readonly number[];
  readonly droppedCols: readonly number[];
  /** Row-major, nRows × nCols (kept shape). */
  readonly observed: Float64Array;
  readonly expected: Float64Array;
  readonly residuals: Float64Array;
  readonly adjustedResiduals: Float64Array;
  readonly rowTotals: Float64Array;
  readonly colTotals: Float64Array;
  readonly cramersV: number;
  readonly minExpected: number;
  /** Share of kept cells with expected count < 5 (rule of thumb: keep ≤ 0.2). */
  readonly lowExpectedShare: number;
  readonly warning: string | null;
}

export interface Chi2Options {
  /** Yates for 2 × 2 (default true, as SciPy). */
  readonly correction?: boolean;
}

function emptyResult(
  warning: string,
  rest: Partial<Chi2Result> & Pick<Chi2Result, 'droppedRows' | 'droppedCols'>,
): Chi2Result {
  const z = new Float64Array(0);
  return {
    statistic: NaN,
    pearsonStatistic: NaN,
    dof: NaN,
    pValue: NaN,
    log10p: NaN,
    yates: false,
    n: NaN,
    nRows: 0,
    nCols: 0,
    rowsKept: new Int32Array(0),
    colsKept: new Int32Array(0),
    observed: z,
    expected: z,
    residuals: z,
    adjustedResiduals: z,
    rowTotals: z,
    colTotals: z,
    cramersV: NaN,
    minExpected: NaN,
    lowExpectedShare: NaN,
    ...rest,
    warning,
  };
}

export function chi2Contingency(
  table: Float64Array,
  nRows: number,
  nCols: number,
  options: Chi2Options = {},
): Chi2Result {
  const correction = options.correction ?? true;
  if (table.length !== nRows * nCols) {
    return emptyResult(`table has ${table.length} cells, expected ${nRows}×${nCols}`, {
      droppedRows: [],
      droppedCols: [],
    });
  }
  const rs = new Float64Array(nRows);
  const cs = new Float64Array(nCols);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      const o = table[i * nCols + j];
      if (!(o >= 0) || o === Infinity) {
        return emptyResult('counts must be finite and non-negative', {
          droppedRows: [],
          droppedCols: [],
        });
      }
      rs[i] += o;
      cs[j] += o;
    }
  }
  const rowsKeptL: number[] = [];
  const droppedRows: number[] = [];
  for (let i = 0; i < nRows; i++) (rs[i] > 0 ? rowsKeptL : droppedRows).push(i);
  const colsKeptL: number[] = [];
  const droppedCols: number[] = [];
  for (let j = 0; j < nCols; j++) (cs[j] > 0 ? colsKeptL : droppedCols).push(j);
  const r = rowsKeptL.length;
  const c = colsKeptL.length;
  const rowsKept = Int32Array.from(rowsKeptL);
  const colsKept = Int32Array.from(colsKeptL);
  const dropNote =
    droppedRows.length + droppedCols.length > 0
      ? `; removed ${droppedRows.length} empty row(s) and ${droppedCols.length} empty column(s)`
      : '';
  if (r < 2 || c < 2) {
    return emptyResult(
      `need at least 2 non-empty rows and 2 non-empty columns (have ${r}×${c})${dropNote}`,
      { droppedRows, droppedCols, rowsKept, colsKept, nRows: r, nCols: c },
    );
  }

  const size = r * c;
  const observed = new Float64Array(size);
  const rowTotals = new Float64Array(r);
  const colTotals = new Float64Array(c);
  for (let a = 0; a < r; a++) rowTotals[a] = rs[rowsKept[a]];
  for (let b = 0; b < c; b++) colTotals[b] = cs[colsKept[b]];
  let n = 0;
  for (let a = 0; a < r; a++) {
    n += rowTotals[a];
    for (let b = 0; b < c; b++) observed[a * c + b] = table[rowsKept[a] * nCols + colsKept[b]];
  }
  const dof = (r - 1) * (c - 1);
  const yates = correction && dof === 1;

  const expected = new Float64Array(size);
  const residuals = new Float64Array(size);
  const adjusted = new Float64Array(size);
  let pearson = 0;
  let corrected = 0;
  let low = 0;
  let minE = Infinity;
  for (let a = 0; a < r; a++) {
    const ra = rowTotals[a];
    for (let b = 0; b < c; b++) {
      const k = a * c + b;
      const e = (ra * colTotals[b]) / n;
      const o = observed[k];
      expected[k] = e;
      const d = o - e;
      pearson += (d * d) / e;
      if (yates) {
        // SciPy: observed + min(0.5, |E − O|)·sign(E − O)
        const dc = d - Math.sign(d) * Math.min(0.5, Math.abs(d));
        corrected += (dc * dc) / e;
      }
      residuals[k] = d / Math.sqrt(e);
      adjusted[k] = d / Math.sqrt(e * (1 - ra / n) * (1 - colTotals[b] / n));
      if (e < 5) low++;
      if (e < minE) minE = e;
    }
  }
  const statistic = yates ? corrected : pearson;
  const lowShare = low / size;
  const notes: string[] = [];
  if (lowShare > 0.2) {
    notes.push(
      `${low} of ${size} cells (${(100 * lowShare).toFixed(1)}%) have expected count < 5: ` +
        'the χ² approximation may be poor (consider merging rare categories)',
    );
  }
  if (dropNote) notes.push(dropNote.slice(2));
  return {
    statistic,
    pearsonStatistic: pearson,
    dof,
    ...chi2Upper(statistic, dof),
    yates,
    n,
    nRows: r,
    nCols: c,
    rowsKept,
    colsKept,
    droppedRows,
    droppedCols,
    observed,
    expected,
    residuals,
    adjustedResiduals: adjusted,
    rowTotals,
    colTotals,
    cramersV: Math.sqrt(pearson / (n * (Math.min(r, c) - 1))),
    minExpected: minE,
    lowExpectedShare: lowShare,
    warning: notes.length > 0 ? notes.join('; ') : null,
  };
}

/**
 * Level × label counts: row = code (0 … nLevels−1), column 0 = normal (y = 0),
 * column 1 = anomalous (y = 1). Missing codes (−1, out of range) and labels other than 0/1 are
 * left out.
 */
export function crosstab(
  codes: Int32Array,
  nLevels: number,
  y: Uint8Array,
  index?: Uint32Array,
): Float64Array {
  const out = new Float64Array(nLevels * 2);
  const len = index ? index.length : codes.length;
  for (let k = 0; k < len; k++) {
    const i = index ? index[k] : k;
    const c = codes[i];
    const g = y[i];
    if (c < 0 || c >= nLevels || g > 1) continue;
    out[c * 2 + g]++;
  }
  return out;
}

export interface MergedTable {
  readonly table: Float64Array;
  readonly nRows: number;
  readonly nCols: number;
  readonly labels: readonly string[];
  /** Labels folded into the "other" row (empty when nothing was merged). */
  readonly merged: readonly string[];
  /** Old row → new row. */
  readonly rowMap: Int32Array;
}

export interface MergeOptions {
  /** A row is rare when its smallest expected count is below this (default 5). */
  readonly minExpected?: number;
  /** Label of the merged row (default "other"; made unique if a real level has that name). */
  readonly otherLabel?: string;
}

/**
 * Fold rare rows into one "other" row, so that the χ² approximation holds better. A row is rare
 * when rowTotal · min(non-zero column total) / n < minExpected; all-zero rows count as rare.
 * Nothing is merged when fewer than two non-empty rows are rare (merging one row only renames
 * it). The "other" row comes last; kept rows keep their order.
 */
export function mergeRareRows(
  table: Float64Array,
  nRows: number,
  nCols: number,
  labels: readonly string[],
  options: MergeOptions = {},
): MergedTable {
  const minExpected = options.minExpected ?? 5;
  const rs = new Float64Array(nRows);
  const cs = new Float64Array(nCols);
  let n = 0;
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      const o = table[i * nCols + j];
      rs[i] += o;
      cs[j] += o;
      n += o;
    }
  }
  let minCol = Infinity;
  for (let j = 0; j < nCols; j++) if (cs[j] > 0 && cs[j] < minCol) minCol = cs[j];
  const rare = new Uint8Array(nRows);
  let rareNonEmpty = 0;
  for (let i = 0; i < nRows; i++) {
    if (rs[i] === 0 || (rs[i] * minCol) / n < minExpected) {
      rare[i] = 1;
      if (rs[i] > 0) rareNonEmpty++;
    }
  }
  const rowMap = new Int32Array(nRows);
  if (rareNonEmpty < 2) {
    for (let i = 0; i < nRows; i++) rowMap[i] = i;
    return { table: table.slice(), nRows, nCols, labels: labels.slice(), merged: [], rowMap };
  }
  const outLabels: string[] = [];
  const merged: string[] = [];
  for (let i = 0; i < nRows; i++) {
    if (rare[i]) merged.push(labels[i]);
    else {
      rowMap[i] = outLabels.length;
      outLabels.push(labels[i]);
    }
  }
  const otherRow = outLabels.length;
  let other = options.otherLabel ?? 'other';
  while (outLabels.includes(other)) other += ' (merged)';
  outLabels.push(other);
  const outRows = outLabels.length;
  const out = new Float64Array(outRows * nCols);
  for (let i = 0; i < nRows; i++) {
    const to = rare[i] ? otherRow : rowMap[i];
    if (rare[i]) rowMap[i] = otherRow;
    for (let j = 0; j < nCols; j++) out[to * nCols + j] += table[i * nCols + j];
  }
  return { table: out, nRows: outRows, nCols, labels: outLabels, merged, rowMap };
}
