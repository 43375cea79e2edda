/**
 * Two-sample t-tests of a numeric column between the anomalous (group 1) and normal (group 0)
 * rows, as `scipy.stats.ttest_ind(anomalous, normal, equal_var=False | True)`: the statistic is
 * anomalous minus normal.
 *
 * Rows whose value is NaN (missing) or ±Infinity (no mean exists) are left out and counted; rows
 * whose group is neither 0 nor 1 are left out (callers may mark unknown labels with e.g. 255).
 * Degenerate input — fewer than 2 values in a group, zero variance in both groups (a constant
 * column) — gives NaN statistics and a `warning`, as SciPy gives nan; it never throws.
 *
 * Effect sizes: Cohen's d with the pooled SD; Hedges' g = J·d with J = 1 − 3/(4(n0+n1−2) − 1);
 * the 95% CI of g is the normal approximation g ± z·J·√((n0+n1)/(n0·n1) + d²/(2(n0+n1))).
 */

import { type PValue, tQuantile, tTwoSided, Z_975 } from './distributions';

export interface TTestResult extends PValue {
  readonly test: 'welch' | 'student';
  /** t of mean1 − mean0 (anomalous minus normal). */
  readonly statistic: number;
  /** Welch–Satterthwaite df (welch) or n0 + n1 − 2 (student). */
  readonly df: number;
  readonly meanDiff: number;
  /** Standard error of `meanDiff` under the test's variance assumption. */
  readonly seDiff: number;
  readonly ci95: readonly [number, number];
  readonly n0: number;
  readonly n1: number;
  readonly mean0: number;
  readonly mean1: number;
  readonly sd0: number;
  readonly sd1: number;
  readonly cohensD: number;
  readonly hedgesG: number;
  readonly gCi95: readonly [number, number];
  /** Rows left out because the value was ±Infinity (NaN rows are simply missing). */
  readonly excludedInfinite: number;
  readonly warning: string | null;
}

export interface GroupMoments {
  n0: number;
  n1: number;
  mean0: number;
  mean1: number;
  /** Sums of squared deviations from the group mean. */
  ss0: number;
  ss1: number;
  excludedInfinite: number;
}

/**
 * Two passes (sums, then squared deviations) for accuracy on byte counts up to 1e9.
 * Hot loops, written plainly: the group enters as a 0/1 multiplier rather than a branch (labels
 * come unordered), and the all-rows and index loops are separate small functions so each stays
 * monomorphic. Rows with a label > 1 or a non-finite value are skipped.
 */
export function groupMoments(
  values: Float64Array,
  groups: Uint8Array,
  index?: Uint32Array,
): GroupMoments {
  const s = index ? sumsIndexed(values, groups, index) : sumsAll(values, groups);
  const n0 = s[0];
  const n1 = s[1];
  const mean0 = n0 > 0 ? s[2] / n0 : NaN;
  const mean1 = n1 > 0 ? s[3] / n1 : NaN;
  // NaN means would poison the branchless sums; an empty group's mean is never used.
  const m0 = n0 > 0 ? mean0 : 0;
  const m1 = n1 > 0 ? mean1 : 0;
  const q = index ? squaresIndexed(values, groups, index, m0, m1) : squaresAll(values, groups, m0, m1);
  return { n0, n1, mean0, mean1, ss0: q[0], ss1: q[1], excludedInfinite: s[4] };
}

/** [n0, n1, sum0, sum1, infinite]. */
function sumsAll(values: Float64Array, groups: Uint8Array): number[] {
  let n = 0;
  let n1 = 0;
  let s1 = 0;
  let s0 = 0;
  let inf = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const g = groups[i];
    if (v - v !== 0 || g > 1) {
      // NaN or ±Infinity (v − v is NaN for both), or an unknown label
      if (g <= 1 && (v === Infinity || v === -Infinity)) inf++;
      continue;
    }
    n++;
    n1 += g;
    s0 += (1 - g) * v;
    s1 += g * v;
  }
  return [n - n1, n1, s0, s1, inf];
}

function sumsIndexed(values: Float64Array, groups: Uint8Array, index: Uint32Array): number[] {
  let n = 0;
  let n1 = 0;
  let s1 = 0;
  let s0 = 0;
  let inf = 0;
  for (let k = 0; k < index.length; k++) {
    const i = index[k];
    const v = values[i];
    const g = groups[i];
    if (v - v !== 0 || g > 1) {
      if (g <= 1 && (v === Infinity || v === -Infinity)) inf++;
      continue;
    }
    n++;
    n1 += g;
    s0 += (1 - g) * v;
    s1 += g * v;
  }
  return [n - n1, n1, s0, s1, inf];
}

function squaresAll(values: Float64Array, groups: Uint8Array, m0: number, m1: number): number[] {
  let ss0 = 0;
  let ss1 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const g = groups[i];
    if (v - v !== 0 || g > 1) continue;
    const d0 = v - m0;
    const d1 = v - m1;
    ss0 += (1 - g) * d0 * d0;
    ss1 += g * d1 * d1;
  }
  return [ss0, ss1];
}

function squaresIndexed(
  values: Float64Array,
  groups: Uint8Array,
  index: Uint32Array,
  m0: number,
  m1: number,
): number[] {
  let ss0 = 0;
  let ss1 = 0;
  for (let k = 0; k < index.length; k++) {
    const i = index[k];
    const v = values[i];
    const g = groups[i];
    if (v - v !== 0 || g > 1) continue;
    const d0 = v - m0;
    const d1 = v - m1;
    ss0 += (1 - g) * d0 * d0;
    ss1 += g * d1 * d1;
  }
  return [ss0, ss1];
}

function tTest(
  values: Float64Array,
  groups: Uint8Array,
  index: Uint32Array | undefined,
  equalVar: boolean,
): TTestResult {
  const m = groupMoments(values, groups, index);
  const { n0, n1, mean0, mean1 } = m;
  const v0 = n0 > 1 ? m.ss0 / (n0 - 1) : NaN;
  const v1 = n1 > 1 ? m.ss1 / (n1 - 1) : NaN;
  const meanDiff = mean1 - mean0;
  const base = {
    test: equalVar ? ('student' as const) : ('welch' as const),
    meanDiff,
    n0,
    n1,
    mean0,
    mean1,
    sd0: Math.sqrt(v0),
    sd1: Math.sqrt(v1),
    excludedInfinite: m.excludedInfinite,
  };
  const nan2 = [NaN, NaN] as const;
  if (n0 < 2 || n1 < 2) {
    return {
      ...base,
      statistic: NaN,
      df: NaN,
      pValue: NaN,
      log10p: NaN,
      seDiff: NaN,
      ci95: nan2,
      cohensD: NaN,
      hedgesG: NaN,
      gCi95: nan2,
      warning: `each group needs at least 2 values (normal: ${n0}, anomalous: ${n1})`,
    };
  }

  const dfPooled = n0 + n1 - 2;
  const sp2 = (m.ss0 + m.ss1) / dfPooled;
  let se: number;
  let df: number;
  if (equalVar) {
    se = Math.sqrt(sp2 * (1 / n0 + 1 / n1));
    df = dfPooled;
  } else {
    const a0 = v0 / n0;
    const a1 = v1 / n1;
    se = Math.sqrt(a0 + a1);
    df = ((a0 + a1) * (a0 + a1)) / ((a0 * a0) / (n0 - 1) + (a1 * a1) / (n1 - 1));
  }

  // Effect sizes need only the pooled SD.
  const sp = Math.sqrt(sp2);
  const d = sp > 0 ? meanDiff / sp : NaN;
  const J = 1 - 3 / (4 * dfPooled - 1);
  const g = J * d;
  const seG = J * Math.sqrt((n0 + n1) / (n0 * n1) + (d * d) / (2 * (n0 + n1)));
  const gCi95 = [g - Z_975 * seG, g + Z_975 * seG] as const;

  if (!Number.isFinite(se) || !Number.isFinite(sp2)) {
    return {
      ...base,
      statistic: NaN,
      df: NaN,
      pValue: NaN,
      log10p: NaN,
      seDiff: NaN,
      ci95: nan2,
      cohensD: NaN,
      hedgesG: NaN,
      gCi95: nan2,
      warning: 'values too large: the variance overflows the double range (rescale the column)',
    };
  }
  if (!(se > 0)) {
    return {
      ...base,
      statistic: NaN,
      df: equalVar ? df : NaN,
      pValue: NaN,
      log10p: NaN,
      seDiff: se,
      ci95: nan2,
      cohensD: NaN,
      hedgesG: NaN,
      gCi95: nan2,
      warning:
        meanDiff === 0
          ? 'zero variance: the column is constant in both groups'
          : 'zero variance within both groups (each group is constant): t is undefined',
    };
  }

  const statistic = meanDiff / se;
  const q = tQuantile(0.975, df);
  return {
    ...base,
    statistic,
    df,
    ...tTwoSided(statistic, df),
    seDiff: se,
    ci95: [meanDiff - q * se, meanDiff + q * se],
    cohensD: d,
    hedgesG: g,
    gCi95,
    warning:
      m.excludedInfinite > 0 ? `${m.excludedInfinite} infinite value(s) left out` : null,
  };
}

/** Welch's unequal-variance t-test (the panels' main test), anomalous minus normal. */
export function welchTTest(
  values: Float64Array,
  groups: Uint8Array,
  index?: Uint32Array,
): TTestResult {
  return tTest(values, groups, index, false);
}

/** Student's pooled-variance t-test, anomalous minus normal. */
export function studentTTest(
  values: Float64Array,
  groups: Uint8Array,
  index?: Uint32Array,
): TTestResult {
  return tTest(values, groups, index, true);
}
