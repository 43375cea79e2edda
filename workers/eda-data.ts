/**
 * What the EDA views need to know about a dataset beyond its columns, worked out once per
 * dataset version: the label as groups (normal / anomalous / no label) and as class codes,
 * which columns play the roles of NSL-KDD's protocol, service, flag, byte counts, host features
 * and time — and the filter, turned into a row index (DESIGN §3).
 *
 * Names and values are matched with `Map`s and arrays, never as object keys.
 */
import type { CategoricalColumn, Column, NumericColumn, Table } from '../src/lib/table/types';
import type { LabelDetection } from '../src/lib/table/label';
import type { EdaFilter, EdaFilterRole, EdaSelection } from './protocol-eda';
import { UserError } from './serve';

/** The part of the label detection the EDA uses. */
export type EdaLabel = Pick<LabelDetection, 'column' | 'normalValue' | 'isAnomaly'>;

/** The label column as dense class codes (a numeric label's values become codes too). */
export interface LabelCodes {
  readonly column: Column;
  /** −1 = missing. */
  readonly codes: Int32Array;
  readonly values: readonly string[];
  readonly normal: readonly boolean[];
}

export interface EdaData {
  readonly table: Table;
  readonly label: EdaLabel;
  readonly labelCodes: LabelCodes | null;
  /**
   * Group of each row for the label-aware views: 0 normal, 1 anomalous, 2 no label value;
   * null when normal and anomalous cannot be told (no label, or no normal value).
   */
  readonly groups: Uint8Array | null;
  /** Names of the groups in use ('no label' only when some rows lack one). */
  readonly groupNames: readonly string[];
  readonly numeric: readonly NumericColumn[];
  readonly categorical: readonly CategoricalColumn[];
  /** Filterable columns by role (only those present). */
  readonly roles: ReadonlyMap<EdaFilterRole, Column>;
  byName(name: string): Column | undefined;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Candidate names per role, best first (compared trimmed, case-insensitively). */
const ROLE_NAMES: ReadonlyMap<Exclude<EdaFilterRole, 'label'>, readonly string[]> = new Map([
  ['protocol', ['protocol_type', 'proto', 'protocol']],
  ['service', ['service']],
  ['flag', ['flag', 'state', 'conn_state']],
]);

/** Byte-count column pairs of known schemas (NSL-KDD, UNSW-NB15, CIC-IDS2017, Zeek). */
export const BYTE_PAIRS: readonly (readonly [string, string])[] = [
  ['src_bytes', 'dst_bytes'],
  ['sbytes', 'dbytes'],
  ['total length of fwd packets', 'total length of bwd packets'],
  ['orig_bytes', 'resp_bytes'],
];

/** Time columns of known schemas (UNSW `Stime`, CIC `Timestamp`) and common names. */
export const TIME_NAMES: readonly string[] = ['stime', 'timestamp', 'start_time', 'starttime', 'time', 'ts', 'datetime', 'date'];

function findByNames(table: Table, names: readonly string[]): Column | undefined {
  for (const name of names) {
    const col = table.columns.find((c) => norm(c.name) === name);
    if (col) return col;
  }
  return undefined;
}

function buildLabelCodes(table: Table, label: EdaLabel): LabelCodes | null {
  if (label.column === null) return null;
  const column = table.columns.find((c) => c.name === label.column);
  if (!column) return null;
  if (column.kind === 'categorical') {
    return {
      column,
      codes: column.codes,
      values: column.dictionary,
      normal: column.dictionary.map((v) => v === label.normalValue),
    };
  }
  const codeOf = new Map<number, number>();
  const values: string[] = [];
  const codes = new Int32Array(table.nRows);
  const v = column.values;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) {
      codes[i] = -1;
      continue;
    }
    let c = codeOf.get(x);
    if (c === undefined) {
      c = values.length;
      codeOf.set(x, c);
      values.push(String(x));
    }
    codes[i] = c;
  }
  const target = label.normalValue === null ? NaN : Number(label.normalValue);
  return { column, codes, values, normal: values.map((s) => Number(s) === target) };
}

function buildGroups(label: EdaLabel, labelCodes: LabelCodes | null, nRows: number): { groups: Uint8Array | null; names: string[] } {
  const isAnomaly = label.isAnomaly;
  if (!isAnomaly || !labelCodes) return { groups: null, names: [] };
  const groups = new Uint8Array(nRows);
  const codes = labelCodes.codes;
  let unlabelled = 0;
  for (let i = 0; i < nRows; i++) {
    if (codes[i] < 0) {
      groups[i] = 2;
      unlabelled++;
    } else groups[i] = isAnomaly[i];
  }
  return { groups, names: unlabelled > 0 ? ['normal', 'anomalous', 'no label'] : ['normal', 'anomalous'] };
}

export function prepareEdaData(table: Table, label: EdaLabel): EdaData {
  const labelCodes = buildLabelCodes(table, label);
  const { groups, names } = buildGroups(label, labelCodes, table.nRows);
  const byName = new Map<string, Column>();
  for (const c of table.columns) byName.set(c.name, c);
  const roles = new Map<EdaFilterRole, Column>();
  for (const [role, names] of ROLE_NAMES) {
    const col = findByNames(table, names);
    if (col && col.kind === 'categorical' && col !== labelCodes?.column) roles.set(role, col);
  }
  if (labelCodes) roles.set('label', labelCodes.column);
  return {
    table,
    label,
    labelCodes,
    groups,
    groupNames: names,
    numeric: table.columns.filter((c): c is NumericColumn => c.kind === 'numeric'),
    categorical: table.columns.filter((c): c is CategoricalColumn => c.kind === 'categorical'),
    roles,
    byName: (name) => byName.get(name),
  };
}

/** The filter with empty selections dropped, columns and values sorted, values deduplicated. */
export function canonicalFilter(filter: EdaFilter): EdaSelection[] {
  const out: EdaSelection[] = [];
  for (const s of filter.selections) {
    if (s.values.length === 0) continue;
    const values = [...new Set(s.values)].sort();
    const existing = out.find((o) => o.column === s.column);
    if (existing) throw new UserError(`The filter names the column "${s.column}" twice.`, 'bad-filter');
    out.push({ column: s.column, values });
  }
  out.sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  return out;
}

/** Canonical text of a filter: equal filters give equal keys ('' = no filter). */
export function filterKey(filter: EdaFilter): string {
  const c = canonicalFilter(filter);
  return c.length === 0 ? '' : JSON.stringify(c.map((s) => [s.column, s.values]));
}

/** Checks an untrusted filter (it crossed a thread boundary) and returns it typed. */
export function readFilter(x: unknown): EdaFilter {
  const bad = (why: string): never => {
    throw new UserError(`Malformed EDA filter: ${why}.`, 'bad-filter');
  };
  if (typeof x !== 'object' || x === null) return bad('not an object');
  const selections = (x as { selections?: unknown }).selections;
  if (!Array.isArray(selections)) return bad('no selections');
  const out: EdaSelection[] = [];
  for (const s of selections as unknown[]) {
    if (typeof s !== 'object' || s === null) return bad('a selection is not an object');
    const column = (s as { column?: unknown }).column;
    const values = (s as { values?: unknown }).values;
    if (typeof column !== 'string') return bad('a selection has no column name');
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return bad(`the values for "${column}" are not text`);
    out.push({ column, values: values as string[] });
  }
  return { selections: out };
}

/** The rows of a filter: as a row index and as a membership array (1 = in). */
export interface FilterRows {
  /** Rows matching every selection, ascending (file order). */
  readonly index: Uint32Array;
  /** 1 for those rows, 0 for the others (one byte per row of the table). */
  readonly member: Uint8Array;
}

/**
 * The rows matching every selection; undefined when the filter selects nothing (= all rows:
 * the statistics take their faster whole-column paths).
 */
export function filterSelection(data: EdaData, filter: EdaFilter): FilterRows | undefined {
  const selections = canonicalFilter(filter);
  if (selections.length === 0) return undefined;
  const n = data.table.nRows;
  const keep = new Uint8Array(n).fill(1);
  for (const s of selections) {
    const col = data.byName(s.column);
    if (!col) throw new UserError(`The filter names a column that does not exist: "${s.column}".`, 'bad-filter');
    let codes: Int32Array;
    let dictionary: readonly string[];
    if (col.kind === 'categorical') {
      codes = col.codes;
      dictionary = col.dictionary;
    } else if (data.labelCodes && data.labelCodes.column === col) {
      codes = data.labelCodes.codes;
      dictionary = data.labelCodes.values;
    } else {
      throw new UserError(`Only categorical columns (and the label) can be filtered by value: "${s.column}" is numeric.`, 'bad-filter');
    }
    const wanted = new Set(s.values);
    const allowed = new Uint8Array(dictionary.length);
    for (let c = 0; c < dictionary.length; c++) if (wanted.has(dictionary[c])) allowed[c] = 1;
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (c < 0 || allowed[c] === 0) keep[i] = 0;
    }
  }
  let m = 0;
  for (let i = 0; i < n; i++) m += keep[i];
  const index = new Uint32Array(m);
  let j = 0;
  for (let i = 0; i < n; i++) if (keep[i]) index[j++] = i;
  return { index, member: keep };
}

/** Rows of the selection (all rows when undefined) whose group is `g`. */
export function groupIndex(groups: Uint8Array, g: number, index: Uint32Array | undefined): Uint32Array {
  const n = index ? index.length : groups.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (groups[index ? index[i] : i] === g) m++;
  const out = new Uint32Array(m);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const r = index ? index[i] : i;
    if (groups[r] === g) out[j++] = r;
  }
  return out;
}

export function findRoleColumn(data: EdaData, names: readonly string[]): Column | undefined {
  return findByNames(data.table, names);
}

/** The byte-count pair of a known schema, if both columns are numeric. */
export function bytePair(data: EdaData): [NumericColumn, NumericColumn] | null {
  for (const [a, b] of BYTE_PAIRS) {
    const x = findByNames(data.table, [a]);
    const y = findByNames(data.table, [b]);
    if (x?.kind === 'numeric' && y?.kind === 'numeric') return [x, y];
  }
  return null;
}
