/**
 * Fisher's exact test of a 2 × 2 table, two-sided, as `scipy.stats.fisher_exact(table)`: the sum
 * of the hypergeometric probabilities of every table with the observed margins that is no more
 * likely than the observed one (relative tolerance 1e-7, as SciPy). Used where counts are tiny
 * (urgent > 0 happens on a handful of rows) and the χ² / Wald machinery says little.
 *
 * log Γ comes from @stdlib (`gammaln`); the support is walked once (O(min margin)).
 */
import gammaln from '@stdlib/math-base-special-gammaln';

function lnChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

export interface Fisher2x2 {
  readonly pValue: number;
  /** Sample odds ratio a·d / (b·c) (SciPy's statistic): 0, ∞ or NaN at the edges. */
  readonly oddsRatio: number;
}

/** Table [[a, b], [c, d]]. Non-integer or negative counts give NaN. */
export function fisherExact(a: number, b: number, c: number, d: number): Fisher2x2 {
  const cells = [a, b, c, d];
  if (cells.some((x) => !(x >= 0) || !Number.isInteger(x))) return { pValue: NaN, oddsRatio: NaN };
  const oddsRatio = b * c === 0 ? (a * d === 0 ? NaN : Infinity) : (a * d) / (b * c);
  const r1 = a + b;
  const c1 = a + c;
  const n = a + b + c + d;
  // SciPy: a degenerate margin gives p = 1.
  if (r1 === 0 || c1 === 0 || r1 === n || c1 === n) return { pValue: 1, oddsRatio };
  const lo = Math.max(0, r1 + c1 - n);
  const hi = Math.min(r1, c1);
  const lnDen = lnChoose(n, r1);
  const lnP = (x: number) => lnChoose(c1, x) + lnChoose(n - c1, r1 - x) - lnDen;
  const observed = lnP(a);
  // Tables at most as likely as the observed one, with SciPy's relative slack of 1e-7.
  const bound = observed + Math.log1p(1e-7);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const l = lnP(x);
    if (l <= bound) p += Math.exp(l);
  }
  return { pValue: Math.min(1, p), oddsRatio };
}
