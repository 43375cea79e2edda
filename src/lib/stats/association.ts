/**
 * Strength of association between two categorical variables from their contingency table.
 */
import type { Contingency } from './counts';

/** A contingency table as a dense `Contingency` or as rows of counts. */
export type ContingencyInput = Contingency | readonly (readonly number[])[];

function toContingency(table: ContingencyInput): Contingency {
  if (!Array.isArray(table)) return table as Contingency;
  const rowsIn = table as readonly (readonly number[])[];
  const rows = rowsIn.length;
  const cols = rows > 0 ? rowsIn[0].length : 0;
  const counts = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) counts[r * cols + c] = rowsIn[r][c] ?? 0;
  }
  return { rows, cols, counts };
}

/**
 * Cramér's V, without bias correction: sqrt(χ² / (n · (min(r, c) − 1))) with Pearson's χ²
 * (no Yates correction) — `scipy.stats.contingency.association(table, method="cramer")`.
 *
 * Rows and columns whose total is 0 are dropped first (SciPy raises on them: their expected
 * counts are 0; a category absent from a selection is not evidence either way). Degenerate
 * tables — no observations, or fewer than two non-empty rows or columns — give NaN.
 */
export function cramersV(table: ContingencyInput): number {
  const { rows, cols, counts } = toContingency(table);
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = counts[r * cols + c];
      rowSum[r] += v;
      colSum[c] += v;
      n += v;
    }
  }
  let liveRows = 0;
  let liveCols = 0;
  for (let r = 0; r < rows; r++) if (rowSum[r] > 0) liveRows++;
  for (let c = 0; c < cols; c++) if (colSum[c] > 0) liveCols++;
  if (!(n > 0) || liveRows < 2 || liveCols < 2) return NaN;

  let chi2 = 0;
  for (let r = 0; r < rows; r++) {
    if (!(rowSum[r] > 0)) continue;
    for (let c = 0; c < cols; c++) {
      if (!(colSum[c] > 0)) continue;
      // SciPy: expected = outer(row sums, column sums) / n
      const expected = (rowSum[r] * colSum[c]) / n;
      const d = counts[r * cols + c] - expected;
      chi2 += (d * d) / expected;
    }
  }
  return Math.sqrt(chi2 / n / (Math.min(liveRows, liveCols) - 1));
}
