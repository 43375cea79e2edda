/**
 * The rows of each panel's test table (pure): the main test first, then the supporting tests,
 * each with its effect size and confidence interval in words.
 */
import type {
  CategoricalColumnTest,
  Chi2Panel,
  Chi2Summary,
  LogitFlagPanel,
  NumericColumnTest,
  UrgentPanel,
  VolumePanel,
} from '../../../workers/protocol-hypo';
import type { MannWhitneyResult, TTestResult } from '../../lib/stats/hypo';
import { formatCi, formatInt, formatStat, magnitudeD, magnitudeV } from './format';
import { scaleOf, type Scale } from './text';

export interface TestRow {
  /** What was tested, e.g. "Welch’s t". */
  readonly name: string;
  readonly statistic: number;
  /** A number, or a text such as "36, 22,506" for F. */
  readonly df: number | string;
  readonly pValue: number;
  readonly log10p: number;
  /** Effect size in words and numbers, e.g. "Hedges’ g = 0.029 [0.003, 0.055] (negligible)". */
  readonly effect?: string;
  /** The panel's main test (emphasised). */
  readonly main?: boolean;
  readonly note?: string;
}

function withWord(text: string, word: string | null): string {
  return word ? `${text} (${word})` : text;
}

function ttestRow(w: TTestResult, main: boolean, note?: string): TestRow {
  return {
    name: w.test === 'welch' ? 'Welch’s t' : 'Student’s t',
    statistic: w.statistic,
    df: w.df,
    pValue: w.pValue,
    log10p: w.log10p,
    effect: withWord(`Hedges’ g = ${formatStat(w.hedgesG, 3)} ${formatCi(w.gCi95)}; Cohen’s d = ${formatStat(w.cohensD, 3)}`, magnitudeD(w.hedgesG)),
    main,
    note,
  };
}

function mwRow(mw: MannWhitneyResult): TestRow {
  return {
    name: 'Mann–Whitney U',
    statistic: mw.statistic,
    df: '—',
    pValue: mw.pValue,
    log10p: mw.log10p,
    effect: withWord(
      `rank-biserial r = ${formatStat(mw.rankBiserial, 3)}; P(anomalous > normal) = ${formatStat(mw.probabilityOfSuperiority, 3)}`,
      magnitudeV(mw.rankBiserial),
    ),
    note: `(z = ${formatStat(mw.z, 4)})`,
  };
}

export function volumeRows(panel: VolumePanel, scale: Scale, showStudent: boolean): TestRow[] {
  const s = scaleOf(panel, scale);
  const rows: TestRow[] = [ttestRow(s.welch, true, '(anomalous − normal)')];
  if (showStudent) rows.push(ttestRow(s.student, false, '(pooled variance)'));
  if (s.anova) {
    const a = s.anova.result;
    rows.push({
      name: 'One-way ANOVA F',
      statistic: a.statistic,
      df: `${formatInt(a.dfBetween)}, ${formatInt(a.dfWithin)}`,
      pValue: a.pValue,
      log10p: a.log10p,
      effect: `η² = ${formatStat(a.etaSquared, 3)}`,
      note: `(${formatInt(a.nGroupsUsed)} ${s.anova.by} classes)`,
    });
  }
  rows.push(mwRow(panel.mannWhitney));
  return rows;
}

function chi2Row(r: Chi2Summary, main: boolean, note?: string): TestRow {
  return {
    name: r.yates ? 'Pearson’s χ² (Yates)' : 'Pearson’s χ²',
    statistic: r.statistic,
    df: r.dof,
    pValue: r.pValue,
    log10p: r.log10p,
    effect: withWord(`Cramér’s V = ${formatStat(r.cramersV, 3)}`, magnitudeV(r.cramersV)),
    main,
    note,
  };
}

export function chi2Rows(panel: Chi2Panel): TestRow[] {
  return [chi2Row(panel.chi2, true, panel.merged.length > 0 ? `(${formatInt(panel.merged.length)} rare values merged)` : undefined)];
}

export function logitRows(panel: LogitFlagPanel): TestRow[] {
  const f = panel.fit;
  const rows: TestRow[] = [
    {
      name: 'Likelihood-ratio χ²',
      statistic: f.lrStatistic,
      df: f.lrDf,
      pValue: f.lrPValue,
      log10p: f.lrLog10p,
      effect: `McFadden R² = ${formatStat(f.pseudoR2, 3)}`,
      main: true,
      note: panel.basis === 'non-separated' ? `(${formatInt(f.nObs)} rows of estimable levels)` : `(${formatInt(f.nObs)} rows)`,
    },
  ];
  if (panel.basis === 'non-separated') {
    const a = panel.full;
    rows.push({
      name: 'LR χ², all levels',
      statistic: a.lrStatistic,
      df: a.lrDf,
      pValue: a.lrPValue,
      log10p: a.lrLog10p,
      effect: `McFadden R² = ${formatStat(a.pseudoR2, 3)}`,
      note: '(separated levels at the likelihood’s supremum)',
    });
  }
  return rows;
}

export function urgentRows(panel: UrgentPanel): TestRow[] {
  const b = panel.binary;
  const c = panel.count;
  const slope = b.coefficients.find((k) => k.term === 'level');
  const rows: TestRow[] = [
    {
      name: `LR χ², ~ (${panel.column} > 0)`,
      statistic: b.lrStatistic,
      df: b.lrDf,
      pValue: b.lrPValue,
      log10p: b.lrLog10p,
      effect: slope
        ? Number.isFinite(slope.oddsRatio)
          ? `odds ratio = ${formatStat(slope.oddsRatio, 3)} ${formatCi(slope.oddsRatioCi95)}`
          : `odds ratio not estimable (${slope.separation === 'all-1' ? 'every such row is anomalous: OR → ∞' : slope.separation === 'all-0' ? 'every such row is normal: OR → 0' : 'separated'})`
        : undefined,
      main: true,
    },
  ];
  const cs = c.coefficients.find((k) => k.term === 'slope');
  rows.push({
    name: `LR χ², ~ ${panel.column}`,
    statistic: c.lrStatistic,
    df: c.lrDf,
    pValue: c.lrPValue,
    log10p: c.lrLog10p,
    effect: cs && Number.isFinite(cs.oddsRatio) ? `odds ratio per packet = ${formatStat(cs.oddsRatio, 3)} ${formatCi(cs.oddsRatioCi95)}` : 'slope not estimable (separation)',
  });
  if (panel.fisher) {
    rows.push({
      name: 'Fisher’s exact',
      statistic: panel.fisher.oddsRatio,
      df: '—',
      pValue: panel.fisher.pValue,
      log10p: Math.log10(panel.fisher.pValue),
      effect: `sample odds ratio = ${formatStat(panel.fisher.oddsRatio, 3)}`,
      note: '(statistic = odds ratio)',
    });
  }
  return rows;
}

export function columnRows(r: NumericColumnTest | CategoricalColumnTest): TestRow[] {
  if (r.kind === 'categorical') {
    const rows = [chi2Row(r.chi2, true)];
    if (r.mergedChi2) rows.push(chi2Row(r.mergedChi2, false, `(${formatInt(r.merged.length)} rare values merged)`));
    return rows;
  }
  return [ttestRow(r.welch, true, '(anomalous − normal)'), ttestRow(r.student, false, '(pooled variance)'), mwRow(r.mannWhitney)];
}
