/**
 * Logistic regression of the anomaly label on one predictor, matching statsmodels
 * `Logit(y, X).fit()` (Newton, Wald SEs from the inverse information, z-tests, LR test against the
 * intercept-only model, McFadden pseudo-R² = 1 − llf/llnull, Wald 95% CIs with z = 1.96).
 *
 * ## Categorical predictor: closed form
 * With one categorical predictor the model (intercept + one dummy per non-reference level) is
 * saturated per level, so the MLE is the per-level log-odds: p̂ⱼ = yⱼ/nⱼ,
 *   β₀ = logit(p̂_ref),  βⱼ = logit(p̂ⱼ) − logit(p̂_ref),
 * and the inverse information (X'WX)⁻¹ has Var(β₀) = v_ref, Var(βⱼ) = vⱼ + v_ref with
 * vⱼ = 1/(nⱼ p̂ⱼ(1 − p̂ⱼ)) = 1/yⱼ + 1/(nⱼ − yⱼ). One counting pass; no iterations — exactly the
 * point statsmodels' Newton converges to (checked against it in logit.test.ts, 70 levels).
 * The reference level is the most frequent one (ties: lowest code) unless given.
 *
 * ## Numeric predictor: IRLS (Newton) with 2 parameters
 * On the standardized predictor (for conditioning; estimates and covariance are mapped back),
 * starting from zeros like statsmodels, with step halving if the log-likelihood drops.
 *
 * ## Separation: what we report instead of absurd numbers
 * The MLE does not exist when a level has only 0s or only 1s (quasi-separation) or when the
 * predictor splits the classes (complete separation: statsmodels raises PerfectSeparationError;
 * in the quasi case it stops after 35 iterations with a ConvergenceWarning or a singular-matrix
 * error and prints coefficients of ±20–40 with SEs of 10⁴–10⁸). We detect separation exactly
 * from counts (categorical) or from the class ranges (numeric: max x|y=0 vs min x|y=1 and the
 * reverse) before fitting, and then report:
 * - `separation`: 'quasi' or 'complete', `separatedLevels` and per-coefficient `separation`;
 * - coefficient, SE, z, p, odds ratio and CI of the affected coefficients as NaN (for a numeric
 *   predictor: both coefficients); coefficients of non-separated levels are exact (the
 *   likelihood factorises by level);
 * - `llf` as the supremum of the log-likelihood (the limit the diverging fit approaches:
 *   separated rows contribute 0; for a numeric predictor the rows tied at the boundary value
 *   keep their own proportion), hence a finite LR χ² = 2(llf − llnull) with df = number of
 *   slopes, its p-value and pseudo-R². This is the value statsmodels' llr approaches (it agrees
 *   to ~1e-7 when statsmodels returns at all);
 * - `converged: false` and a `warning` that says which levels/values separate.
 * If the reference level itself is separated, the most frequent non-separated level becomes the
 * reference (and the warning says so). If every level is separated (complete), all coefficients
 * are NaN and llf = 0.
 */

import { chi2Upper, normalTwoSided, Z_975 } from './distributions';

export type Separation = 'none' | 'quasi' | 'complete';

export interface LogitCoefficient {
  /** What the coefficient is; `name` alone is ambiguous (a level may be called "intercept"). */
  readonly term: 'intercept' | 'level' | 'slope';
  /** 'intercept', the level name (categorical) or the predictor name (numeric). */
  readonly name: string;
  readonly estimate: number;
  readonly se: number;
  readonly z: number;
  readonly pValue: number;
  readonly log10p: number;
  readonly ci95: readonly [number, number];
  /** exp(estimate) and its Wald CI. */
  readonly oddsRatio: number;
  readonly oddsRatioCi95: readonly [number, number];
  /** Categorical: rows in the level (for the intercept: in the reference level). */
  readonly n?: number;
  /** Categorical: rows with y = 1 in the level. */
  readonly nPositive?: number;
  /** 'all-0' / 'all-1': the level's outcomes are all one class (estimate → ∓∞). */
  readonly separation: 'none' | 'all-0' | 'all-1' | 'separated';
}

export interface LogitResult {
  readonly predictor: 'categorical' | 'numeric';
  readonly method: 'closed-form' | 'irls';
  /** Intercept first. */
  readonly coefficients: readonly LogitCoefficient[];
  /** Categorical: the reference level (absorbed in the intercept); numeric: null. */
  readonly reference: string | null;
  readonly nObs: number;
  readonly nPositive: number;
  /** Log-likelihood at the MLE (its supremum under separation). */
  readonly llf: number;
  readonly llNull: number;
  /** LR χ² = 2(llf − llnull) against the intercept-only model. */
  readonly lrStatistic: number;
  readonly lrDf: number;
  readonly lrPValue: number;
  readonly lrLog10p: number;
  /** McFadden: 1 − llf/llnull. */
  readonly pseudoR2: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly separation: Separation;
  readonly separatedLevels: readonly string[];
  /** Dictionary levels with no usable row (not in the design matrix, as with patsy). */
  readonly absentLevels: readonly string[];
  readonly warning: string | null;
}

const NAN2 = [NaN, NaN] as const;

function coefficient(
  term: LogitCoefficient['term'],
  name: string,
  estimate: number,
  se: number,
  extra: Partial<LogitCoefficient> = {},
): LogitCoefficient {
  const z = estimate / se;
  const p = Number.isFinite(z) ? normalTwoSided(z) : { pValue: NaN, log10p: NaN };
  const lo = estimate - Z_975 * se;
  const hi = estimate + Z_975 * se;
  return {
    term,
    name,
    estimate,
    se,
    z,
    ...p,
    ci95: [lo, hi],
    oddsRatio: Math.exp(estimate),
    oddsRatioCi95: [Math.exp(lo), Math.exp(hi)],
    separation: 'none',
    ...extra,
  };
}

function nanCoefficient(
  term: LogitCoefficient['term'],
  name: string,
  extra: Partial<LogitCoefficient>,
): LogitCoefficient {
  return {
    term,
    name,
    estimate: NaN,
    se: NaN,
    z: NaN,
    pValue: NaN,
    log10p: NaN,
    ci95: NAN2,
    oddsRatio: NaN,
    oddsRatioCi95: NAN2,
    separation: 'separated',
    ...extra,
  };
}

/** n1·ln(n1/n) + n0·ln(n0/n), with 0·ln 0 = 0. */
function binomialLl(n1: number, n: number): number {
  const n0 = n - n1;
  return (n1 > 0 ? n1 * Math.log(n1 / n) : 0) + (n0 > 0 ? n0 * Math.log(n0 / n) : 0);
}

interface Fit {
  llf: number;
  llNull: number;
  df: number;
}

function lrPart(f: Fit) {
  const lr = 2 * (f.llf - f.llNull);
  // Rounding can make a zero LR slightly negative.
  const stat = lr < 0 && lr > -1e-9 * Math.abs(f.llNull) ? 0 : lr;
  const p = f.df > 0 ? chi2Upper(stat, f.df) : { pValue: NaN, log10p: NaN };
  return {
    llf: f.llf,
    llNull: f.llNull,
    lrStatistic: f.df > 0 ? stat : NaN,
    lrDf: f.df,
    lrPValue: p.pValue,
    lrLog10p: p.log10p,
    pseudoR2: f.llNull < 0 ? 1 - f.llf / f.llNull : NaN,
  };
}

function degenerate(
  predictor: 'categorical' | 'numeric',
  method: 'closed-form' | 'irls',
  nObs: number,
  nPositive: number,
  warning: string,
  extra: Partial<LogitResult> = {},
): LogitResult {
  return {
    predictor,
    method,
    coefficients: [],
    reference: null,
    nObs,
    nPositive,
    llf: NaN,
    llNull: nObs > 0 ? binomialLl(nPositive, nObs) : NaN,
    lrStatistic: NaN,
    lrDf: NaN,
    lrPValue: NaN,
    lrLog10p: NaN,
    pseudoR2: NaN,
    converged: false,
    iterations: 0,
    separation: 'none',
    separatedLevels: [],
    absentLevels: [],
    ...extra,
    warning,
  };
}

export interface LogitCategoricalOptions {
  /** Code of the reference level (default: the most frequent level). */
  readonly reference?: number;
}

/**
 * anomaly ~ C(predictor): intercept + one dummy per non-reference level present in the rows.
 * Rows with code −1 (missing) or a label other than 0/1 are left out.
 */
export function logitCategorical(
  codes: Int32Array,
  dictionary: readonly string[],
  y: Uint8Array,
  index?: Uint32Array,
  options: LogitCategoricalOptions = {},
): LogitResult {
  const L = dictionary.length;
  const cnt = new Float64Array(L);
  const pos = new Float64Array(L);
  const len = index ? index.length : codes.length;
  for (let k = 0; k < len; k++) {
    const i = index ? index[k] : k;
    const c = codes[i];
    const g = y[i];
    if (c < 0 || c >= L || g > 1) continue;
    cnt[c]++;
    pos[c] += g;
  }
  let n = 0;
  let n1 = 0;
  const present: number[] = [];
  const absentLevels: string[] = [];
  for (let c = 0; c < L; c++) {
    n += cnt[c];
    n1 += pos[c];
    if (cnt[c] > 0) present.push(c);
    else absentLevels.push(dictionary[c]);
  }
  if (n === 0) return degenerate('categorical', 'closed-form', 0, 0, 'no usable rows');
  if (n1 === 0 || n1 === n) {
    return degenerate(
      'categorical',
      'closed-form',
      n,
      n1,
      `the outcome has a single class (${n1} of ${n} anomalous): nothing to model`,
      { absentLevels },
    );
  }
  if (present.length < 2) {
    return degenerate(
      'categorical',
      'closed-form',
      n,
      n1,
      'the predictor has a single level in these rows: no effect to estimate',
      { absentLevels },
    );
  }
  const isSep = (c: number) => pos[c] === 0 || pos[c] === cnt[c];
  const separatedCodes = present.filter(isSep);
  const separatedLevels = separatedCodes.map((c) => dictionary[c]);
  const notes: string[] = [];

  // Reference: requested, else most frequent; must have both outcomes for finite estimates.
  let ref = -1;
  const requested = options.reference;
  if (requested !== undefined && requested >= 0 && requested < L && cnt[requested] > 0) {
    ref = requested;
  } else if (requested !== undefined) {
    notes.push(`requested reference level has no rows; using the most frequent level`);
  }
  if (ref < 0) {
    for (const c of present) if (ref < 0 || cnt[c] > cnt[ref]) ref = c;
  }
  if (isSep(ref)) {
    let alt = -1;
    for (const c of present) if (!isSep(c) && (alt < 0 || cnt[c] > cnt[alt])) alt = c;
    if (alt >= 0) {
      notes.push(
        `reference "${dictionary[ref]}" has a single outcome class; using "${dictionary[alt]}"`,
      );
      ref = alt;
    }
  }

  const df = present.length - 1;
  const llNull = binomialLl(n1, n);
  let llf = 0;
  for (const c of present) if (!isSep(c)) llf += binomialLl(pos[c], cnt[c]);
  const complete = separatedCodes.length === present.length;
  const separation: Separation = complete ? 'complete' : separatedCodes.length > 0 ? 'quasi' : 'none';

  const coefficients: LogitCoefficient[] = [];
  if (complete) {
    coefficients.push(nanCoefficient('intercept', 'intercept', { n: cnt[ref], nPositive: pos[ref] }));
    for (const c of present) {
      if (c === ref) continue;
      coefficients.push(
        nanCoefficient('level', dictionary[c], {
          n: cnt[c],
          nPositive: pos[c],
          separation: pos[c] === 0 ? 'all-0' : 'all-1',
        }),
      );
    }
  } else {
    const logOdds = (c: number) => Math.log(pos[c] / (cnt[c] - pos[c]));
    const v = (c: number) => 1 / pos[c] + 1 / (cnt[c] - pos[c]);
    const b0 = logOdds(ref);
    const vRef = v(ref);
    coefficients.push(
      coefficient('intercept', 'intercept', b0, Math.sqrt(vRef), { n: cnt[ref], nPositive: pos[ref] }),
    );
    for (const c of present) {
      if (c === ref) continue;
      if (isSep(c)) {
        coefficients.push(
          nanCoefficient('level', dictionary[c], {
            n: cnt[c],
            nPositive: pos[c],
            separation: pos[c] === 0 ? 'all-0' : 'all-1',
          }),
        );
      } else {
        coefficients.push(
          coefficient('level', dictionary[c], logOdds(c) - b0, Math.sqrt(v(c) + vRef), {
            n: cnt[c],
            nPositive: pos[c],
          }),
        );
      }
    }
  }
  if (separation !== 'none') {
    const list = separatedCodes
      .map((c) => `${dictionary[c]} (${pos[c] === 0 ? 'all normal' : 'all anomalous'}, n=${cnt[c]})`)
      .join(', ');
    notes.unshift(
      (complete
        ? 'complete separation: every level has a single outcome class; the MLE does not exist. '
        : 'quasi-separation: the MLE does not exist for some levels (their coefficient → ±∞, shown as NaN). ') +
        `Levels: ${list}. The LR test uses the supremum of the log-likelihood.`,
    );
  }
  return {
    predictor: 'categorical',
    method: 'closed-form',
    coefficients,
    reference: dictionary[ref],
    nObs: n,
    nPositive: n1,
    ...lrPart({ llf, llNull, df }),
    converged: separation === 'none',
    iterations: 0,
    separation,
    separatedLevels,
    absentLevels,
    warning: notes.length > 0 ? notes.join(' ') : null,
  };
}

export interface LogitNumericOptions {
  /** Name of the slope coefficient (default 'x'). */
  readonly name?: string;
  /** Newton iterations (default 100; statsmodels uses 35). */
  readonly maxIter?: number;
  /** Stop when every |Δβ| (standardized scale) < tol (default 1e-10). */
  readonly tol?: number;
}

/**
 * anomaly ~ x for a numeric x (intercept + slope) by IRLS. Rows with x NaN or ±Infinity, or a
 * label other than 0/1, are left out (infinite ones counted in the warning).
 */
export function logitNumeric(
  x: Float64Array,
  y: Uint8Array,
  index?: Uint32Array,
  options: LogitNumericOptions = {},
): LogitResult {
  const name = options.name ?? 'x';
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-10;
  const len = index ? index.length : x.length;
  let n = 0;
  let inf = 0;
  for (let k = 0; k < len; k++) {
    const i = index ? index[k] : k;
    const v = x[i];
    if (v !== v || y[i] > 1) continue;
    if (v === Infinity || v === -Infinity) inf++;
    else n++;
  }
  // Compact copies: every Newton step is a tight loop over contiguous rows.
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let n1 = 0;
  let sx = 0;
  let min0 = Infinity;
  let max0 = -Infinity;
  let min1 = Infinity;
  let max1 = -Infinity;
  for (let k = 0, j = 0; k < len; k++) {
    const i = index ? index[k] : k;
    const v = x[i];
    const g = y[i];
    if (!Number.isFinite(v) || g > 1) continue;
    xs[j] = v;
    ys[j] = g;
    j++;
    sx += v;
    if (g === 1) {
      n1++;
      if (v < min1) min1 = v;
      if (v > max1) max1 = v;
    } else {
      if (v < min0) min0 = v;
      if (v > max0) max0 = v;
    }
  }
  const notes: string[] = [];
  if (inf > 0) notes.push(`${inf} infinite value(s) left out.`);
  if (n === 0) return degenerate('numeric', 'irls', 0, 0, 'no usable rows');
  if (n1 === 0 || n1 === n) {
    return degenerate(
      'numeric',
      'irls',
      n,
      n1,
      `the outcome has a single class (${n1} of ${n} anomalous): nothing to model`,
    );
  }
  const mean = sx / n;
  let ss = 0;
  for (let j = 0; j < n; j++) {
    const d = xs[j] - mean;
    ss += d * d;
  }
  const sd = Math.sqrt(ss / n);
  if (!Number.isFinite(sd) || !Number.isFinite(mean)) {
    return degenerate('numeric', 'irls', n, n1, 'values too large: the predictor overflows the double range');
  }
  if (!(sd > 0)) {
    return degenerate('numeric', 'irls', n, n1, 'the predictor is constant: no slope to estimate');
  }
  const llNull = binomialLl(n1, n);

  // Separation in one dimension: the classes' ranges touch (quasi) or do not overlap (complete).
  let separation: Separation = 'none';
  let boundary = NaN;
  if (max0 < min1 || max1 < min0) separation = 'complete';
  else if (max0 === min1 || max1 === min0) {
    separation = 'quasi';
    boundary = max0 === min1 ? max0 : max1;
  }
  if (separation !== 'none') {
    let llf = 0;
    let msg: string;
    if (separation === 'complete') {
      msg =
        `complete separation: ${name} splits the classes (normal in [${min0}, ${max0}], ` +
        `anomalous in [${min1}, ${max1}]); the MLE does not exist (statsmodels raises ` +
        'PerfectSeparationError). Log-likelihood supremum 0 used for the LR test.';
    } else {
      let nc = 0;
      let nc1 = 0;
      for (let j = 0; j < n; j++) {
        if (xs[j] === boundary) {
          nc++;
          nc1 += ys[j];
        }
      }
      llf = binomialLl(nc1, nc);
      const side = max0 === min1 ? 'above' : 'below';
      msg =
        `quasi-separation: every row with ${name} ${side} ${boundary} is anomalous and every row ` +
        `${side === 'above' ? 'below' : 'above'} it is normal (${nc} rows tie at ${boundary}); ` +
        'the MLE does not exist (the slope → ±∞). The LR test uses the supremum of the log-likelihood.';
    }
    notes.unshift(msg);
    return {
      predictor: 'numeric',
      method: 'irls',
      coefficients: [nanCoefficient('intercept', 'intercept', {}), nanCoefficient('slope', name, {})],
      reference: null,
      nObs: n,
      nPositive: n1,
      ...lrPart({ llf, llNull, df: 1 }),
      converged: false,
      iterations: 0,
      separation,
      separatedLevels: [],
      absentLevels: [],
      warning: notes.join(' '),
    };
  }

  // Newton on z = (x − mean)/sd, parameters (a, b), from zeros like statsmodels. One pass per
  // iteration gives log-likelihood, score and information together (one exp + one log1p per
  // row); the standardized predictor is materialised once.
  const zs = new Float64Array(n);
  for (let j = 0; j < n; j++) zs[j] = (xs[j] - mean) / sd;
  let h00 = 0;
  let h01 = 0;
  let h11 = 0;
  let grad0 = 0;
  let grad1 = 0;
  const pass = (aa: number, bb: number): number => {
    let ll = 0;
    let g0 = 0;
    let g1 = 0;
    let w00 = 0;
    let w01 = 0;
    let w11 = 0;
    for (let j = 0; j < n; j++) {
      const z = zs[j];
      const eta = aa + bb * z;
      const e = Math.exp(-Math.abs(eta));
      const l = Math.log1p(e); // log(1 + e^−|η|)
      const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const yj = ys[j];
      // y ln p + (1 − y) ln(1 − p) = −softplus(∓η), softplus(t) = max(t, 0) + log1p(e^−|t|)
      ll -= yj === 1 ? (eta < 0 ? -eta : 0) + l : (eta > 0 ? eta : 0) + l;
      const w = p * (1 - p);
      const r = yj - p;
      g0 += r;
      g1 += r * z;
      w00 += w;
      w01 += w * z;
      w11 += w * z * z;
    }
    grad0 = g0;
    grad1 = g1;
    h00 = w00;
    h01 = w01;
    h11 = w11;
    return ll;
  };
  let a = 0;
  let b = 0;
  let ll = pass(a, b);
  let converged = false;
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) break;
    const d0 = (h11 * grad0 - h01 * grad1) / det;
    const d1 = (h00 * grad1 - h01 * grad0) / det;
    let step = 1;
    let nll = pass(a + d0, b + d1);
    // Step halving keeps the fit monotone (Newton on the logit likelihood rarely needs it).
    while (nll < ll - 1e-12 * Math.abs(ll) && step > 1e-6) {
      step /= 2;
      nll = pass(a + step * d0, b + step * d1);
    }
    a += step * d0;
    b += step * d1;
    ll = nll;
    if (
      Math.abs(step * d0) < tol * (1 + Math.abs(a)) &&
      Math.abs(step * d1) < tol * (1 + Math.abs(b))
    ) {
      converged = true;
      break;
    }
  }
  // Covariance on the z scale = inverse information at the optimum; map to the x scale with
  // β₁ = b/sd, β₀ = a − b·mean/sd (Jacobian T = [[1, −mean/sd], [0, 1/sd]]).
  const det = h00 * h11 - h01 * h01;
  const c00 = h11 / det;
  const c01 = -h01 / det;
  const c11 = h00 / det;
  const m = mean / sd;
  const beta1 = b / sd;
  const beta0 = a - b * m;
  const var1 = c11 / (sd * sd);
  const var0 = c00 - 2 * m * c01 + m * m * c11;
  if (!converged) {
    notes.unshift(
      `IRLS did not converge in ${iterations} iterations (last |Δ| above ${tol}); estimates may be unreliable.`,
    );
  }
  if (Math.abs(b) > 30) {
    notes.push('fitted probabilities numerically 0 or 1 for some rows (very steep slope).');
  }
  return {
    predictor: 'numeric',
    method: 'irls',
    coefficients: [
      coefficient('intercept', 'intercept', beta0, Math.sqrt(var0)),
      coefficient('slope', name, beta1, Math.sqrt(var1)),
    ],
    reference: null,
    nObs: n,
    nPositive: n1,
    ...lrPart({ llf: ll, llNull, df: 1 }),
    converged,
    iterations,
    separation: 'none',
    separatedLevels: [],
    absentLevels: [],
    warning: notes.length > 0 ? notes.join(' ') : null,
  };
}
