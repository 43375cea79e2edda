/**
 * "Traffic over time" along a real time column, when the data has one (UNSW-NB15 `Stime`,
 * CIC-IDS2017 `Timestamp`, ...): the column becomes a number per row, and rows are summed over
 * equal spans of it. NSL-KDD has no time column: the caller then uses windows of records.
 */
import type { Column, NumericColumn } from '../src/lib/table/types';

export interface TimeAxis {
  /** Time of each row (NaN = none): epoch milliseconds, or the column's own numbers. */
  readonly t: Float64Array;
  readonly kind: 'epoch-ms' | 'number';
  readonly column: string;
}

/**
 * A numeric column in epoch seconds (years 2001–5138) or milliseconds becomes a date axis;
 * other numbers stay numbers. A text column is a date axis when at least 90% of its distinct
 * values parse as dates (`Date.parse`, so local time for zone-less stamps such as CIC's).
 */
export function timeAxisOf(col: Column | undefined, nRows: number): TimeAxis | null {
  if (col?.kind === 'numeric') {
    const v = col.values;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x - x === 0) {
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    if (!(lo <= hi)) return null;
    if (lo >= 1e9 && hi < 1e11) return { t: v.map((x) => x * 1000), kind: 'epoch-ms', column: col.name };
    if (lo >= 1e12 && hi < 1e14) return { t: v, kind: 'epoch-ms', column: col.name };
    return { t: v, kind: 'number', column: col.name };
  }
  if (col?.kind === 'categorical' && col.dictionary.length > 0) {
    const parsed = col.dictionary.map((s) => Date.parse(s.trim()));
    const ok = parsed.filter((x) => Number.isFinite(x)).length;
    if (ok < 0.9 * parsed.length) return null;
    const t = new Float64Array(nRows);
    const codes = col.codes;
    for (let i = 0; i < nRows; i++) {
      const c = codes[i];
      t[i] = c >= 0 ? parsed[c] : NaN;
    }
    return { t, kind: 'epoch-ms', column: col.name };
  }
  return null;
}

export interface TimeSums {
  readonly starts: Float64Array;
  readonly counts: Float64Array;
  readonly sums: Float64Array[];
  /** Rows of the selection without a (finite) time. */
  readonly untimed: number;
}

/** Rows and sums of `series` over `bins` equal spans of the selection's time range; null if no row has a time. */
export function sumByTime(t: Float64Array, index: Uint32Array | undefined, nRows: number, series: readonly NumericColumn[], bins: number): TimeSums | null {
  const n = index ? index.length : nRows;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = t[index ? index[i] : i];
    if (v - v !== 0) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return null;
  const nBins = hi > lo ? bins : 1;
  const width = hi > lo ? (hi - lo) / nBins : 1;
  const counts = new Float64Array(nBins);
  const sums = series.map(() => new Float64Array(nBins));
  let untimed = 0;
  for (let i = 0; i < n; i++) {
    const r = index ? index[i] : i;
    const v = t[r];
    if (!(v >= lo && v <= hi)) {
      untimed++;
      continue;
    }
    const b = Math.min(nBins - 1, Math.floor((v - lo) / width));
    counts[b]++;
    for (let s = 0; s < series.length; s++) {
      const x = series[s].values[r];
      if (x === x) sums[s][b] += x;
    }
  }
  return { starts: Float64Array.from({ length: nBins }, (_, b) => lo + b * width), counts, sums, untimed };
}
