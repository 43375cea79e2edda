/**
 * Which column each hypothesis panel tests, on data that may not be NSL-KDD: the NSL-KDD name
 * first, then the same quantity under the names of the other layouts the loader recognises
 * (UNSW-NB15: `sbytes`, `proto`, `state`; CIC-IDS2017: `Total Length of Fwd Packets`, ...).
 * Names compare exactly first, then trimmed and case-insensitively (CIC headers carry leading
 * spaces).
 */
import type { Column, SchemaId, Table } from '../src/lib/table/types';
import type { HypothesisId } from './protocol-hypo';

export const PANEL_COLUMNS: ReadonlyMap<HypothesisId, readonly string[]> = new Map<HypothesisId, readonly string[]>([
  ['ttest-src_bytes', ['src_bytes', 'sbytes', 'Total Length of Fwd Packets', 'TotLen Fwd Pkts']],
  ['ttest-dst_bytes', ['dst_bytes', 'dbytes', 'Total Length of Bwd Packets', 'TotLen Bwd Pkts']],
  ['chi2-protocol_type', ['protocol_type', 'proto', 'protocol']],
  ['chi2-service', ['service']],
  ['logit-flag', ['flag', 'state']],
  ['logit-urgent', ['urgent', 'URG Flag Count', 'urg_flag_count']],
]);

/** Columns that restate the label (or are assigned from it) in known layouts: not features. */
const LABEL_DERIVED: ReadonlyMap<SchemaId, ReadonlyMap<string, string>> = new Map<SchemaId, ReadonlyMap<string, string>>([
  ['nsl-kdd', new Map([['level', 'the difficulty level assigned by the data set’s authors, not a traffic feature']])],
  ['nsl-kdd-kaggle', new Map([['last_flag', 'the difficulty level assigned by the data set’s authors, not a traffic feature']])],
  ['unsw-nb15', new Map([['attack_cat', 'the attack category: another form of the label']])],
]);

const norm = (s: string) => s.trim().toLowerCase();

/** The first column matching one of `names` (exact, then trimmed/case-insensitive), except `exclude`. */
export function findColumn(table: Table, names: readonly string[], exclude: string | null): Column | undefined {
  const usable = table.columns.filter((c) => c.name !== exclude);
  for (const name of names) {
    const exact = usable.find((c) => c.name === name);
    if (exact) return exact;
  }
  for (const name of names) {
    const n = norm(name);
    const loose = usable.find((c) => norm(c.name) === n || norm(c.sourceName) === n);
    if (loose) return loose;
  }
  return undefined;
}

/** Why a column is not screened (null = it is). */
export function skipReason(schema: SchemaId, column: string): string | null {
  return LABEL_DERIVED.get(schema)?.get(column) ?? null;
}

/** Attack-type columns besides the label (UNSW-NB15's attack_cat). */
export const ATTACK_TYPE_COLUMNS: readonly string[] = ['attack_cat', 'attack_type', 'attack', 'category'];

/** A categorical view of a column: numeric columns with few distinct values become levels. */
export interface Levels {
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

/** Numeric columns with at most this many distinct values count as categorical here. */
export const MAX_NUMERIC_LEVELS = 100;

export function asLevels(col: Column): Levels | null {
  if (col.kind === 'categorical') return { codes: col.codes, dictionary: col.dictionary };
  const v = col.values;
  const distinct = new Set<number>();
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) continue;
    distinct.add(x);
    if (distinct.size > MAX_NUMERIC_LEVELS) return null;
  }
  const sorted = [...distinct].sort((a, b) => a - b);
  const code = new Map<number, number>();
  sorted.forEach((x, i) => code.set(x, i));
  const codes = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    codes[i] = x !== x ? -1 : (code.get(x) ?? -1);
  }
  return { codes, dictionary: sorted.map((x) => String(x)) };
}
