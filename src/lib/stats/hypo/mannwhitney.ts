/**
 * Mann–Whitney U test, two-sided, asymptotic normal approximation with tie correction and
 * continuity correction — exactly `scipy.stats.mannwhitneyu(anomalous, normal,
 * alternative='two-sided', method='asymptotic', use_continuity=True)` (SciPy ≥ 1.7):
 *
 *   U1 = R1 − n1(n1+1)/2   (R1 = rank sum of the anomalous group, average ranks for ties)
 *   U  = max(U1, n0·n1 − U1),  μ = n0·n1/2,
 *   σ  = √(n0·n1/12 · ((N+1) − Σ(t³ − t)/(N(N−1)))),
 *   z  = (U − μ − 0.5)/σ,  p = min(1, 2·sf(z)).
 *
 * `statistic` is U1, the U of the anomalous group (SciPy's statistic for x = anomalous).
 * Rank-biserial r = 2·U1/(n0·n1) − 1 ∈ [−1, 1]: positive when anomalous values tend to be larger.
 *
 * NaN values (missing) are left out; ±Infinity are ordinary, rankable values.
 * One sort per group (native Float64Array sort) and a merge walk give the rank sum and the tie
 * term without a rank array or an index permutation.
 */

import { normalTwoSidedLog10P, normalTwoSidedP, type PValue } from './distributions';

export interface MannWhitneyResult extends PValue {
  /** U of the anomalous group (group 1). */
  readonly statistic: number;
  /** U of the normal group = n0·n1 − statistic. */
  readonly u0: number;
  /** z as SciPy computes it (from max(U1, U0), continuity-corrected); ≥ −0.5/σ. */
  readonly z: number;
  readonly n0: number;
  readonly n1: number;
  readonly meanRank0: number;
  readonly meanRank1: number;
  /** Σ(t³ − t) over tie blocks. */
  readonly tieTerm: number;
  /** 2·U1/(n0·n1) − 1: the rank-biserial correlation (anomalous vs normal). */
  readonly rankBiserial: number;
  /** U1/(n0·n1): P(anomalous > normal) + ½ P(tie), the common-language effect size. */
  readonly probabilityOfSuperiority: number;
  readonly warning: string | null;
}

export function mannWhitneyU(
  values: Float64Array,
  groups: Uint8Array,
  index?: Uint32Array,
): MannWhitneyResult {
  const len = index ? index.length : values.length;
  let n0 = 0;
  let n1 = 0;
  for (let k = 0; k < len; k++) {
    const i = index ? index[k] : k;
    const v = values[i];
    if (v !== v) continue;
    const g = groups[i];
    if (g === 1) n1++;
    else if (g === 0) n0++;
  }
  const a0 = new Float64Array(n0);
  const a1 = new Float64Array(n1);
  let j0 = 0;
  let j1 = 0;
  for (let k = 0; k < len; k++) {
    const i = index ? index[k] : k;
    const v = values[i];
    if (v !== v) continue;
    const g = groups[i];
    if (g === 1) a1[j1++] = v;
    else if (g === 0) a0[j0++] = v;
  }
  const nan = {
    statistic: NaN,
    u0: NaN,
    z: NaN,
    pValue: NaN,
    log10p: NaN,
    n0,
    n1,
    meanRank0: NaN,
    meanRank1: NaN,
    tieTerm: NaN,
    rankBiserial: NaN,
    probabilityOfSuperiority: NaN,
  };
  if (n0 === 0 || n1 === 0) {
    return { ...nan, warning: `both groups need values (normal: ${n0}, anomalous: ${n1})` };
  }
  a0.sort();
  a1.sort();

  // Merge walk over distinct values: a tie block of t = c0 + c1 equal values occupies ranks
  // pos+1 … pos+t, each getting the average pos + (t+1)/2. All quantities are exact in doubles
  // (half-integers below 2^53 for N up to ~10^5·10^5).
  let i = 0;
  let j = 0;
  let pos = 0;
  let r1 = 0;
  let tie = 0;
  while (i < n0 || j < n1) {
    const v = j >= n1 || (i < n0 && a0[i] <= a1[j]) ? a0[i] : a1[j];
    let c0 = 0;
    while (i < n0 && a0[i] === v) {
      i++;
      c0++;
    }
    let c1 = 0;
    while (j < n1 && a1[j] === v) {
      j++;
      c1++;
    }
    const t = c0 + c1;
    r1 += c1 * (pos + (t + 1) / 2);
    pos += t;
    if (t > 1) tie += t * t * t - t;
  }

  const N = n0 + n1;
  const nn = n0 * n1;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u0 = nn - u1;
  const r0 = (N * (N + 1)) / 2 - r1;
  const effects = {
    statistic: u1,
    u0,
    n0,
    n1,
    meanRank0: r0 / n0,
    meanRank1: r1 / n1,
    tieTerm: tie,
    rankBiserial: (2 * u1) / nn - 1,
    probabilityOfSuperiority: u1 / nn,
  };
  const sigma = Math.sqrt((nn / 12) * (N + 1 - tie / (N * (N - 1))));
  if (!(sigma > 0)) {
    return {
      ...effects,
      z: NaN,
      pValue: NaN,
      log10p: NaN,
      warning: 'all values are tied: the rank test has no information',
    };
  }
  const z = (Math.max(u1, u0) - nn / 2 - 0.5) / sigma;
  // z < 0 only when U = μ (the continuity correction overshoots); SciPy clips p to 1.
  const pValue = z <= 0 ? 1 : Math.min(1, normalTwoSidedP(z));
  const log10p = z <= 0 ? 0 : Math.min(0, normalTwoSidedLog10P(z));
  return { ...effects, z, pValue, log10p, warning: null };
}
