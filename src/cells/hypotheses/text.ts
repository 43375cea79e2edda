/**
 * What each panel says in words: its hypotheses, the test and why, and a one-sentence
 * conclusion at the user's α (pure functions of the worker's results; no DOM).
 */
import type {
  CategoricalColumnTest,
  Chi2Panel,
  Chi2Summary,
  HypothesisPanel,
  LabelSplit,
  MainTest,
  LogitFlagPanel,
  NumericColumnTest,
  UrgentPanel,
  VolumePanel,
  VolumeScale,
} from '../../../workers/protocol-hypo';
import { decide, formatAlpha, formatInt, formatP, formatPercent, formatStat, magnitudeD, magnitudeV } from './format';

export interface Hypotheses {
  readonly h0: string;
  readonly h1: string;
  /** The test used, and why it suits these data. */
  readonly test: string;
}

export type Scale = 'raw' | 'log1p';

export function scaleOf(panel: VolumePanel, scale: Scale): VolumeScale {
  return scale === 'log1p' && panel.log1p ? panel.log1p : panel.raw;
}

function valueName(column: string, scale: Scale): string {
  return scale === 'log1p' ? `log1p(${column})` : column;
}

export function volumeHypotheses(panel: VolumePanel, scale: Scale): Hypotheses {
  const v = valueName(panel.column, scale);
  const w = scaleOf(panel, scale).welch;
  const ratio = w.sd0 > 0 && w.sd1 > 0 ? Math.max(w.sd0 / w.sd1, w.sd1 / w.sd0) : NaN;
  return {
    h0: `Normal and anomalous connections have the same mean ${v}.`,
    h1: `The mean ${v} of anomalous connections differs from that of normal ones (two-sided).`,
    test:
      `Welch’s t-test compares the two means without assuming equal variances` +
      (Number.isFinite(ratio) ? ` (here the groups’ standard deviations differ by a factor of ${formatStat(ratio, 3)})` : '') +
      `; Student’s pooled-variance t is shown on request. A one-way ANOVA extends the comparison to every attack type. ` +
      `Bytes are heavy-tailed (skewness ${formatStat(panel.skewness, 3)}; ${formatPercent(panel.zeroShare.normal, 0)} of normal and ` +
      `${formatPercent(panel.zeroShare.anomalous, 0)} of anomalous connections send none), so a few huge transfers drive the means: ` +
      `the Mann–Whitney U test compares the whole distributions by ranks and is the robust check.`,
  };
}

export function volumeConclusion(panel: VolumePanel, scale: Scale, alpha: number): string {
  const s = scaleOf(panel, scale);
  const w = s.welch;
  const v = valueName(panel.column, scale);
  const a = formatAlpha(alpha);
  const mw = panel.mannWhitney;
  const mwDecision = decide(mw.pValue, mw.log10p, alpha);
  const d = decide(w.pValue, w.log10p, alpha);
  if (d === 'undetermined') return `The t-test is undefined here (${w.warning ?? 'degenerate data'}).`;
  const mag = magnitudeD(w.hedgesG) ?? 'undefined';
  const mwP = `Mann–Whitney p ${pWord(mw.pValue, mw.log10p)}, rank-biserial r = ${formatStat(mw.rankBiserial, 2)}`;
  const rankUp = mw.rankBiserial > 0;
  const meanUp = w.meanDiff > 0;
  let rank: string;
  if (mwDecision !== 'reject') rank = `the rank test finds no difference in typical values (${mwP})`;
  else if (d === 'reject' && rankUp !== meanUp) {
    rank =
      `but the rank test points the other way: typical anomalous values are ${rankUp ? 'higher' : 'lower'} (${mwP}) — ` +
      `the ${meanUp ? 'higher' : 'lower'} mean comes from a few extreme values`;
  } else rank = `the rank test finds typical anomalous values ${rankUp ? 'higher' : 'lower'} (${mwP})`;
  if (d === 'reject') {
    const joiner = rank.startsWith('but') ? ', ' : ', and ';
    return (
      `At α = ${a}, anomalous connections have a ${meanUp ? 'higher' : 'lower'} mean ${v} than normal ones ` +
      `(${formatStat(w.mean1)} vs ${formatStat(w.mean0)}, p ${pWord(w.pValue, w.log10p)}), a ${mag} effect (Hedges’ g = ${formatStat(w.hedgesG, 3)})${joiner}${rank}.`
    );
  }
  return (
    `At α = ${a}, the data do not show that the mean ${v} differs between anomalous and normal connections ` +
    `(p ${pWord(w.pValue, w.log10p)}, Hedges’ g = ${formatStat(w.hedgesG, 3)})${mwDecision === 'reject' ? ', but' : ', and'} ${rank}.`
  );
}

/** "= 0.0130" or "≈ 7.2 × 10⁻¹⁷⁵⁸" (the formatted p with its relation). */
export function pWord(p: number, log10p: number): string {
  const t = formatP(p, log10p);
  return t.startsWith('≈') || t.startsWith('<') ? t : `= ${t}`;
}

export function chi2Hypotheses(column: string, r: Chi2Summary): Hypotheses {
  return {
    h0: `${column} and the label are independent: the share of anomalous connections is the same for every ${column} value.`,
    h1: `The share of anomalous connections depends on ${column}.`,
    test:
      `Pearson’s χ² test of independence on the ${formatInt(r.nRows)} × ${r.nCols} contingency table of ${column} by label ` +
      `(both variables are categorical; the expected counts assume independence). ` +
      (r.yates
        ? 'This is a 2 × 2 table, so Yates’ continuity correction is applied, as SciPy does. '
        : 'Yates’ continuity correction applies only to 2 × 2 tables, so none here. ') +
      `Cramér’s V measures the strength of the association (0 = none, 1 = the value determines the label); ` +
      `adjusted residuals beyond ±2 mark the cells that deviate most.`,
  };
}

export function chi2Conclusion(column: string, r: Chi2Summary, alpha: number): string {
  const a = formatAlpha(alpha);
  const d = decide(r.pValue, r.log10p, alpha);
  if (d === 'undetermined') return `The χ² test is undefined here (${r.warning ?? 'degenerate table'}).`;
  const mag = magnitudeV(r.cramersV) ?? 'undefined';
  if (d === 'retain') {
    return `At α = ${a}, there is no evidence that the share of anomalies depends on ${column} (p ${pWord(r.pValue, r.log10p)}, Cramér’s V = ${formatStat(r.cramersV, 3)}).`;
  }
  // The level with the largest excess of anomalies (adjusted residual of the anomalous column).
  const t = r.table;
  let best = -1;
  for (let i = 0; i < t.levels.length; i++) if (best < 0 || t.adjusted[2 * i + 1] > t.adjusted[2 * best + 1]) best = i;
  const excess =
    best >= 0 && t.adjusted[2 * best + 1] > 2
      ? `; anomalies are most over-represented for ${column} = ${t.levels[best]} (${formatPercent(t.observed[2 * best + 1] / (t.observed[2 * best] + t.observed[2 * best + 1]), 0)} anomalous, adjusted residual ${formatStat(t.adjusted[2 * best + 1], 3)})`
      : '';
  return `At α = ${a}, the share of anomalous connections depends on ${column} (p ${pWord(r.pValue, r.log10p)}), a ${mag} association (Cramér’s V = ${formatStat(r.cramersV, 3)})${excess}.`;
}

export function chi2Warning(panel: Chi2Panel | CategoricalColumnTest, r: Chi2Summary): string | null {
  if (!(r.lowExpectedShare > 0.2)) return null;
  return (
    `${formatInt(r.lowExpectedCells)} of ${formatInt(r.nRows * r.nCols)} expected counts (${formatPercent(r.lowExpectedShare)}) are below 5: ` +
    `more than the 20 % the χ² approximation tolerates, so its p-value may be off. Merging the rare ${panel.column} values into one “other” row fixes this.`
  );
}

export function logitHypotheses(panel: LogitFlagPanel): Hypotheses {
  const ref = panel.fit.reference ?? '—';
  const sep = panel.levels.filter((l) => l.separation !== 'none');
  return {
    h0: `${panel.column} carries no information about the label: every ${panel.column} value has the same odds of an anomaly (all coefficients 0).`,
    h1: `At least one ${panel.column} value has different odds of an anomaly than the reference level ${ref}.`,
    test:
      `Logistic regression anomaly ~ ${panel.column} (one-hot, reference level ${ref}, the most frequent) models the log-odds of an anomaly; ` +
      `the likelihood-ratio test compares it with the intercept-only model, and McFadden’s R² says how much of the null deviance it explains. ` +
      `With one categorical predictor the fit is saturated per level, so it is computed in closed form — the point statsmodels’ IRLS converges to. ` +
      (sep.length > 0
        ? `${sep.length === 1 ? 'One level is' : `${sep.length} levels are`} entirely one class (${sep.map((l) => l.name).join(', ')}): ` +
          `their odds are 0 or ∞, the maximum-likelihood estimate does not exist (quasi-separation) and statsmodels fails or prints absurd coefficients. ` +
          (panel.basis === 'non-separated'
            ? `They are reported, not estimated: the main test is the model fitted without their ${formatInt(panel.excludedRows)} rows, so df = ${panel.main.df} counts the non-reference levels actually estimated.`
            : `The main test uses the supremum of the log-likelihood over all rows (separated rows fit perfectly).`)
        : 'No level is separated: every coefficient is estimable.'),
  };
}

export function logitConclusion(panel: LogitFlagPanel, alpha: number): string {
  const a = formatAlpha(alpha);
  const m = panel.main;
  const d = decide(m.pValue, m.log10p, alpha);
  if (d === 'undetermined') return `The model cannot be tested here (${panel.fit.warning ?? 'degenerate data'}).`;
  const sep = panel.levels.filter((l) => l.separation !== 'none');
  const sepText =
    sep.length > 0
      ? `; ${sep.map((l) => `${l.name} (${formatInt(l.n)} rows) is ${l.separation === 'all-1' ? 'always anomalous' : 'always normal'}`).slice(0, 3).join(', ')}${sep.length > 3 ? ', …' : ''}`
      : '';
  if (d === 'retain') return `At α = ${a}, ${panel.column} does not predict the label (LR p ${pWord(m.pValue, m.log10p)})${sepText}.`;
  // The estimated level with the largest odds ratio away from 1.
  let top: { name: string; or: number } | null = null;
  for (const c of panel.fit.coefficients) {
    if (c.term !== 'level' || !Number.isFinite(c.estimate)) continue;
    if (!top || Math.abs(c.estimate) > Math.abs(Math.log(top.or))) top = { name: c.name, or: c.oddsRatio };
  }
  const topText = top ? `; e.g. ${top.name} has ${formatStat(top.or, 3)}× the odds of an anomaly of ${panel.fit.reference}` : '';
  return `At α = ${a}, ${panel.column} predicts the label (LR χ² = ${formatStat(m.statistic)}, p ${pWord(m.pValue, m.log10p)}, McFadden R² = ${formatStat(panel.fit.pseudoR2, 3)})${topText}${sepText}.`;
}

export function urgentHypotheses(panel: UrgentPanel): Hypotheses {
  return {
    h0: `Connections with urgent packets (${panel.column} > 0) have the same odds of being anomalous as those without.`,
    h1: `The odds of an anomaly differ when ${panel.column} > 0.`,
    test:
      `Logistic regression of the label on the indicator (${panel.column} > 0), with the likelihood-ratio test against the intercept-only model, ` +
      `and on the count ${panel.column} itself. ${panel.column} is almost always 0, so the whole test rests on the few connections with urgent packets; ` +
      `Fisher’s exact test of the 2 × 2 table needs no large-sample approximation and is the reliable check.`,
  };
}

export function urgentConclusion(panel: UrgentPanel, alpha: number): string {
  const a = formatAlpha(alpha);
  const k = panel.nonZero.normal + panel.nonZero.anomalous;
  const total = panel.label.normal + panel.label.anomalous;
  if (k === 0) return `No connection has ${panel.column} > 0: nothing can be concluded about urgent packets from these data.`;
  const m = panel.main;
  const d = decide(m.pValue, m.log10p, alpha);
  const fisher = panel.fisher ? `, Fisher’s exact p ${pWord(panel.fisher.pValue, NaN)}` : '';
  const counts = `Only ${formatInt(k)} of ${formatInt(total)} connections (${formatPercent(k / total, 2)}) have ${panel.column} > 0 — ${formatInt(panel.nonZero.anomalous)} anomalous, ${formatInt(panel.nonZero.normal)} normal`;
  const separated = panel.binary.separation !== 'none';
  const verdict =
    d === 'reject'
      ? `at α = ${a} they are significantly ${panel.nonZero.anomalous / k > panel.label.anomalous / total ? 'more' : 'less'} often anomalous (LR p ${pWord(m.pValue, m.log10p)}${fisher})`
      : d === 'retain'
        ? `at α = ${a} that is not enough to show a difference (LR p ${pWord(m.pValue, m.log10p)}${fisher})`
        : `the test is undefined`;
  const caveat = separated
    ? `, but the odds ratio is ${panel.nonZero.normal === 0 ? 'infinite' : 'zero'} (not estimable) and rests on ${formatInt(k)} rows, so urgent packets flag a rare kind of attack, not anomalies in general.`
    : `; with so few rows the odds ratio’s interval is wide and urgent packets can describe only a rare kind of traffic.`;
  return `${counts}: ${verdict}${caveat}`;
}

export function columnTestConclusion(r: NumericColumnTest | CategoricalColumnTest, alpha: number): string {
  if (r.kind === 'categorical') return chi2Conclusion(r.column, r.chi2, alpha);
  const w = r.welch;
  const a = formatAlpha(alpha);
  const d = decide(w.pValue, w.log10p, alpha);
  if (d === 'undetermined') return `The t-test is undefined here (${w.warning ?? 'degenerate data'}).`;
  const mw = r.mannWhitney;
  return d === 'reject'
    ? `At α = ${a}, the mean ${r.column} is ${w.meanDiff > 0 ? 'higher' : 'lower'} for anomalous connections (${formatStat(w.mean1)} vs ${formatStat(w.mean0)}, p ${pWord(w.pValue, w.log10p)}), a ${magnitudeD(w.hedgesG) ?? 'undefined'} effect (Hedges’ g = ${formatStat(w.hedgesG, 3)}); Mann–Whitney p ${pWord(mw.pValue, mw.log10p)}.`
    : `At α = ${a}, the data do not show that the mean ${r.column} differs by label (p ${pWord(w.pValue, w.log10p)}); Mann–Whitney p ${pWord(mw.pValue, mw.log10p)}.`;
}

export function splitText(s: LabelSplit): string {
  return `${formatInt(s.anomalous)} anomalous and ${formatInt(s.normal)} normal rows (label ${s.column}, normal = ${s.normalValue})${s.missing > 0 ? `; ${formatInt(s.missing)} rows without a label left out` : ''}`;
}

/** The test a panel currently shows as its main one (the hooks' numbers, DESIGN §7). */
export function shownMain(panel: HypothesisPanel, scale: Scale): MainTest {
  if (panel.kind !== 'volume') return panel.main;
  const w = scaleOf(panel, scale).welch;
  return { name: 'Welch’s t', statistic: w.statistic, df: w.df, pValue: w.pValue, log10p: w.log10p };
}

export function columnHypotheses(r: NumericColumnTest | CategoricalColumnTest): Hypotheses {
  if (r.kind === 'categorical') return chi2Hypotheses(r.column, r.chi2);
  return {
    h0: `Normal and anomalous rows have the same mean ${r.column}.`,
    h1: `The mean ${r.column} differs between anomalous and normal rows (two-sided).`,
    test:
      `${r.column} is numeric, so Welch’s t-test compares the means without assuming equal variances (Student’s t alongside); ` +
      `the Mann–Whitney U test compares the distributions by ranks, which is robust to skew and outliers.`,
  };
}

/** "Welch’s t" / "Pearson’s χ²" for the ranked table's test column. */
export function screenTestName(test: 'welch' | 'chi2'): string {
  return test === 'welch' ? 'Welch’s t' : 'Pearson’s χ²';
}
