/**
 * The statistics table as a danfojs DataFrame (DESIGN §3: Danfo is the data's dataframe face).
 * Small — one row per column of the dataset — so building it is cheap; the numbers themselves
 * come from src/lib/stats (Danfo's own `describe()` is quadratic, DESIGN §4).
 */
import { DataFrame } from 'danfojs';
import type { EdaStatRow } from './protocol-eda';

/** The frame's columns, in order (the index holds the dataset's column names). */
export const STATS_FRAME_COLUMNS = [
  'count',
  'missing',
  'mean',
  'std',
  'min',
  'p25',
  'median',
  'p75',
  'max',
  'skew',
  'kurtosis',
  'zerosPct',
  'distinct',
  'top',
] as const;

let last: { rows: readonly EdaStatRow[]; frame: DataFrame } | null = null;

export function statsFrame(rows: readonly EdaStatRow[]): DataFrame {
  if (last && last.rows === rows) return last.frame;
  const data = rows.map((r) => [r.count, r.missing, r.mean, r.std, r.min, r.p25, r.median, r.p75, r.max, r.skew, r.kurtosis, r.zerosPct, r.distinct, r.top ?? '']);
  const dtypes = STATS_FRAME_COLUMNS.map((c) => (c === 'top' ? 'string' : 'float32'));
  const frame =
    rows.length > 0
      ? new DataFrame(data, { columns: [...STATS_FRAME_COLUMNS], index: rows.map((r) => r.column), dtypes, config: { lowMemoryMode: true } })
      : new DataFrame([], { columns: [...STATS_FRAME_COLUMNS] });
  last = { rows, frame };
  return frame;
}
