/**
 * Histograms with bins chosen for heavy-tailed traffic data, and windowed sums.
 *
 * Binning rule (numpy's semantics): bins are [e_i, e_{i+1}) except the last, which is closed
 * [e_{B−1}, e_B]; values outside [e_0, e_B] are not counted.
 *
 * Choice of edges:
 * - explicit `edges`: used as given (numpy `histogram(x, bins=edges)`).
 * - linear (default): equal width over [min, max] of the finite values. The count is numpy's
 *   "auto" rule — Freedman–Diaconis (width 2·IQR·n^(−1/3)), falling back to Sturges when the
 *   IQR is 0 (common: mostly-zero columns) and never coarser than Sturges — capped at
 *   `maxBins` (default 100), since a heavy tail would otherwise ask for millions of bins.
 * - `log: true`: equal width in log10(x) over the positive values, the count chosen by the
 *   same rule applied to log10(x). Zeros cannot sit on a log axis: they are counted apart in
 *   `zeros` (not in any bin); negative values are not binned (`excluded`). Meant for
 *   non-negative counts such as bytes and packets.
 * NaN and ±Infinity are never binned (`excluded`).
 */
import { quantileSorted, sortedNonMissing } from './quantile';

export interface HistogramOptions {
  /** Number of bins (equal width, or equal ratio when `log`); default: automatic. */
  readonly bins?: number;
  /** Explicit ascending edges; take precedence over `bins` and `log` spacing. */
  readonly edges?: ArrayLike<number>;
  readonly log?: boolean;
  /** Cap for the automatic bin count (default 100). */
  readonly maxBins?: number;
  readonly index?: Uint32Array;
  /**
   * The selection's non-missing values sorted ascending, when the caller has them (as
   * `sortedNonMissing(values, index)` gives them): spares the sort that chooses the bins.
   */
  readonly sorted?: Float64Array;
}

export interface Histogram {
  /** Bin edges, length `counts.length + 1`, in data units (also in log mode). */
  readonly edges: Float64Array;
  readonly counts: Float64Array;
  readonly log: boolean;
  /** Log mode with automatic edges: zeros, counted here instead of in a bin. Else 0. */
  readonly zeros: number;
  /** Values in no bin and not in `zeros`: missing, infinite, out of range, negative (log). */
  readonly excluded: number;
  /** Values counted in the bins. */
  readonly binned: number;
}

export interface GroupedHistogram {
  readonly edges: Float64Array;
  /** One counts array per group id 0 … nGroups−1, all over the same edges. */
  readonly counts: Float64Array[];
  readonly log: boolean;
  readonly zeros: Float64Array;
  readonly excluded: Float64Array;
  readonly binned: Float64Array;
}

/** Edges plus how to find a bin fast: uniform in x, uniform in log10(x), or by search. */
interface Bins {
  readonly edges: Float64Array;
  readonly spacing: 'linear' | 'log' | 'explicit';
  readonly start: number;
  readonly step: number;
  /** Log mode with automatic edges: zeros and negatives are set apart. */
  readonly positiveOnly: boolean;
}

const DEFAULT_MAX_BINS = 100;

/** numpy "auto" bin count for sorted finite data, capped. */
function autoBinCount(sorted: Float64Array, maxBins: number): number {
  const n = sorted.length;
  const ptp = sorted[n - 1] - sorted[0];
  if (!(ptp > 0)) return 1;
  const sturges = ptp / (Math.log2(n) + 1);
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const fd = (2 * iqr) / Math.cbrt(n);
  const width = fd > 0 ? Math.min(fd, sturges) : sturges;
  return Math.max(1, Math.min(maxBins, Math.ceil(ptp / width)));
}

/** numpy `linspace(lo, hi, bins + 1)`: start + i·step, last edge exactly hi. */
function linspace(lo: number, hi: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const step = (hi - lo) / bins;
  for (let i = 0; i < bins; i++) edges[i] = lo + i * step;
  edges[bins] = hi;
  return edges;
}

function finiteOnly(sorted: Float64Array): Float64Array {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi && sorted[lo] === -Infinity) lo++;
  while (hi > lo && sorted[hi - 1] === Infinity) hi--;
  return sorted.subarray(lo, hi);
}

function chooseBins(values: Float64Array, options: HistogramOptions): Bins {
  const log = options.log ?? false;
  if (options.edges) {
    const edges = Float64Array.from(options.edges);
    return { edges, spacing: 'explicit', start: 0, step: 0, positiveOnly: false };
  }
  const maxBins = Math.max(1, Math.floor(options.maxBins ?? DEFAULT_MAX_BINS));
  const fixed = options.bins !== undefined ? Math.max(1, Math.floor(options.bins)) : 0;
  const sorted = finiteOnly(options.sorted ?? sortedNonMissing(values, options.index));

  if (!log) {
    if (sorted.length === 0) {
      return { edges: new Float64Array(0), spacing: 'explicit', start: 0, step: 0, positiveOnly: false };
    }
    let lo = sorted[0];
    let hi = sorted[sorted.length - 1];
    if (lo === hi) {
      // numpy widens a zero range by ±0.5
      lo -= 0.5;
      hi += 0.5;
    }
    const bins = fixed || autoBinCount(sorted, maxBins);
    const edges = linspace(lo, hi, bins);
    return { edges, spacing: 'linear', start: lo, step: (hi - lo) / bins, positiveOnly: false };
  }

  let first = 0;
  while (first < sorted.length && !(sorted[first] > 0)) first++;
  const logs = new Float64Array(sorted.length - first);
  for (let i = first; i < sorted.length; i++) logs[i - first] = Math.log10(sorted[i]);
  if (logs.length === 0) {
    return { edges: new Float64Array(0), spacing: 'log', start: 0, step: 0, positiveOnly: true };
  }
  let lo = logs[0];
  let hi = logs[logs.length - 1];
  const minPos = sorted[first];
  const maxPos = sorted[sorted.length - 1];
  const single = lo === hi;
  if (single) {
    lo -= 0.5;
    hi += 0.5;
  }
  const bins = fixed || autoBinCount(logs, maxBins);
  const exps = linspace(lo, hi, bins);
  const edges = exps.map((e) => 10 ** e);
  if (!single) {
    // Exact data extremes at the ends, so that 10^(log10(x)) rounding never drops them.
    edges[0] = minPos;
    edges[bins] = maxPos;
  }
  return { edges, spacing: 'log', start: lo, step: (hi - lo) / bins, positiveOnly: true };
}

/** Bin of x (finite), or −1 when outside the edges. The guess is corrected against the edges. */
function binOf(bins: Bins, x: number): number {
  const { edges } = bins;
  const last = edges.length - 2;
  if (last < 0 || !(x >= edges[0] && x <= edges[last + 1])) return -1;
  let b: number;
  if (bins.spacing === 'explicit') {
    // the last edge ≤ x (x == the last edge → the last bin)
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (edges[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  const t = bins.spacing === 'log' ? Math.log10(x) : x;
  b = Math.floor((t - bins.start) / bins.step);
  if (!(b >= 0)) b = 0;
  if (b > last) b = last;
  while (b > 0 && x < edges[b]) b--;
  while (b < last && x >= edges[b + 1]) b++;
  return b;
}

function countInto(
  values: Float64Array,
  bins: Bins,
  index: Uint32Array | undefined,
  groups: ArrayLike<number> | null,
  counts: Float64Array[],
  zeros: Float64Array,
  excluded: Float64Array,
  binned: Float64Array,
): void {
  const n = index ? index.length : values.length;
  const nGroups = counts.length;
  for (let i = 0; i < n; i++) {
    const row = index ? index[i] : i;
    const g = groups ? groups[row] : 0;
    if (!(g >= 0 && g < nGroups)) continue;
    const x = values[row];
    if (x - x !== 0) {
      excluded[g]++;
      continue;
    }
    if (bins.positiveOnly && x <= 0) {
      if (x === 0) zeros[g]++;
      else excluded[g]++;
      continue;
    }
    const b = binOf(bins, x);
    if (b < 0) excluded[g]++;
    else {
      counts[g][b]++;
      binned[g]++;
    }
  }
}

export function histogram(values: Float64Array, options: HistogramOptions = {}): Histogram {
  const bins = chooseBins(values, options);
  const counts = [new Float64Array(Math.max(0, bins.edges.length - 1))];
  const zeros = new Float64Array(1);
  const excluded = new Float64Array(1);
  const binned = new Float64Array(1);
  countInto(values, bins, options.index, null, counts, zeros, excluded, binned);
  return {
    edges: bins.edges,
    counts: counts[0],
    log: options.log ?? false,
    zeros: zeros[0],
    excluded: excluded[0],
    binned: binned[0],
  };
}

export interface GroupedHistogramOptions extends HistogramOptions {
  /** Number of groups (default 2: e.g. 0 = normal, 1 = anomalous). Other ids are skipped. */
  readonly nGroups?: number;
}

/**
 * Histograms of `values` split by `groups[row]` (e.g. `isAnomaly`), all over the same edges,
 * which are chosen from the whole selection (so the overlays are comparable).
 */
export function histogramByGroup(
  values: Float64Array,
  groups: Uint8Array,
  options: GroupedHistogramOptions = {},
): GroupedHistogram {
  const nGroups = Math.max(1, Math.floor(options.nGroups ?? 2));
  const bins = chooseBins(values, options);
  const nBins = Math.max(0, bins.edges.length - 1);
  const counts = Array.from({ length: nGroups }, () => new Float64Array(nBins));
  const zeros = new Float64Array(nGroups);
  const excluded = new Float64Array(nGroups);
  const binned = new Float64Array(nGroups);
  countInto(values, bins, options.index, groups, counts, zeros, excluded, binned);
  return { edges: bins.edges, counts, log: options.log ?? false, zeros, excluded, binned };
}

export interface WindowSums {
  readonly windowSize: number;
  /** Sum of the non-missing values of each window (0 for a window with none, as pandas). */
  readonly sums: Float64Array;
  /** Non-missing values per window. */
  readonly counts: Float64Array;
}

/**
 * Sums over consecutive windows of `windowSize` rows, in file order (or selection order): the
 * "traffic over time" series, since the files carry no timestamps. The last window may be
 * shorter. ±Infinity are summed as pandas does. windowSize < 1 → no windows.
 */
export function windowSums(values: Float64Array, windowSize: number, index?: Uint32Array): WindowSums {
  const w = Math.floor(windowSize);
  const n = index ? index.length : values.length;
  const nWindows = w >= 1 ? Math.ceil(n / w) : 0;
  const sums = new Float64Array(nWindows);
  const counts = new Float64Array(nWindows);
  for (let k = 0; k < nWindows; k++) {
    const end = Math.min(n, (k + 1) * w);
    let s = 0;
    let c = 0;
    for (let i = k * w; i < end; i++) {
      const v = index ? values[index[i]] : values[i];
      if (v === v) {
        s += v;
        c++;
      }
    }
    sums[k] = s;
    counts[k] = c;
  }
  return { windowSize: w, sums, counts };
}
