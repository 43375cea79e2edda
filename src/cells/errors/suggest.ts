/**
 * Suggested thresholds: percentiles of the training rows' errors (the seed's 99.9th is the
 * default) and the F1-best threshold on a labelled validation split of the training data.
 * Test labels never choose a threshold: the evaluated set only reports how each one does.
 */
import { LabelledScores, type Confusion } from '../../lib/ml/metrics';
import type { SortedScores } from '../../lib/ml/threshold';

export type SuggestionId = 'p95' | 'p99' | 'p99.9' | 'best-f1';

export interface Suggestion {
  readonly id: SuggestionId;
  readonly label: string;
  /** How the threshold was chosen, in words. */
  readonly rule: string;
  /** NaN when it cannot be computed (no training errors, no labelled validation split). */
  readonly threshold: number;
  /** The percentile of the training errors it was taken at (percentile rules only). */
  readonly percentile: number | null;
  /** Metrics on the validation split (best-F1 only: what it was chosen on). */
  readonly validation: Confusion | null;
  /** Why the threshold is missing, when it is. */
  readonly unavailable: string | null;
}

export const SUGGESTED_PERCENTILES: readonly { id: SuggestionId; p: number; label: string }[] = [
  { id: 'p95', p: 95, label: '95th percentile' },
  { id: 'p99', p: 99, label: '99th percentile' },
  { id: 'p99.9', p: 99.9, label: "99.9th percentile (the seed's default)" },
];

export interface ValidationSplit {
  readonly mse: Float32Array;
  readonly isAnomaly: Uint8Array;
}

export function suggestThresholds(train: SortedScores, validation: ValidationSplit | null): Suggestion[] {
  const out: Suggestion[] = SUGGESTED_PERCENTILES.map(({ id, p, label }) => {
    const threshold = train.length > 0 ? train.percentile(p) : NaN;
    return {
      id,
      label,
      rule: `${p}th percentile of the training rows' errors`,
      threshold,
      percentile: p,
      validation: null,
      unavailable: train.length > 0 ? null : 'no training errors',
    };
  });
  out.push(bestF1Suggestion(validation));
  return out;
}

function bestF1Suggestion(validation: ValidationSplit | null): Suggestion {
  const base = { id: 'best-f1' as const, label: 'best F1 on validation', rule: 'highest F1 on the labelled validation split of the training data', percentile: null };
  if (!validation || validation.mse.length === 0) {
    return { ...base, threshold: NaN, validation: null, unavailable: 'needs a label (a labelled validation split)' };
  }
  const scores = new LabelledScores(validation.mse, validation.isAnomaly);
  if (scores.nPositive === 0 || scores.nNegative === 0) {
    const which = scores.nPositive === 0 ? 'anomalous' : 'normal';
    return { ...base, threshold: NaN, validation: null, unavailable: `the validation split has no ${which} rows` };
  }
  const best = scores.bestF1Threshold();
  const { threshold, ...confusion } = best;
  return { ...base, threshold, validation: confusion, unavailable: null };
}
