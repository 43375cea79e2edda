import { describe, expect, it } from 'vitest';
import { SortedScores, percentile } from '../../lib/ml/threshold';
import { bestF1Threshold } from '../../lib/ml/metrics';
import { suggestThresholds } from './suggest';
import { syntheticScored } from './testing.svelte';

describe('suggestThresholds', () => {
  const s = syntheticScored({ n: 4000, seed: 5 });
  const train = new SortedScores(s.trainMse);
  const out = suggestThresholds(train, s.validation);

  it('gives the 95th, 99th, 99.9th percentiles of the training errors (numpy linear)', () => {
    const sorted = Float64Array.from(s.trainMse).sort();
    expect(out.map((x) => x.id)).toEqual(['p95', 'p99', 'p99.9', 'best-f1']);
    expect(out[0].threshold).toBe(percentile(sorted, 95));
    expect(out[1].threshold).toBe(percentile(sorted, 99));
    expect(out[2].threshold).toBe(percentile(sorted, 99.9));
    expect(out[2].label).toMatch(/seed/);
    expect(out[0].threshold).toBeLessThan(out[1].threshold);
    expect(out[1].threshold).toBeLessThan(out[2].threshold);
  });

  it('chooses best F1 on the validation split only', () => {
    const best = bestF1Threshold(s.validation!.mse, s.validation!.isAnomaly);
    expect(out[3].threshold).toBe(best.threshold);
    expect(out[3].validation?.f1).toBe(best.f1);
    expect(out[3].percentile).toBeNull();
    // Changing the evaluated rows' labels cannot move it: it never sees them.
    const flipped = { ...s, isAnomaly: s.isAnomaly!.map((v) => 1 - v) };
    expect(suggestThresholds(train, flipped.validation)[3].threshold).toBe(best.threshold);
  });

  it('says why best F1 is missing', () => {
    expect(suggestThresholds(train, null)[3]).toMatchObject({ unavailable: expect.stringMatching(/label/) });
    const oneClass = { mse: Float32Array.of(1, 2, 3), isAnomaly: Uint8Array.of(0, 0, 0) };
    expect(suggestThresholds(train, oneClass)[3].unavailable).toMatch(/no anomalous/);
    const empty = suggestThresholds(new SortedScores(new Float32Array(0)), null);
    expect(Number.isNaN(empty[0].threshold)).toBe(true);
    expect(empty[0].unavailable).toBeTruthy();
  });
});
