/**
 * One-way ANOVA of a numeric column across the levels of a categorical one, as
 * `scipy.stats.f_oneway(*groups)`.
 *
 * Rows with a missing value (NaN), a missing/out-of-range code (−1) or an infinite value are left
 * out. Groups with fewer than `minGroupSize` rows (default 1) are left out and listed. The sums of
 * squares are computed in two passes (group means first, then deviations from them), which is
 * more accurate than SciPy's `Σx² − (Σx)²/n` form but agrees with it to ~1e-10 on our data.
 */

import { fUpper, type PValue } from './distributions';

export interface AnovaResult extends PValue {
  /** F = (SS_between / (k − 1)) / (SS_within / (N − k)). */
  readonly statistic: number;
  readonly dfBetween: number;
  readonly dfWithin: number;
  /** Rows used (in the groups kept). */
  readonly n: number;
  /** Number of groups kept (k). */
  readonly nGroupsUsed: number;
  /** Per code (length `nGroups`): rows with a finite value, and their mean (NaN when none). */
  readonly groupN: Float64Array;
  readonly groupMean: Float64Array;
  /** Codes with 0 < n < minGroupSize, left out. */
  readonly excludedGroups: readonly number[];
  readonly ssBetween: number;
  readonly ssWithin: number;
  /** η² = SS_between / SS_total. */
  readonly etaSquared: number;
  readonly excludedInfinite: number;
  readonly warning: string | null;
}

export interface AnovaOptions {
  /** Groups with fewer rows are left out (default 1: every non-empty group counts). */
  readonly minGroupSize?: number;
}

export function oneWayAnova(
  values: Float64Array,
  groupCodes: Int32Array,
  nGroups: number,
  index?: Uint32Array,
  options: AnovaOptions = {},
): AnovaResult {
  const minSize = Math.max(1, options.minGroupSize ?? 1);
  const len = index ? index.length : values.length;
  const cnt = new Float64Array(nGroups);
  const sum = new Float64Array(nGroups);
  let inf = 0;
  for (let k = 0; k < len; k++) {
    const i = index ? index[k] : k;
    const c = groupCodes[i];
    if (c < 0 || c >= nGroups) continue;
    const v = values[i];
    if (v !== v) continue;
    if (v === Infinity || v === -Infinity) {
      inf++;
      continue;
    }
    cnt[c]++;
    sum[c] += v;
  }
  const mean = new Float64Array(nGroups);
  const keep = new Uint8Array(nGroups);
  const excludedGroups: number[] = [];
  let n = 0;
  let total = 0;
  let k = 0;
  for (let c = 0; c < nGroups; c++) {
    mean[c] = cnt[c] > 0 ? sum[c] / cnt[c] : NaN;
    if (cnt[c] >= minSize) {
      keep[c] = 1;
      n += cnt[c];
      total += sum[c];
      k++;
    } else if (cnt[c] > 0) excludedGroups.push(c);
  }
  const grand = total / n;
  let ssb = 0;
  for (let c = 0; c < nGroups; c++) {
    if (keep[c]) {
      const d = mean[c] - grand;
      ssb += cnt[c] * d * d;
    }
  }
  let ssw = 0;
  for (let j = 0; j < len; j++) {
    const i = index ? index[j] : j;
    const c = groupCodes[i];
    if (c < 0 || c >= nGroups || !keep[c]) continue;
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const d = v - mean[c];
    ssw += d * d;
  }
  const dfb = k - 1;
  const dfw = n - k;
  const common = {
    dfBetween: dfb,
    dfWithin: dfw,
    n,
    nGroupsUsed: k,
    groupN: cnt,
    groupMean: mean,
    excludedGroups,
    ssBetween: ssb,
    ssWithin: ssw,
    etaSquared: ssb + ssw > 0 ? ssb / (ssb + ssw) : NaN,
    excludedInfinite: inf,
  };
  let warning: string | null = null;
  if (k < 2) warning = `need at least 2 groups with ≥ ${minSize} value(s); found ${k}`;
  else if (!Number.isFinite(ssb) || !Number.isFinite(ssw)) {
    warning = 'values too large: the sums of squares overflow the double range';
  } else if (dfw < 1) warning = 'every group has a single value: no within-group variance';
  else if (!(ssw > 0)) warning = 'every group is constant: zero within-group variance';
  if (warning !== null) {
    return { ...common, statistic: NaN, pValue: NaN, log10p: NaN, warning };
  }
  const statistic = ssb / dfb / (ssw / dfw);
  return {
    ...common,
    statistic,
    ...fUpper(statistic, dfb, dfw),
    warning: inf > 0 ? `${inf} infinite value(s) left out` : null,
  };
}
