/**
 * The label: which column says "normal" or "attack", and which of its values is normal
 * (DESIGN §3). The column is found by name (or by the known schema), the normal value by content;
 * the user can override both. The result carries `isAnomaly` (1 = labelled and not normal).
 *
 * Choices:
 * - UNSW-NB15 has both `attack_cat` (Normal / Exploits / Fuzzers / ...) and a binary `label`
 *   (0 = normal, 1 = attack). We take `label`: it is the data set's documented ground truth,
 *   exists in every copy (raw records name it `Label`), and its normal value `0` is always
 *   present — in the raw records `attack_cat` is *empty* for normal traffic, so it would have no
 *   normal value at all. The attack categories stay available as an ordinary column.
 * - Rows whose label is missing are neither normal nor anomalous: `isAnomaly` is 0 for them and
 *   they are counted in `missing` (and reported as an issue).
 * - The 'no-label' issue is not produced here: the worker adds it when it builds the summary
 *   (workers/data-summary.ts), since it depends on how the column was (not) chosen.
 */
import type { CategoricalColumn, Column, LoadIssue, NumericColumn, SchemaId, Table } from './types';
import { LoadError } from './errors';
import { fmtInt, parseNumberCell, quoteValue } from './infer';

export interface LabelClass {
  value: string;
  count: number;
  normal: boolean;
}

export interface LabelDetection {
  column: string | null;
  normalValue: string | null;
  columnChosenBy: 'name' | 'schema' | 'user' | 'none';
  normalChosenBy: 'content' | 'user' | 'none';
  /** Columns that could serve as the label, best first (name matches, then low-cardinality text). */
  candidates: string[];
  /** Values of the label column with their counts, largest first (at most `MAX_CLASSES`). */
  classes: LabelClass[];
  anomalies: number;
  normals: number;
  /** Rows with a missing label (neither normal nor anomalous). */
  missing: number;
  /** 1 = labelled and not the normal value; null when there is no label column or no normal value. */
  isAnomaly: Uint8Array | null;
  /** Label problems for the user (never 'no-label': see the module comment). */
  issues: LoadIssue[];
}

export interface LabelOverride {
  /** null = no label (unsupervised). */
  column: string | null;
  /** null / omitted = detect the normal value from the content. */
  normalValue?: string | null;
}

/** Label column names, best first (compared trimmed and case-insensitively). */
export const LABEL_NAMES: readonly string[] = [
  'label',
  'labels',
  'attack',
  'attack_cat',
  'attack_type',
  'attack_label',
  'class',
  'category',
  'target',
  'outcome',
  'is_attack',
  'malicious',
  'y',
];

/** Values meaning "normal traffic", best first (compared trimmed and case-insensitively). */
export const NORMAL_VALUES: readonly string[] = ['normal', 'normal.', 'benign', 'benign.', '0'];

/** The label column of each known schema. */
const SCHEMA_LABEL: ReadonlyMap<SchemaId, string> = new Map<SchemaId, string>([
  ['nsl-kdd', 'attack'],
  ['nsl-kdd-kaggle', 'attack'],
  ['kdd99', 'label'],
  ['unsw-nb15', 'label'], // binary 0/1, see the module comment
  ['cic-ids2017', 'label'],
]);

export const MAX_CLASSES = 1000;
const MAX_CANDIDATES = 20;
/** A numeric column serves as a label only with this few distinct values (e.g. 0/1). */
const MAX_NUMERIC_LABEL_VALUES = 20;
/** A text column is a candidate up to this many distinct values. */
const MAX_CANDIDATE_VALUES = 200;

function norm(s: string): string {
  return s.trim().toLowerCase();
}

function findColumn(table: Table, name: string): Column | undefined {
  const exact = table.columns.find((c) => c.name === name);
  if (exact) return exact;
  const n = norm(name);
  return table.columns.find((c) => norm(c.name) === n);
}

/** Distinct non-missing values of a numeric column, or Infinity once above `limit`. */
function numericDistinct(col: NumericColumn, limit: number): number {
  const seen = new Set<number>();
  const v = col.values;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) continue;
    seen.add(x);
    if (seen.size > limit) return Infinity;
  }
  return seen.size;
}

function qualifies(col: Column): boolean {
  if (col.kind === 'categorical') return col.dictionary.length >= 1;
  return numericDistinct(col, MAX_NUMERIC_LABEL_VALUES) <= MAX_NUMERIC_LABEL_VALUES;
}

/** The normal value found by content, or null. */
function detectNormal(col: Column): string | null {
  if (col.kind === 'numeric') {
    const v = col.values;
    for (let i = 0; i < v.length; i++) if (v[i] === 0) return '0';
    return null;
  }
  const counts = codeCounts(col);
  let best: string | null = null;
  let bestRank = Infinity;
  let bestCount = -1;
  for (let c = 0; c < col.dictionary.length; c++) {
    const rank = NORMAL_VALUES.indexOf(norm(col.dictionary[c]));
    if (rank === -1) continue;
    if (rank < bestRank || (rank === bestRank && counts[c] > bestCount)) {
      best = col.dictionary[c];
      bestRank = rank;
      bestCount = counts[c];
    }
  }
  return best;
}

function codeCounts(col: CategoricalColumn): Int32Array {
  const counts = new Int32Array(col.dictionary.length);
  const codes = col.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0) counts[c]++;
  }
  return counts;
}

/** Columns that could be the label, best first. */
function findCandidates(table: Table): Column[] {
  const byName: Column[] = [];
  for (const name of LABEL_NAMES) {
    for (const col of table.columns) {
      if (norm(col.name) === name && !byName.includes(col) && qualifies(col)) byName.push(col);
    }
  }
  const withNormal: Column[] = [];
  const others: Column[] = [];
  for (const col of table.columns) {
    if (byName.includes(col) || col.kind !== 'categorical') continue;
    const k = col.dictionary.length;
    if (k < 2 || k > MAX_CANDIDATE_VALUES || k >= table.nRows) continue;
    (detectNormal(col) !== null ? withNormal : others).push(col);
  }
  return [...byName, ...withNormal, ...others].slice(0, MAX_CANDIDATES);
}

/** The value of `col` the user means by `value`: exact, else trimmed and case-insensitive. */
function resolveNormal(col: Column, value: string): string {
  if (col.kind === 'numeric') {
    const x = parseNumberCell(value);
    if (x !== null && x === x) {
      const v = col.values;
      for (let i = 0; i < v.length; i++) if (v[i] === x) return String(x);
    }
  } else {
    if (col.dictionary.includes(value)) return value;
    const n = norm(value);
    const counts = codeCounts(col);
    let best = -1;
    for (let c = 0; c < col.dictionary.length; c++) {
      if (norm(col.dictionary[c]) === n && (best === -1 || counts[c] > counts[best])) best = c;
    }
    if (best !== -1) return col.dictionary[best];
  }
  throw new LoadError(`Column ${quoteValue(col.name, 60)} has no value ${quoteValue(value, 60)}.`, 'unknown-value');
}

interface Tally {
  classes: LabelClass[];
  isAnomaly: Uint8Array | null;
  anomalies: number;
  normals: number;
  missing: number;
}

function tally(col: Column, normal: string | null, nRows: number): Tally {
  const isAnomaly = normal === null ? null : new Uint8Array(nRows);
  let anomalies = 0;
  let normals = 0;
  let missing = 0;
  let classes: LabelClass[];
  if (col.kind === 'categorical') {
    const counts = codeCounts(col);
    const normalCode = normal === null ? -2 : col.dictionary.indexOf(normal);
    const codes = col.codes;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c < 0) missing++;
      else if (c === normalCode) normals++;
      else if (isAnomaly) {
        isAnomaly[i] = 1;
        anomalies++;
      }
    }
    classes = col.dictionary.map((value, c) => ({ value, count: counts[c], normal: c === normalCode }));
  } else {
    const target = normal === null ? NaN : Number(normal);
    const counts = new Map<number, number>();
    const v = col.values;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== x) {
        missing++;
        continue;
      }
      counts.set(x, (counts.get(x) ?? 0) + 1);
      if (x === target) normals++;
      else if (isAnomaly) {
        isAnomaly[i] = 1;
        anomalies++;
      }
    }
    classes = [...counts].map(([x, count]) => ({ value: String(x), count, normal: x === target }));
  }
  classes.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  if (classes.length > MAX_CLASSES) classes = classes.slice(0, MAX_CLASSES);
  return { classes, isAnomaly, anomalies, normals, missing };
}

/**
 * Finds (or applies the user's choice of) the label column and its normal value.
 * `override.column === null` = no label. Throws LoadError 'unknown-column' / 'unknown-value' when
 * the override names a column or value that does not exist.
 */
export function detectLabel(table: Table, schema: SchemaId, override?: LabelOverride): LabelDetection {
  const candidateCols = findCandidates(table);
  const candidates = candidateCols.map((c) => c.name);

  let col: Column | undefined;
  let columnChosenBy: LabelDetection['columnChosenBy'] = 'none';
  if (override) {
    columnChosenBy = 'user';
    if (override.column !== null) {
      col = findColumn(table, override.column);
      if (!col) throw new LoadError(`There is no column named ${quoteValue(override.column, 60)}.`, 'unknown-column');
    }
  } else {
    const schemaName = SCHEMA_LABEL.get(schema);
    const bySchema = schemaName !== undefined ? findColumn(table, schemaName) : undefined;
    if (bySchema && qualifies(bySchema)) {
      col = bySchema;
      columnChosenBy = 'schema';
    } else {
      // Among the name matches: one with a normal value (text before numbers), else the first.
      const named = candidateCols.filter((c) => LABEL_NAMES.includes(norm(c.name)));
      col =
        named.find((c) => c.kind === 'categorical' && detectNormal(c) !== null) ??
        named.find((c) => detectNormal(c) !== null) ??
        named.find((c) => c.kind === 'categorical') ??
        named[0];
      if (col) columnChosenBy = 'name';
    }
  }

  if (!col) {
    return {
      column: null,
      normalValue: null,
      columnChosenBy,
      normalChosenBy: 'none',
      candidates,
      classes: [],
      anomalies: 0,
      normals: 0,
      missing: 0,
      isAnomaly: null,
      issues: [],
    };
  }

  let normalValue: string | null;
  let normalChosenBy: LabelDetection['normalChosenBy'];
  if (override?.normalValue != null) {
    normalValue = resolveNormal(col, override.normalValue);
    normalChosenBy = 'user';
  } else {
    normalValue = detectNormal(col);
    normalChosenBy = normalValue === null ? 'none' : 'content';
  }

  const t = tally(col, normalValue, table.nRows);
  const issues: LoadIssue[] = [];
  if (normalValue === null) {
    issues.push({
      kind: 'other',
      message: `No value of the label column ${quoteValue(col.name, 60)} looks normal (normal, BENIGN, 0): choose its normal value to tell normal rows from anomalies.`,
    });
  }
  if (t.missing > 0) {
    issues.push({
      kind: 'other',
      message: `${fmtInt(t.missing)} row${t.missing === 1 ? ' has' : 's have'} no value in the label column ${quoteValue(col.name, 60)}: counted as neither normal nor anomalous.`,
      count: t.missing,
    });
  }
  return {
    column: col.name,
    normalValue,
    columnChosenBy,
    normalChosenBy,
    candidates: candidates.includes(col.name) ? candidates : [col.name, ...candidates],
    classes: t.classes,
    anomalies: t.anomalies,
    normals: t.normals,
    missing: t.missing,
    isAnomaly: t.isAnomaly,
    issues,
  };
}
