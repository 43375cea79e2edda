/**
 * The data worker's ML work as pure functions over a `Table` (DESIGN §5), so it runs in Node
 * tests: which columns to leave out, which rows to train on, the seeded validation split,
 * the preprocessing fit, and the labels of a source as typed arrays.
 *
 * The split, in 'normal' mode: ALL rows are split first (seeded), then the training rows are the
 * normal rows of the training part. The validation part keeps both classes, so its labels can
 * suggest a threshold without touching a test file, while the validation-loss curve uses only
 * its normal rows (comparable with the training loss). Anomalous rows of the training part are
 * used for nothing.
 */
import type { SchemaId, Table } from '../src/lib/table/types';
import { detectLabel, type LabelDetection } from '../src/lib/table/label';
import { applyPreprocessing, fitPreprocessing, specToJSON, type PreprocessResult, type PreprocessSpec } from '../src/lib/ml/preprocess';
import { allRows, trainValidationSplit } from '../src/lib/ml/split';
import type { MlLabels, MlTrainMode } from './protocol-ml';

/** NSL-KDD's difficulty score (how many of 21 learners got the row right): metadata, not traffic. */
const DIFFICULTY_COLUMNS = new Set(['level', 'last_flag']);
/** Names that say "difficulty" in any layout. */
const ALWAYS_DIFFICULTY = new Set(['last_flag', 'difficulty', 'difficulty_level']);

/**
 * Columns never used as features: the label, NSL-KDD's difficulty column (`level`, or
 * `last_flag` in the Kaggle copy; `level` only in NSL-KDD layouts, where it is known to be the
 * difficulty), and the user's own list. Only names the table has are returned, in table order.
 */
export function excludedColumns(table: Table, schema: SchemaId, labelColumn: string | null, extra: readonly string[] = []): string[] {
  const nsl = schema === 'nsl-kdd' || schema === 'nsl-kdd-kaggle';
  const wanted = new Set(extra);
  const out: string[] = [];
  for (const c of table.columns) {
    const lower = c.name.trim().toLowerCase();
    if (c.name === labelColumn || wanted.has(c.name) || ALWAYS_DIFFICULTY.has(lower) || (nsl && DIFFICULTY_COLUMNS.has(lower))) out.push(c.name);
  }
  return out;
}

/** True when the label can tell normal from anomalous rows (a column, a normal value, both classes). */
export function hasUsableLabel(label: LabelDetection): boolean {
  return label.column !== null && label.isAnomaly !== null && label.normals > 0;
}

/** 1 for rows whose label is the normal value (not missing, not anomalous). */
export function normalMask(table: Table, label: LabelDetection): Uint8Array | null {
  if (!hasUsableLabel(label)) return null;
  const isAnomaly = label.isAnomaly as Uint8Array;
  const column = table.columns.find((c) => c.name === label.column);
  const mask = new Uint8Array(table.nRows);
  for (let r = 0; r < table.nRows; r++) {
    if (isAnomaly[r] !== 0) continue;
    // isAnomaly is 0 for a missing label too: those rows are neither class.
    const missing = !column ? false : column.kind === 'numeric' ? Number.isNaN(column.values[r]) : column.codes[r] < 0;
    if (!missing) mask[r] = 1;
  }
  return mask;
}

function select(index: Uint32Array, mask: Uint8Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < index.length; i++) n += mask[index[i]];
  const out = new Uint32Array(n);
  for (let i = 0, k = 0; i < index.length; i++) if (mask[index[i]]) out[k++] = index[i];
  return out;
}

export interface PrepareOptions {
  readonly mode: MlTrainMode;
  readonly validationFraction: number;
  readonly seed: number;
  readonly exclude?: readonly string[];
}

export interface Prepared {
  readonly mode: MlTrainMode;
  readonly spec: PreprocessSpec;
  readonly specJson: string;
  readonly excluded: readonly string[];
  readonly trainRows: Uint32Array;
  readonly train: PreprocessResult;
  readonly validationLossRows: Uint32Array;
  readonly validationLoss: PreprocessResult;
  readonly validationRows: Uint32Array;
  readonly notes: readonly string[];
}

/** Chooses the rows, fits the spec on the training rows, and builds the two matrices. */
export function prepareTraining(table: Table, schema: SchemaId, label: LabelDetection, opts: PrepareOptions): Prepared {
  if (!(opts.validationFraction >= 0 && opts.validationFraction <= 0.9)) {
    throw new RangeError(`The validation split must be between 0 and 0.9, got ${opts.validationFraction}`);
  }
  const notes: string[] = [];
  const normal = opts.mode === 'normal' ? normalMask(table, label) : null;
  let mode = opts.mode;
  if (mode === 'normal' && !normal) {
    mode = 'all';
    notes.push('The data has no usable label (no normal rows), so the model trains on all rows.');
  }
  const { train: trainPart, validation } = trainValidationSplit(allRows(table.nRows), opts.validationFraction, opts.seed);
  const trainRows = normal ? select(trainPart, normal) : trainPart;
  const validationLossRows = normal ? select(validation, normal) : validation;
  if (trainRows.length === 0) throw new RangeError('There are no rows to train on (the training split has no normal rows).');

  const excluded = excludedColumns(table, schema, label.column, opts.exclude);
  const spec = fitPreprocessing(table, trainRows, { exclude: excluded });
  const skipped = spec.dropped.filter((d) => d.reason !== 'excluded');
  if (skipped.length > 0) notes.push(`Columns not used: ${skipped.map((d) => `${d.name} (${d.reason})`).join('; ')}.`);
  return {
    mode,
    spec,
    specJson: specToJSON(spec),
    excluded,
    trainRows,
    train: applyPreprocessing(spec, table, trainRows),
    validationLossRows,
    validationLoss: applyPreprocessing(spec, table, validationLossRows),
    validationRows: validation,
    notes,
  };
}

/**
 * The labels of every row of a table as fresh arrays (safe to transfer: the table keeps its own).
 * A numeric label column (UNSW-NB15's 0/1) gets codes over its distinct values as text.
 */
export function labelArrays(table: Table, label: LabelDetection): MlLabels {
  const column = label.column === null ? undefined : table.columns.find((c) => c.name === label.column);
  if (!column) return { column: null, isAnomaly: null, classCodes: null, classNames: [] };
  const isAnomaly = label.isAnomaly ? label.isAnomaly.slice() : null;
  if (column.kind === 'categorical') {
    return { column: column.name, isAnomaly, classCodes: column.codes.slice(), classNames: column.dictionary.slice() };
  }
  const codeOf = new Map<number, number>();
  const classNames: string[] = [];
  const classCodes = new Int32Array(table.nRows);
  for (let r = 0; r < table.nRows; r++) {
    const v = column.values[r];
    if (Number.isNaN(v)) {
      classCodes[r] = -1;
      continue;
    }
    let c = codeOf.get(v);
    if (c === undefined) {
      c = classNames.length;
      codeOf.set(v, c);
      classNames.push(String(v));
    }
    classCodes[r] = c;
  }
  return { column: column.name, isAnomaly, classCodes, classNames };
}

export { rowValues } from '../src/lib/table/rows';

/**
 * The label of a test file: the dataset's label column and normal value when the test file has
 * a column of that name (its normal value detected again if the dataset's does not occur),
 * else the test file's own detection.
 */
export function detectTestLabel(table: Table, schema: SchemaId, datasetLabel: LabelDetection): LabelDetection {
  const name = datasetLabel.column;
  if (name !== null && table.columns.some((c) => c.name === name)) {
    try {
      return detectLabel(table, schema, { column: name, normalValue: datasetLabel.normalValue });
    } catch {
      return detectLabel(table, schema, { column: name, normalValue: null });
    }
  }
  return detectLabel(table, schema);
}
