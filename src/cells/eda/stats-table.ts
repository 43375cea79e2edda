/**
 * Columns of the statistics table and how each cell is shown: the raw number goes into
 * `data-value` (DESIGN §7), a formatted one into the text.
 */
import type { EdaStatRow } from '../../../workers/protocol-eda';
import { formatInt, formatNumber } from '../../ui/format';

export type StatKey = Exclude<keyof EdaStatRow, 'column' | 'kind' | 'topCount'>;

export interface StatColumn {
  readonly key: StatKey;
  readonly label: string;
  readonly title: string;
}

export const STAT_COLUMNS: readonly StatColumn[] = [
  { key: 'count', label: 'count', title: 'non-missing values' },
  { key: 'missing', label: 'missing', title: 'missing values' },
  { key: 'mean', label: 'mean', title: 'arithmetic mean' },
  { key: 'std', label: 'std', title: 'standard deviation (ddof = 1)' },
  { key: 'min', label: 'min', title: 'minimum' },
  { key: 'p25', label: '25%', title: '25th percentile (linear interpolation)' },
  { key: 'median', label: '50%', title: 'median' },
  { key: 'p75', label: '75%', title: '75th percentile (linear interpolation)' },
  { key: 'max', label: 'max', title: 'maximum' },
  { key: 'skew', label: 'skew', title: 'skewness (adjusted Fisher–Pearson, as pandas)' },
  { key: 'kurtosis', label: 'kurtosis', title: 'excess kurtosis (bias-corrected, as pandas)' },
  { key: 'zerosPct', label: 'zeros %', title: 'share of values equal to 0' },
  { key: 'distinct', label: 'distinct', title: 'distinct non-missing values' },
  { key: 'top', label: 'top', title: 'most frequent category (count)' },
];

/** The raw value for `data-value`: a number's shortest round-trip text, a category as is, '' for none. */
export function rawStat(row: EdaStatRow, key: StatKey): string {
  const v = row[key];
  if (v === null) return '';
  return typeof v === 'number' ? String(v) : v;
}

/** The visible text of a cell (blank — as a dash — where the statistic does not apply). */
export function showStat(row: EdaStatRow, key: StatKey): string {
  const v = row[key];
  if (key === 'top') return row.top === null ? '—' : `${row.top} (${formatInt(row.topCount)})`;
  if (typeof v !== 'number') return '—';
  if (key === 'count' || key === 'missing' || key === 'distinct') return formatInt(v);
  if (key === 'zerosPct') return Number.isNaN(v) ? '—' : `${formatNumber(v, 3)}%`;
  return formatNumber(v, 4);
}
