/**
 * Builds the small `DatasetSummary` the UI shows from the worker's full dataset.
 */
import type { ColumnInfo, DatasetSummary } from './protocol-data';
import type { ParsedTable } from '../src/lib/table/parse';
import type { LabelDetection } from '../src/lib/table/label';
import type { Column, LoadIssue } from '../src/lib/table/types';

/** Classes beyond this many are summed into the anomaly/normal totals but not listed. */
const MAX_CLASSES = 200;

/** Distinct non-missing values of a column (the `columnDistinct` method). */
export function distinctCount(col: Column): number {
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

/**
 * Largest value range counted with a bitmap (64 KB: it stays in the cache). A 16 MB bitmap,
 * or sorting a copy of the column, took 100 ms of a 126k-row load for two byte-count columns.
 */
const MAX_BITMAP = 1 << 16;

/**
 * Distinct non-missing values (±0 are one value). Most network columns hold integers (counts,
 * flags) or two-decimal rates over a small range: those map exactly onto integers (v or
 * round(v * 100)) and are counted with a bitmap in two linear passes; anything else (byte counts
 * up to 10^9, general decimals, ±Infinity) with a hash set of the values.
 */
export function distinctNumeric(values: Float64Array): number {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  let cents = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue; // NaN: missing
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && Math.floor(v) !== v) integers = false;
    if (!integers && cents && Math.round(v * 100) / 100 !== v) cents = false;
  }
  const scale = integers ? 1 : cents ? 100 : 0;
  if (scale > 0 && Number.isFinite(min) && Number.isFinite(max) && (max - min) * scale < MAX_BITMAP) {
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
  return distinctByHash(values);
}

const BITS = new Float64Array(1);
const WORDS = new Int32Array(BITS.buffer);

/** A double's bits, mixed (murmur3's finaliser): integers differ only in the high word. */
function hashDouble(v: number): number {
  BITS[0] = v;
  let h = WORDS[1] ^ Math.imul(WORDS[0], 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Distinct non-missing values with an open-addressing hash set (grows at half full). */
function distinctByHash(values: Float64Array): number {
  let cap = 1024;
  let keys = new Float64Array(cap);
  let used = new Uint8Array(cap);
  let n = 0;
  const place = (v: number) => {
    const mask = cap - 1;
    let at = hashDouble(v) & mask;
    while (used[at] === 1) {
      if (keys[at] === v) return false;
      at = (at + 1) & mask;
    }
    used[at] = 1;
    keys[at] = v;
    return true;
  };
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v !== v) continue;
    if (v === 0) v = 0; // −0 is 0
    if (!place(v)) continue;
    if (2 * ++n > cap) {
      const oldKeys = keys;
      const oldUsed = used;
      cap *= 2;
      keys = new Float64Array(cap);
      used = new Uint8Array(cap);
      for (let k = 0; k < oldKeys.length; k++) if (oldUsed[k] === 1) place(oldKeys[k]);
    }
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
