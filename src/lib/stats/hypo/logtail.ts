/**
 * Natural logarithms of far tails of the regularized incomplete gamma and beta functions, for
 * p-values that underflow a double (p < ~1e-308) while the test statistic is perfectly finite,
 * and the upper incomplete gamma where stdlib's own value is inaccurate.
 *
 * The p-values come from @stdlib (`gammainc`, `betainc`); the continued fractions below take
 * over only once stdlib's value is below `LOG_PATH_BELOW` (far in the tail, where they converge
 * fast), and for Q(a, x) also where stdlib's large-x asymptotic series was measured to be
 * inaccurate (see `gammaQ`). There
 *
 *   Q(a, x)   = x^a e^-x / Γ(a) · upperGammaFraction(a, x)            (Boost "method 4")
 *   I_x(a, b) = x^a (1-x)^b / B(a, b) / ibetaFraction2(a, b, x, 1-x)  (Boost ibeta_fraction2)
 *
 * with the power prefix taken in logs (so it cannot underflow) using stdlib's `gammaln`.
 *
 * ## Vendored code and licences
 *
 * `continuedFractionA`, `continuedFractionB`, the term generators of `upperGammaFraction` and
 * `ibetaFraction2` are transcribed from stdlib
 * (@stdlib/math-base-tools-continued-fraction/lib/basic.js,
 *  @stdlib/math-base-special-gammainc/lib/upper_incomplete_gamma_fract.js + upper_gamma_fraction.js,
 *  @stdlib/math-base-special-kernel-betainc/lib/ibeta_fraction2.js),
 * Copyright (c) 2018 The Stdlib Authors, Apache License 2.0
 * (http://www.apache.org/licenses/LICENSE-2.0), which in turn port Boost.Math
 * (boost/math/special_functions/gamma.hpp, beta.hpp; boost/math/tools/fraction.hpp):
 *
 *   (C) Copyright John Maddock 2006.
 *   (C) Copyright Paul A. Bristow 2007.
 *   Use, modification and distribution are subject to the Boost Software License, Version 1.0.
 *   (See http://www.boost.org/LICENSE_1_0.txt)
 *
 * Changes: TypeScript, terms returned through a reused object instead of fresh arrays, the
 * power prefix evaluated in logarithms, the m = 0 term of ibetaFraction2 guarded against 0/0.
 * The algorithms are otherwise unchanged.
 */

import gammainc from '@stdlib/math-base-special-gammainc';
import betainc from '@stdlib/math-base-special-betainc';
import gammaln from '@stdlib/math-base-special-gammaln';

const EPS = 2.220446049250313e-16;
const FLOAT32_SMALLEST_NORMAL = 1.1754943508222875e-38;

/** Below this, stdlib's double p-value is losing relative precision (subnormals start at 2.2e-308). */
export const LOG_PATH_BELOW = 1e-290;

interface Term {
  a: number;
  b: number;
}

/** Modified Lentz, without the leading b0: a1 / (b1 + a2 / (b2 + ...)). (stdlib basic.js) */
function continuedFractionA(next: (t: Term) => void, maxIter: number): number {
  const t: Term = { a: 0, b: 0 };
  next(t);
  let f = t.b;
  const a0 = t.a;
  if (f === 0) f = FLOAT32_SMALLEST_NORMAL;
  let C = f;
  let D = 0;
  let delta = 0;
  do {
    next(t);
    D = t.b + t.a * D;
    if (D === 0) D = FLOAT32_SMALLEST_NORMAL;
    C = t.b + t.a / C;
    if (C === 0) C = FLOAT32_SMALLEST_NORMAL;
    D = 1 / D;
    delta = C * D;
    f *= delta;
  } while (Math.abs(delta - 1) > EPS && --maxIter);
  return a0 / f;
}

/** Modified Lentz, keeping the leading b0: b0 + a1 / (b1 + ...). (stdlib basic.js) */
function continuedFractionB(next: (t: Term) => void, maxIter: number): number {
  const t: Term = { a: 0, b: 0 };
  next(t);
  let f = t.b;
  if (f === 0) f = FLOAT32_SMALLEST_NORMAL;
  let C = f;
  let D = 0;
  let delta = 0;
  do {
    next(t);
    D = t.b + t.a * D;
    if (D === 0) D = FLOAT32_SMALLEST_NORMAL;
    C = t.b + t.a / C;
    if (C === 0) C = FLOAT32_SMALLEST_NORMAL;
    D = 1 / D;
    delta = C * D;
    f *= delta;
  } while (Math.abs(delta - 1) > EPS && --maxIter);
  return f;
}

/** 1 / (z − a + 1 + CF): multiply by z^a e^-z / Γ(a) to get Q(a, z). (stdlib upper_gamma_fraction.js) */
function upperGammaFraction(a: number, z: number): number {
  let zz = z - a + 1;
  let k = 0;
  const cf = continuedFractionA((t) => {
    k += 1;
    zz += 2;
    t.a = k * (a - k);
    t.b = zz;
  }, 1_000_000);
  return 1 / (z - a + 1 + cf);
}

/** Continued fraction of I_x(a, b); divide the power terms by it. (stdlib ibeta_fraction2.js) */
function ibetaFraction2(a: number, b: number, x: number, y: number): number {
  let m = 0;
  return continuedFractionB((t) => {
    let aN = (a + m - 1) * (a + b + m - 1) * m * (b - m) * x * x;
    const denom = a + 2 * m - 1;
    aN /= denom * denom;
    let bN = m;
    // At m = 0 this term is 0 (stdlib/Boost compute 0/0 = NaN when a = 1, a case Boost routes
    // elsewhere; we need it for df = 2).
    if (m > 0) bN += (m * (b - m) * x) / (a + 2 * m - 1);
    bN += ((a + m) * (a * y - b * x + 1 + m * (2 - x))) / (a + 2 * m + 1);
    m += 1;
    t.a = aN;
    t.b = bN;
  }, 1000);
}

/**
 * Q(a, x) and ln Q(a, x), the regularized upper incomplete gamma function, without underflow.
 *
 * stdlib's `gammainc` is used except in two regions where its value is wrong or zero:
 * - x > 1000 with a < x + 50: stdlib (like Boost) switches to an asymptotic series there, which we
 *   measured (against mpmath, 40 digits) to be off by up to ~1% for a ≳ 500 and ~1e-6 for
 *   a ≈ 100–300 — the continued fraction below is accurate to ~1e-14 there;
 * - Q below 1e-290, where the double loses precision and then underflows.
 * NaN for a ≤ 0, x < 0 or NaN input.
 */
export function gammaQ(a: number, x: number): { q: number; logq: number } {
  if (!(a > 0) || !(x >= 0)) return { q: NaN, logq: NaN };
  if (x === Infinity) return { q: 0, logq: -Infinity };
  if (x > 1000 && a < x + 50) {
    const logq = logGammaQFraction(a, x);
    return { q: Math.exp(logq), logq };
  }
  const q = gammainc(x, a, true, true);
  // The continued fraction is Boost's choice for x > a (and x ≥ 1.1); a tiny Q implies x ≫ a.
  if (q >= LOG_PATH_BELOW || !(x > a + 1) || x < 1.1) return { q, logq: Math.log(q) };
  const logq = logGammaQFraction(a, x);
  return { q: Math.exp(logq), logq };
}

/** ln Q(a, x) = a ln x − x − ln Γ(a) + ln(upperGammaFraction(a, x)). */
function logGammaQFraction(a: number, x: number): number {
  return a * Math.log(x) - x - gammaln(a) + Math.log(upperGammaFraction(a, x));
}

/** ln Q(a, x) (see `gammaQ`). */
export function logGammaQ(a: number, x: number): number {
  return gammaQ(a, x).logq;
}

/**
 * ln I_x(a, b), the regularized lower incomplete beta function, without underflow.
 * Pass ln x and ln y (y = 1 − x) computed accurately by the caller, plus x and y themselves:
 * in the tails one of them is close to 1 and `1 − x` would lose digits.
 */
export function logBetaI(
  a: number,
  b: number,
  x: number,
  y: number,
  lnx: number,
  lny: number,
): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1) || Number.isNaN(lnx)) return NaN;
  if (lnx === -Infinity) return -Infinity;
  // x may have underflowed to 0 while ln x is finite: then only the fraction path applies.
  const p = x > 0 ? betainc(x, a, b, true, false) : 0;
  // Far lower tail only (x well below the mean a/(a+b)), where ibeta_fraction2 converges.
  if (p >= LOG_PATH_BELOW || !(x < a / (a + b))) return Math.log(p);
  const logPower = a * lnx + b * lny - (gammaln(a) + gammaln(b) - gammaln(a + b));
  return logPower - Math.log(ibetaFraction2(a, b, x, y));
}
