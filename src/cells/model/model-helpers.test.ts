/**
 * The Autoencoder cell's pure helpers: the saved-model extra (exact round trip of the threshold
 * reference), ScoredRows building, PCA, the loss figure, the form → config conversion, picking
 * model files by content, and the shared threshold.
 */
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { fitPreprocessing, specToJSON } from '../../lib/ml/preprocess';
import { percentile } from '../../lib/ml/threshold';
import { QUICK_CONFIG, SEED_CONFIG } from '../../lib/ml/autoencoder';
import type { Table } from '../../lib/table/types';
import type { MlLabels } from '../../../workers/protocol-ml';
import { base64ToBytes, bytesToBase64, decodeExtra, encodeExtra, ModelExtraError, type ModelExtra } from './extra';
import { aucOf, buildScoredRows, countAbove, gather, head, mannWhitneyAuc, referenceFromRun } from './scoring';
import { rocAuc } from '../../lib/ml/metrics';
import { mulberry32 } from '../../lib/ml/random';
import { pca2 } from './pca';
import { lossChartGeometry, niceScale } from './figures';
import { architectureText, layerRows, matchingPreset, toConfig, type FormValues } from './config';
import { classifyModelFiles, ModelFilesError } from './files';
import { DEFAULT_PERCENTILE, ThresholdState, thresholdOf, registerThreshold } from './threshold.svelte';
import { progressFraction, statusText } from './view';
import type { ScoredRows, ScoringService } from './scored';

const table: Table = {
  nRows: 4,
  columns: [
    { kind: 'numeric', name: 'bytes', sourceName: 'bytes', values: Float64Array.of(0, 10, 1000, 5), missing: 0, infinite: 0, reason: '' },
    { kind: 'categorical', name: 'proto', sourceName: 'proto', codes: Int32Array.of(0, 1, 0, 1), dictionary: ['tcp', 'udp'], missing: 0, reason: '' },
  ],
};
const spec = fitPreprocessing(table, Uint32Array.of(0, 1, 2, 3), { exclude: [] });

describe('model extra', () => {
  const extra: ModelExtra = {
    spec,
    training: {
      fileName: 'train.csv',
      mode: 'normal',
      validationFraction: 0.1,
      seed: 42,
      labelColumn: 'attack',
      nTrain: 3,
      epochsRun: 2,
      backend: 'wasm',
      samplesPerSec: 1234.5,
      trainedAt: '2026-11-21T00:00:00.000Z',
    },
    reference: {
      trainMse: Float32Array.of(0.1, 1e-9, 3.4028234663852886e38, 0.123456789),
      validation: { mse: Float32Array.of(0.5, 0.25), isAnomaly: Uint8Array.of(1, 0) },
    },
    percentile: 99.5,
  };

  it('round-trips exactly, float bits included', () => {
    const back = decodeExtra(encodeExtra(extra));
    expect(back.spec).toEqual(spec);
    expect(back.training).toEqual(extra.training);
    expect(back.percentile).toBe(99.5);
    expect(Array.from(back.reference?.trainMse ?? [])).toEqual(Array.from(extra.reference?.trainMse ?? []));
    expect(Array.from(back.reference?.validation?.mse ?? [])).toEqual([0.5, 0.25]);
    expect(Array.from(back.reference?.validation?.isAnomaly ?? [])).toEqual([1, 0]);
  });

  it('base64 of bytes round-trips across chunk boundaries', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) & 255);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it('takes the spec from a separate preprocessing.json when the model has none', () => {
    const back = decodeExtra(undefined, specToJSON(spec));
    expect(back.spec).toEqual(spec);
    expect(back.reference).toBeNull();
    expect(back.training).toBeNull();
    expect(() => decodeExtra(undefined)).toThrow(ModelExtraError);
    expect(() => decodeExtra('{not json')).toThrow(/not valid JSON/);
  });

  it('refuses a newer version and a broken spec', () => {
    const json = JSON.parse(encodeExtra(extra)) as Record<string, unknown>;
    expect(() => decodeExtra(JSON.stringify({ ...json, version: 99 }))).toThrow(/newer/);
    expect(() => decodeExtra(JSON.stringify({ ...json, spec: { version: 1, columns: [] } }))).toThrow(ModelExtraError);
  });
});

describe('scoring', () => {
  const labels: MlLabels = { column: 'attack', isAnomaly: Uint8Array.of(0, 0, 1, 1, 0), classCodes: Int32Array.of(0, 0, 1, 2, 0), classNames: ['normal', 'dos', 'probe'] };
  const mse = Float32Array.of(0.1, 0.2, 0.9, 0.8, 0.3);

  it('gathers the training and validation rows', () => {
    expect(Array.from(gather(mse, Uint32Array.of(4, 0)))).toEqual([mse[4], mse[0]]);
    const ref = referenceFromRun(mse, labels, Uint32Array.of(0, 1), Uint32Array.of(2, 4));
    expect(Array.from(ref.trainMse)).toEqual([mse[0], mse[1]]);
    expect(Array.from(ref.validation?.isAnomaly ?? [])).toEqual([1, 0]);
    expect(referenceFromRun(mse, { ...labels, isAnomaly: null }, Uint32Array.of(0), Uint32Array.of(1)).validation).toBeNull();
    expect(referenceFromRun(mse, labels, Uint32Array.of(0), new Uint32Array(0)).validation).toBeNull();
  });

  it('builds ScoredRows and its summaries', () => {
    const ref = referenceFromRun(mse, labels, Uint32Array.of(0, 1), Uint32Array.of(2, 4));
    const s = buildScoredRows({ kind: 'dataset', fileName: 'f.csv', mse, labels, reference: ref, unseen: [], features: ['a'] });
    expect(s.source).toEqual({ kind: 'dataset', fileName: 'f.csv' });
    expect(s.labelColumn).toBe('attack');
    expect(s.trainMse).toBe(ref.trainMse);
    expect(aucOf(s)).toBe(1);
    expect(countAbove(mse, mse[4])).toBe(2); // strictly above; float32 0.3 > double 0.3
    expect(countAbove(mse, NaN)).toBe(0);
    expect(head(mse, 2)).toEqual([mse[0], mse[1]]);
    expect(aucOf({ ...s, isAnomaly: new Uint8Array(5) })).toBeNull();
    expect(() => buildScoredRows({ kind: 'testset', fileName: 't', mse: mse.subarray(0, 2), labels, reference: ref, unseen: [], features: [] })).toThrow(/labels/);
  });
});

describe('mannWhitneyAuc', () => {
  it('equals sklearn-style ROC-AUC (lib/ml/metrics), ties included', () => {
    const rng = mulberry32(9);
    for (const n of [10, 257, 5000]) {
      // Few distinct values: many ties across classes.
      const scores = Float32Array.from({ length: n }, () => Math.round(rng() * 20) / 20);
      const labels = Uint8Array.from({ length: n }, (_, i) => (rng() < 0.3 + 0.4 * scores[i] ? 1 : 0));
      expect(mannWhitneyAuc(scores, labels)).toBeCloseTo(rocAuc(scores, labels), 12);
    }
    expect(mannWhitneyAuc(Float32Array.of(1, 2), Uint8Array.of(1, 1))).toBeNull();
    expect(mannWhitneyAuc(Float32Array.of(1, 1), Uint8Array.of(0, 1))).toBe(0.5);
    expect(mannWhitneyAuc(Float32Array.of(NaN, 1), Uint8Array.of(0, 1))).toBeNull();
  });
});

describe('pca2', () => {
  it('finds the main direction of points on a line and the explained variance', () => {
    const n = 50;
    const z = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const t = i - n / 2;
      z[i * 3] = 2 * t;
      z[i * 3 + 1] = t;
      z[i * 3 + 2] = (i % 2) * 0.5; // a little noise off the line
    }
    const p = pca2(z, n, 3);
    expect(p.explained[0]).toBeGreaterThan(0.99);
    expect(p.explained[0] + p.explained[1]).toBeCloseTo(1, 6);
    // The first coordinate is the position along the line (× √5), up to the fixed sign.
    expect(Math.abs(p.x[n - 1] - p.x[0])).toBeCloseTo(Math.sqrt(5) * (n - 1), 1);
    // Deterministic.
    expect(pca2(z, n, 3)).toEqual(p);
  });

  it('copes with a constant matrix and one dimension', () => {
    const p = pca2(new Float32Array(6).fill(1), 3, 2);
    expect(p.explained).toEqual([0, 0]);
    expect(Array.from(p.x)).toEqual([0, 0, 0]);
    const q = pca2(Float32Array.of(1, 2, 3), 3, 1);
    expect(q.explained[0]).toBeCloseTo(1, 12);
    expect(() => pca2(new Float32Array(5), 2, 3)).toThrow(RangeError);
  });
});

describe('loss chart geometry', () => {
  it('places training and validation losses per epoch on a fixed axis; NaN is skipped', () => {
    const g = lossChartGeometry({ loss: [0.3, 0.2, NaN], valLoss: [0.25, 0.15, 0.1] }, 5);
    expect(g.series.map((s) => s.name)).toEqual(['training (dropout on)', 'validation']);
    expect(g.series[0].dots.map((d) => d.epoch)).toEqual([1, 2]);
    expect(g.xTicks.map((t) => t.label)).toEqual(['1', '2', '3', '4', '5']);
    // y from 0 to a nice top ≥ the largest loss; the first point is highest on screen (smallest y) for the largest value.
    expect(g.yTicks[0].label).toBe('0');
    expect(Number(g.yTicks[g.yTicks.length - 1].label)).toBeGreaterThanOrEqual(0.3);
    expect(g.series[0].dots[0].cy).toBeLessThan(g.series[0].dots[1].cy);
    expect(g.series[0].dots[0].cx).toBe(g.x0);
    expect(g.series[0].points.split(' ')).toHaveLength(2);
    expect(lossChartGeometry({ loss: [], valLoss: [] }, 20).series).toHaveLength(1);
  });

  it('nice scales', () => {
    expect(niceScale(0.3).step).toBe(0.1);
    expect(niceScale(0.3).top).toBeCloseTo(0.3, 12);
    expect(niceScale(0.0297).top).toBeCloseTo(0.03, 12);
    expect(niceScale(0)).toEqual({ top: 1, step: 0.25 });
    expect(niceScale(7).top).toBe(8);
  });
});

describe('form → config', () => {
  const form = (over: Partial<FormValues> = {}): FormValues => ({
    layers: layerRows(SEED_CONFIG),
    outputActivation: 'sigmoid',
    learningRate: 0.001,
    epochs: 20,
    batchSize: 32,
    seed: 42,
    validationFraction: 0.1,
    averageLastEpochs: 5,
    ...over,
  });

  it('the seed form is the seed config, and recognised as the preset', () => {
    const out = toConfig(form());
    expect(out.config).toEqual(SEED_CONFIG);
    expect(matchingPreset(out.config)).toBe('seed');
    expect(matchingPreset(toConfig(form({ batchSize: QUICK_CONFIG.batchSize, learningRate: QUICK_CONFIG.learningRate, epochs: QUICK_CONFIG.epochs })).config)).toBe('quick');
    expect(matchingPreset(toConfig(form({ epochs: 3 })).config)).toBeNull();
    // Keeping the last epoch's weights is a different training recipe, not the preset.
    expect(matchingPreset(toConfig(form({ averageLastEpochs: 0 })).config)).toBeNull();
    expect(architectureText(SEED_CONFIG, 120)).toBe('120-64-32-10-32-64-120');
  });

  it('says what is wrong', () => {
    expect(toConfig(form({ epochs: null })).problems).toContain('epochs is empty');
    expect(toConfig(form({ validationFraction: 0.95 })).problems.join()).toMatch(/validation split/);
    expect(toConfig(form({ layers: [{ units: 0, activation: 'relu', dropout: 0 }] })).problems.join()).toMatch(/units/);
    expect(toConfig(form({ layers: [{ units: 8, activation: 'relu', dropout: 1 }] })).problems.join()).toMatch(/dropout/);
    expect(toConfig(form({ learningRate: -1 })).config).toBeNull();
    expect(toConfig(form({ averageLastEpochs: null })).problems).toContain('epochs to average is empty');
    expect(toConfig(form({ averageLastEpochs: 2.5 })).problems.join()).toMatch(/epochs to average must be an integer/);
  });
});

describe('picking model files', () => {
  const file = (name: string, body: string | Uint8Array) => {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    return { name, size: bytes.length, text: async () => new TextDecoder().decode(bytes), arrayBuffer: async () => bytes.slice().buffer };
  };

  it('tells model.json, weights and preprocessing.json apart by content', async () => {
    const picked = await classifyModelFiles([
      file('weights (1).bin', Uint8Array.of(1, 2, 3, 4)),
      file('preprocessing.json', specToJSON(spec)),
      file('model (2).json', '{"modelTopology":{}}'),
    ]);
    expect(picked.files.modelJson).toBe('{"modelTopology":{}}');
    expect(picked.files.weights.byteLength).toBe(4);
    expect(picked.spec).toBe(specToJSON(spec));
  });

  it('asks for what is missing', async () => {
    await expect(classifyModelFiles([file('weights.bin', Uint8Array.of(1))])).rejects.toThrow(/model.json/);
    await expect(classifyModelFiles([file('model.json', '{"modelTopology":{}}')])).rejects.toThrow(/weights.bin/);
    await expect(classifyModelFiles([file('x.json', '{"a":1}')])).rejects.toThrow(ModelFilesError);
  });
});

describe('ThresholdState', () => {
  it('follows the percentile of the training errors (numpy linear), or a typed value', () => {
    let ref: Float32Array | null = null;
    const t = new ThresholdState(() => ref);
    expect(t.value).toBeNaN();
    ref = Float32Array.from({ length: 1001 }, (_, i) => i / 1000);
    // A new reference object is read on the next access (the getter is not reactive here).
    const t2 = new ThresholdState(() => ref);
    const sorted = Float64Array.from(ref).sort();
    expect(t2.percentile).toBe(DEFAULT_PERCENTILE);
    expect(t2.value).toBe(percentile(sorted, 99.9));
    t2.setPercentile(50);
    flushSync();
    expect(t2.value).toBe(percentile(sorted, 50));
    t2.setValue(0.25);
    flushSync();
    expect(t2.value).toBe(0.25);
    expect(t2.manual).toBe(true);
    expect(t2.percentile).toBeCloseTo((251 / 1001) * 100, 10);
    t2.reset();
    flushSync();
    expect(t2.manual).toBe(false);
    expect(t2.value).toBe(percentile(sorted, 99.9));
    t2.setPercentile(200);
    expect(t2.percentile).toBe(100);
  });

  it('one threshold per scoring service; claims hide the compact controls', () => {
    const scored = { trainMse: Float32Array.of(1, 2, 3) } as unknown as ScoredRows;
    const service = { scored } as unknown as ScoringService;
    const a = thresholdOf(service);
    expect(thresholdOf(service)).toBe(a);
    expect(a.value).toBe(percentile(Float64Array.of(1, 2, 3), 99.9));
    const other = { scored } as unknown as ScoringService;
    const mine = new ThresholdState(() => null);
    registerThreshold(other, mine);
    expect(thresholdOf(other)).toBe(mine);
    expect(a.controlsClaimed).toBe(false);
    const release = a.claimControls();
    expect(a.controlsClaimed).toBe(true);
    release();
    release();
    expect(a.controlsClaimed).toBe(false);
  });
});

describe('view text', () => {
  it('progress and status', () => {
    expect(progressFraction({ epoch: 2, epochs: 4, batch: 5, batchesPerEpoch: 10, samplesPerSec: 1, etaSec: 1, loss: 0.1 })).toBeCloseTo(0.375, 12);
    expect(statusText('done', { reason: 'stopped', epochsRun: 1 } as never)).toBe('stopped after 1 epoch');
    expect(statusText('cancelled', null)).toBe('cancelled');
  });
});
