/**
 * The panels' pure helpers: p-value text (never 0), decisions at α, the sentences and test rows
 * built from real worker results, and the figures (escaped, separated levels listed).
 */
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../lib/table/parse';
import { detectLabel } from '../../lib/table/label';
import { panel, prepare, testColumn, type Prepared } from '../../../workers/hypotheses-compute';
import type { PanelResult } from '../../../workers/protocol-hypo';
import { decide, decisionText, formatDf, formatP, formatStat, magnitudeD, magnitudeV, parseAlpha } from './format';
import {
  chi2Conclusion,
  chi2Hypotheses,
  columnTestConclusion,
  logitConclusion,
  logitHypotheses,
  shownMain,
  urgentConclusion,
  volumeConclusion,
  volumeHypotheses,
} from './text';
import { chi2Rows, columnRows, logitRows, urgentRows, volumeRows } from './rows';
import { groupBoxFigure, levelShareFigure, oddsRatioFigure, urgentFigure } from './figures';

describe('formatP', () => {
  it('never prints 0; underflowed p-values come from log10 p', () => {
    expect(formatP(0.012965439268826907)).toBe('0.0130');
    expect(formatP(1)).toBe('1.0000');
    expect(formatP(1.674231339226659e-61)).toBe('1.7 × 10⁻⁶¹');
    expect(formatP(0, -1757.1429363070104)).toBe('≈ 7.2 × 10⁻¹⁷⁵⁸');
    expect(formatP(0, -2689.151301677804)).toBe('≈ 7.1 × 10⁻²⁶⁹⁰');
    expect(formatP(0)).toBe('< 10⁻³⁰⁰');
    expect(formatP(0, -Infinity)).toBe('< 10⁻³⁰⁰');
    expect(formatP(NaN)).toBe('—');
    // mantissa rounding carries into the exponent
    expect(formatP(0, -2.00000001 - 398)).toBe('≈ 1 × 10⁻⁴⁰⁰');
  });
  it('statistics and df', () => {
    expect(formatStat(24438883)).toBe('24,438,883');
    expect(formatStat(14969893.5)).toBe('14,969,893.5');
    expect(formatStat(-0.6008412155465671)).toBe('−0.6008');
    expect(formatStat(2.4850482257259383)).toBe('2.485');
    expect(formatStat(1e-7)).toBe('1 × 10⁻⁷');
    expect(formatStat(Infinity)).toBe('∞');
    expect(formatDf(13463.012511853836)).toBe('13463.0');
    expect(formatDf(63)).toBe('63');
  });
});

describe('decisions at α', () => {
  it('compares p with α, in logs when p underflows', () => {
    expect(decide(0.013, -1.887, 0.05)).toBe('reject');
    expect(decide(0.013, -1.887, 0.01)).toBe('retain');
    expect(decide(0, -1757, 1e-300)).toBe('reject');
    expect(decide(NaN, NaN, 0.05)).toBe('undetermined');
    expect(decide(0.01, -2, 2)).toBe('undetermined');
    expect(decisionText('reject', 0.05)).toMatch(/Reject H0 at α = 0.05/);
  });
  it('parses α strictly between 0 and 1', () => {
    expect(parseAlpha(' 0.01 ')).toBe(0.01);
    expect(parseAlpha('1e-3')).toBe(0.001);
    for (const bad of ['', '0', '1', '-0.1', 'abc', 'Infinity', 'NaN']) expect(parseAlpha(bad), bad).toBeNull();
  });
  it('effect-size words', () => {
    expect(magnitudeD(0.029)).toBe('negligible');
    expect(magnitudeD(-0.6)).toBe('medium');
    expect(magnitudeD(1.3)).toBe('large');
    expect(magnitudeV(0.753)).toBe('large');
    expect(magnitudeV(NaN)).toBeNull();
  });
});

// A small labelled table with every panel column; the category values are hostile on purpose.
const EVIL = '<img src=x onerror=alert(1)>';
function csv(): string {
  const rows = ['src_bytes,dst_bytes,protocol_type,service,flag,urgent,attack'];
  for (let i = 0; i < 60; i++) {
    const anomalous = i % 3 === 0;
    const flag = anomalous ? (i % 2 === 0 ? 'S0' : 'REJ') : i % 5 === 0 ? 'REJ' : 'SF';
    rows.push(
      [
        anomalous ? i * 3 : 100 + i * 11,
        anomalous ? 0 : 2000 + i,
        i % 4 === 0 ? 'udp' : 'tcp',
        i % 6 === 0 ? `"${EVIL}"` : i % 2 === 0 ? 'http' : 'ftp',
        i % 7 === 0 ? 'S0' : flag,
        anomalous && i % 9 === 0 ? 1 : 0,
        anomalous ? (i % 2 === 0 ? 'neptune' : 'smurf') : 'normal',
      ].join(','),
    );
  }
  return rows.join('\n');
}

async function prepared(): Promise<Prepared> {
  const parsed = await parseCsvText(csv());
  const p = prepare({ table: parsed.table, schema: parsed.schema, label: detectLabel(parsed.table, parsed.schema) });
  if ('kind' in p) throw new Error(p.message);
  return p;
}

function ok<K extends Exclude<PanelResult['kind'], 'unavailable'>>(r: PanelResult, kind: K): Extract<PanelResult, { kind: K }> {
  if (r.kind !== kind) throw new Error(`expected ${kind}, got ${r.kind}`);
  return r as Extract<PanelResult, { kind: K }>;
}

describe('sentences, rows and figures from real results', async () => {
  const p = await prepared();

  it('traffic volume: hypotheses, one-sentence conclusion, rows, the hooks follow the scale', () => {
    const v = ok(panel(p, { id: 'ttest-src_bytes' }), 'volume');
    const h = volumeHypotheses(v, 'raw');
    expect(h.h0).toMatch(/same mean src_bytes/);
    expect(h.test).toMatch(/Welch/);
    expect(h.test).toMatch(/heavy-tailed/);
    const c = volumeConclusion(v, 'raw', 0.05);
    expect(c).toMatch(/^At α = 0.05/);
    expect(c.split('. ').length).toBe(1);
    expect(volumeConclusion(v, 'log1p', 0.05)).toMatch(/log1p\(src_bytes\)/);
    const rows = volumeRows(v, 'raw', true);
    expect(rows.map((r) => r.name)).toEqual(['Welch’s t', 'Student’s t', 'One-way ANOVA F', 'Mann–Whitney U']);
    expect(rows[0].main).toBe(true);
    expect(shownMain(v, 'raw').statistic).toBe(v.main.statistic);
    expect(shownMain(v, 'log1p').statistic).toBe(v.log1p!.welch.statistic);
    const fig = groupBoxFigure('log1p(src_bytes)', v.log1p!.boxes);
    expect(fig.data.length).toBeGreaterThanOrEqual(2);
  });

  it('χ²: hostile level names are escaped in the figure; the conclusion names the strongest level', () => {
    const c = ok(panel(p, { id: 'chi2-service', mergeRare: false }), 'chi2');
    expect(chi2Hypotheses('service', c.chi2).test).toMatch(/no(ne)? here|Yates/);
    const text = chi2Conclusion('service', c.chi2, 0.05);
    expect(text).toMatch(/^At α = 0.05/);
    expect(chi2Rows(c)[0].df).toBe(c.main.df);
    const json = JSON.stringify(levelShareFigure('service', c.chi2.table));
    expect(json).not.toContain('<img');
    expect(json).toContain('&lt;img');
  });

  it('logistic regression: separated levels are listed in words and in the figure, not estimated', () => {
    const f = ok(panel(p, { id: 'logit-flag' }), 'logit-flag');
    expect(f.full.separatedLevels).toEqual(['SF']);
    expect(f.basis).toBe('non-separated');
    expect(logitHypotheses(f).test).toMatch(/quasi-separation/);
    expect(logitConclusion(f, 0.05)).toMatch(/SF \(\d+ rows\) is always normal/);
    expect(logitRows(f).map((r) => r.name)).toEqual(['Likelihood-ratio χ²', 'LR χ², all levels']);
    const sep = f.levels.filter((l) => l.separation !== 'none');
    const fig = oddsRatioFigure('flag', f.fit, sep);
    const ticks = fig.layout.yaxis?.ticktext ?? [];
    expect(ticks.some((t) => t.startsWith('SF (all normal'))).toBe(true);
    expect(fig.layout.yaxis?.range).toEqual([ticks.length - 0.5, -0.5]);
  });

  it('urgent packets: counts and what can be concluded', () => {
    const u = ok(panel(p, { id: 'logit-urgent' }), 'logit-urgent');
    expect(u.nonZero.normal).toBe(0);
    const text = urgentConclusion(u, 0.05);
    expect(text).toMatch(/^Only \d+ of 60 connections/);
    expect(text).toMatch(/infinite/);
    expect(urgentRows(u).map((r) => r.name)).toEqual(['LR χ², ~ (urgent > 0)', 'LR χ², ~ urgent', 'Fisher’s exact']);
    expect(urgentFigure('urgent', u.values).data.length).toBe(2);
  });

  it('single-column tests', () => {
    const n = testColumn(p, 'dst_bytes');
    if (n.kind !== 'numeric') throw new Error(n.kind);
    expect(columnRows(n).length).toBe(3);
    expect(columnTestConclusion(n, 0.05)).toMatch(/dst_bytes/);
    const c = testColumn(p, 'protocol_type');
    if (c.kind !== 'categorical') throw new Error(c.kind);
    expect(columnRows(c)[0].name).toMatch(/χ²/);
  });
});
