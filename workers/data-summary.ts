/**
 * Builds the small `DatasetSummary` the UI shows from the worker's full dataset.
 */
import type { ColumnInfo, DatasetSummary } from './protocol-data';
import type { ParsedTable } from '../src/lib/table/parse';
import type { LabelDetection } from '../src/lib/table/label';
import type { Column, LoadIssue } from '../src/lib/table/types';

/** Classes beyond this many are summed into the anomaly/normal totals but not listed. */
const MAX_CLASSES = 200;

function distinctCount(col: Column): number {
  if (col.kind === 'categorical') {
    const seen = new Uint8Array(col.dictionary.length);
    let n = 0;
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i];
      if (c >= 0 && !seen[c]) {
        seen[c] = 1;
        n++;
      }
    }
    return n;
  }
  return distinctNumeric(col.values);
}

/** Largest value range counted with a bitmap (16 MB) before falling back to a sort. */
const MAX_BITMAP = 1 << 24;

/**
 * Distinct non-missing values. Most network columns hold integers (counts, flags, bytes) or
 * two-decimal rates: those map exactly onto integers (v or round(v * 100)) and are counted
 * with a bitmap in two linear passes; anything else is sorted (NaN sorts last).
 */
export function distinctNumeric(values: Float64Array): number {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  let cents = true;
  let finite = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue; // NaN: missing
    if (v === Infinity || v === -Infinity) {
      finite = false;
      break;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && Math.floor(v) !== v) integers = false;
    if (!integers && cents && Math.round(v * 100) / 100 !== v) cents = false;
  }
  const scale = integers ? 1 : cents ? 100 : 0;
  if (finite && scale > 0 && min <= max && (max - min) * scale < MAX_BITMAP) {
    const base = Math.round(min * scale);
    const seen = new Uint8Array(Math.round(max * scale) - base + 1);
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) continue;
      const k = Math.round(v * scale) - base;
      if (seen[k] === 0) {
        seen[k] = 1;
        n++;
      }
    }
    return n;
  }
  const sorted = Float64Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (Number.isNaN(v)) break;
    if (i === 0 || v !== sorted[i - 1]) n++;
  }
  return n;
}

export function columnInfo(col: Column): ColumnInfo {
  return {
    name: col.name,
    sourceName: col.sourceName,
    kind: col.kind,
    reason: col.reason,
    missing: col.missing,
    infinite: col.kind === 'numeric' ? col.infinite : 0,
    distinct: distinctCount(col),
  };
}

export interface SummaryInput {
  fileName: string;
  bytes: number;
  parsed: ParsedTable;
  label: LabelDetection;
  frame: DatasetSummary['frame'];
  timings: DatasetSummary['timings'];
}

export function summarize(input: SummaryInput): DatasetSummary {
  const { parsed, label } = input;
  const issues: LoadIssue[] = [...parsed.issues.filter((i) => i.kind !== 'no-label'), ...label.issues];
  if (label.column === null) {
    issues.push({
      kind: 'no-label',
      message:
        label.columnChosenBy === 'user'
          ? 'No label column (your choice): the notebook runs unsupervised; evaluation needs a label.'
          : 'No label column was found (looked for attack, label, class, category, ...): the notebook runs unsupervised. Pick one below if the data has it.',
    });
  }
  if (input.frame.renamed.length > 0) {
    issues.push({
      kind: 'header-renamed',
      message: `In the danfojs DataFrame, ${input.frame.renamed.length} column name(s) that collide with DataFrame members were renamed: ${input.frame.renamed
        .slice(0, 8)
        .map((r) => `${r.from} → ${r.to}`)
        .join(', ')}.`,
    });
  }
  return {
    fileName: input.fileName,
    bytes: input.bytes,
    nRows: parsed.table.nRows,
    nCols: parsed.table.columns.length,
    schema: parsed.schema,
    schemaName: parsed.schemaName,
    hasHeader: parsed.hasHeader,
    delimiter: parsed.delimiter,
    columns: parsed.table.columns.map(columnInfo),
    label: {
      column: label.column,
      normalValue: label.normalValue,
      columnChosenBy: label.columnChosenBy,
      normalChosenBy: label.normalChosenBy,
      candidates: label.candidates,
      classes: label.classes.slice(0, MAX_CLASSES),
      anomalies: label.anomalies,
      normals: label.normals,
    },
    issues,
    frame: input.frame,
    timings: input.timings,
  };
}
