import * as tf from '@tensorflow/tfjs';
// Registers the WASM backend too (Node loads the .wasm from node_modules); CPU stays the default here.
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AutoencoderConfig } from '../../../workers/protocol-model';
import {
  buildAutoencoder,
  countNonFinite,
  deriveSeed,
  disposeAutoencoder,
  encodeRows,
  explainRows,
  exportAutoencoder,
  FlatAdam,
  importAutoencoder,
  makeDenseOp,
  latentDims,
  mulberry32,
  permutation,
  QUICK_CONFIG,
  readWeights,
  scoreRows,
  SEED_CONFIG,
  trainAutoencoder,
  validateConfig,
  writeWeights,
  type TrainOptions,
} from './autoencoder';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/**
 * Rows in [0, 1] that live near a 3-dimensional manifold: each feature is a sigmoid of a fixed
 * mix of 3 latent factors, plus a little noise. An autoencoder with a 10-wide bottleneck can
 * learn it, so the loss must fall well below that of the untrained network.
 */
function structured(nRows: number, nFeatures: number, rowSeed = 7): Float32Array {
  const mixRng = mulberry32(2024);
  const mix = Array.from({ length: nFeatures }, () => [mixRng() * 4 - 2, mixRng() * 4 - 2, mixRng() * 4 - 2]);
  const rng = mulberry32(rowSeed);
  const x = new Float32Array(nRows * nFeatures);
  for (let r = 0; r < nRows; r++) {
    const z = [rng() * 2 - 1, rng() * 2 - 1, rng() * 2 - 1];
    for (let f = 0; f < nFeatures; f++) {
      const m = mix[f];
      const v = m[0] * z[0] + m[1] * z[1] + m[2] * z[2] + (rng() - 0.5) * 0.1;
      x[r * nFeatures + f] = 1 / (1 + Math.exp(-v));
    }
  }
  return x;
}

const N_ROWS = 384;
const N_FEATURES = 12;
const X = structured(N_ROWS, N_FEATURES);
const SMALL: AutoencoderConfig = { ...SEED_CONFIG, epochs: 3, batchSize: 32, learningRate: 0.003, seed: 123 };
const data = (x: Float32Array = X, nRows = N_ROWS) => ({ x, nRows, nFeatures: N_FEATURES });
const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
const fast: TrainOptions = { yieldEveryMs: 1e9, progressIntervalMs: 0 };

describe('seeded helpers', () => {
  it('mulberry32 and deriveSeed are deterministic; permutation is a permutation', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(deriveSeed(42, 1)).toBe(deriveSeed(42, 1));
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(42, 2));
    const p = permutation(100, mulberry32(3));
    expect([...p].sort((u, v) => u - v)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...p]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('validateConfig accepts the presets and names what is wrong', () => {
    expect(validateConfig(SEED_CONFIG)).toEqual([]);
    expect(validateConfig(QUICK_CONFIG)).toEqual([]);
    const bad = validateConfig({
      ...SEED_CONFIG,
      layers: [{ units: 0, activation: 'relu', dropoutAfter: 1 }],
      learningRate: -1,
      epochs: 1.5,
      batchSize: 0,
    });
    expect(bad.join(' | ')).toMatch(/units.*dropout.*learning rate.*epochs.*batch size/);
  });

  it('builds the seed architecture', () => {
    const ae = buildAutoencoder(tf, N_FEATURES, SEED_CONFIG);
    try {
      const kinds = ae.model.layers.map((l) => `${l.getClassName()}${(l.getConfig() as { units?: number }).units ?? ''}`);
      expect(kinds).toEqual(['Dense64', 'Dropout', 'Dense32', 'Dense10', 'Dense32', 'Dropout', 'Dense64', `Dense${N_FEATURES}`]);
      expect(latentDims(ae)).toBe(10);
    } finally {
      disposeAutoencoder(ae);
    }
  });
});

describe('training internals', () => {
  it('the hand-written Dense gradient matches tfjs autodiff for every activation', () => {
    const rng = mulberry32(11);
    const rand = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng() * 2 - 1), shape);
    for (const act of ['relu', 'sigmoid', 'tanh', 'elu', 'linear'] as const) {
      tf.tidy(() => {
        const x = rand([5, 4]) as tf.Tensor2D;
        const w = tf.variable(rand([4, 3]) as tf.Tensor2D);
        const b = tf.variable(rand([3]) as tf.Tensor1D);
        const target = rand([5, 3]);
        const op = makeDenseOp(tf, act);
        const ours = tf.variableGrads(() => tf.mean(tf.square(tf.sub(op(x, w, b), target))) as tf.Scalar, [w, b]);
        const ref = tf.variableGrads(() => {
          const z = tf.add(tf.matMul(x, w), b);
          const y = act === 'relu' ? tf.relu(z) : act === 'sigmoid' ? tf.sigmoid(z) : act === 'tanh' ? tf.tanh(z) : act === 'elu' ? tf.elu(z) : z;
          return tf.mean(tf.square(tf.sub(y, target))) as tf.Scalar;
        }, [w, b]);
        expect(ours.value.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0], 6);
        for (const v of [w, b]) {
          const a = ours.grads[v.name].dataSync();
          const r = ref.grads[v.name].dataSync();
          for (let i = 0; i < r.length; i++) expect(a[i]).toBeCloseTo(r[i], 5);
        }
        w.dispose();
        b.dispose();
      });
    }
  });

  it('FlatAdam takes the same steps as tf.train.adam', () => {
    const init = [new Float32Array([0.5, -1, 2, 0.1]), new Float32Array([3, -0.2])];
    const make = () => [tf.variable(tf.tensor2d(init[0], [2, 2])), tf.variable(tf.tensor1d(init[1]))];
    const loss = (vs: tf.Variable[]) => () => tf.add(tf.sum(tf.square(tf.sub(vs[0], 1))), tf.sum(tf.pow(vs[1], 4))) as tf.Scalar;
    const a = make();
    const b = make();
    const baseline = tf.memory().numTensors;
    const flat = new FlatAdam(tf, a, 0.05);
    const ref = tf.train.adam(0.05, 0.9, 0.999, 1e-7);
    for (let step = 0; step < 25; step++) {
      tf.tidy(() => flat.apply(tf.variableGrads(loss(a), a).grads));
      tf.tidy(() => {
        ref.minimize(loss(b), false, b);
      });
    }
    for (let i = 0; i < 2; i++) {
      const x = a[i].dataSync();
      const y = b[i].dataSync();
      for (let j = 0; j < y.length; j++) expect(x[j]).toBeCloseTo(y[j], 4);
    }
    flat.dispose();
    ref.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose([...a, ...b]);
  });
});

describe('training', () => {
  it('the host step (WASM/CPU) and the tensor-graph step (WebGL) train the same model, for every activation', async () => {
    const configs: AutoencoderConfig[] = [
      SMALL,
      {
        ...SMALL,
        layers: [
          { units: 9, activation: 'tanh', dropoutAfter: 0.3 },
          { units: 5, activation: 'elu' },
          { units: 7, activation: 'linear', dropoutAfter: 0.1 },
          { units: 8, activation: 'sigmoid' },
        ],
        outputActivation: 'linear',
        shuffle: false,
      },
    ];
    for (const config of configs) {
      const run = async (stepKind: 'host' | 'graph') => {
        const baseline = tf.memory().numTensors;
        const { autoencoder, result } = await trainAutoencoder(tf, data(), config, { ...fast, stepKind });
        const w = await readWeights(autoencoder);
        disposeAutoencoder(autoencoder);
        expect(tf.memory().numTensors).toBe(baseline);
        return { loss: result.history.loss, w };
      };
      const host = await run('host');
      const graph = await run('graph');
      expect(host.loss).toHaveLength(config.epochs);
      host.loss.forEach((l, i) => expect(Math.abs(l - graph.loss[i]) / graph.loss[i]).toBeLessThan(1e-4));
      host.w.forEach((a, i) => a.forEach((v, j) => expect(Math.abs(v - graph.w[i][j])).toBeLessThan(1e-4)));
      // And they did train: the weights moved.
      const fresh = buildAutoencoder(tf, N_FEATURES, config);
      const w0 = await readWeights(fresh);
      disposeAutoencoder(fresh);
      expect(host.w).not.toEqual(w0);
    }
  });

  it('is deterministic for a seed, and the seed matters', async () => {
    const run = async (seed: number) => {
      const { autoencoder, result } = await trainAutoencoder(tf, data(), { ...SMALL, seed }, fast);
      const w = await readWeights(autoencoder);
      disposeAutoencoder(autoencoder);
      return { loss: result.history.loss, w };
    };
    const a = await run(123);
    const b = await run(123);
    const c = await run(124);
    expect(a.loss).toHaveLength(3);
    expect(b.loss).toEqual(a.loss);
    expect(b.w).toEqual(a.w);
    expect(c.loss).not.toEqual(a.loss);
  });

  it('loss falls on structured data; validation and progress are reported', async () => {
    const xVal = structured(128, N_FEATURES, 99);
    const progress: { epoch: number; history?: unknown; batch: number }[] = [];
    const before = buildAutoencoder(tf, N_FEATURES, { ...SMALL, epochs: 8 });
    const mseBefore = mean(await scoreRows(tf, before, X, N_ROWS));
    disposeAutoencoder(before);

    const { autoencoder, result } = await trainAutoencoder(tf, data(), { ...SMALL, epochs: 8 }, {
      ...fast,
      validation: { x: xVal, nRows: 128 },
      onProgress: (p) => progress.push({ epoch: p.epoch, batch: p.batch, history: p.history }),
    });
    try {
      const { loss, valLoss } = result.history;
      expect(result.reason).toBe('done');
      expect(result.epochsRun).toBe(8);
      expect(result.stoppedEarly).toBe(false);
      expect(result.backend).toBe('cpu');
      expect(result.samplesPerSec).toBeGreaterThan(0);
      expect(valLoss).toHaveLength(8);
      expect(loss[7]).toBeLessThan(loss[0] * 0.6);
      expect(valLoss[7]).toBeLessThan(valLoss[0] * 0.8);
      const mseAfter = mean(await scoreRows(tf, autoencoder, X, N_ROWS));
      expect(mseAfter).toBeLessThan(mseBefore * 0.5);
      // History travels only on the epoch-end messages, one per epoch.
      const ends = progress.filter((p) => p.history);
      expect(ends.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(progress.some((p) => !p.history && p.batch > 0)).toBe(true);
    } finally {
      disposeAutoencoder(autoencoder);
    }
  });

  it('averages the weights at the end of the last N epochs (SWA), only when every epoch ran', async () => {
    const config: AutoencoderConfig = { ...SMALL, epochs: 6, averageLastEpochs: 3 };
    const batches = Math.ceil(N_ROWS / config.batchSize);
    const ends: Float32Array[][] = [];
    const xVal = structured(64, N_FEATURES, 5);
    const { autoencoder, result } = await trainAutoencoder(tf, data(), config, {
      ...fast,
      validation: { x: xVal, nRows: 64 },
      afterBatch: (_epoch, batch, ae) => {
        if (batch === batches) ends.push(ae.model.getWeights().map((w) => w.dataSync() as Float32Array));
      },
    });
    try {
      expect(ends).toHaveLength(6);
      expect(result.averaged).toEqual({ fromEpoch: 4, toEpoch: 6, valLoss: expect.any(Number) });
      expect(result.messages.join(' ')).toMatch(/mean of the weights after epochs 4–6/);
      const w = await readWeights(autoencoder);
      w.forEach((arr, k) => {
        for (let i = 0; i < arr.length; i++) {
          const m = (ends[3][k][i] + ends[4][k][i] + ends[5][k][i]) / 3;
          expect(Math.abs(arr[i] - m)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(m)));
        }
      });
      // The reported validation MSE is the averaged model's, not the last epoch's.
      const sq = await scoreRows(tf, autoencoder, xVal, 64);
      expect(result.averaged?.valLoss).toBeCloseTo(mean(sq), 6);
      expect(result.history.valLoss).toHaveLength(6);
    } finally {
      disposeAutoencoder(autoencoder);
    }

    // 0 keeps the last epoch's weights; so does a run stopped before its last epoch, and one too
    // short to average (never more than the second half of the epochs: 3 epochs average none).
    for (const [cfg, stopAt] of [
      [{ ...config, averageLastEpochs: 0 }, null],
      [config, 4],
      [{ ...config, epochs: 3 }, null],
    ] as const) {
      const controller = new AbortController();
      let last: Float32Array[] = [];
      const out = await trainAutoencoder(tf, data(), cfg, {
        ...fast,
        signal: controller.signal,
        afterBatch: (epoch, batch, ae) => {
          if (batch === batches) last = ae.model.getWeights().map((w) => w.dataSync() as Float32Array);
          if (stopAt !== null && epoch === stopAt && batch === 2) controller.abort();
        },
      });
      try {
        expect(out.result.averaged).toBeUndefined();
        expect(out.result.reason).toBe(stopAt === null ? 'done' : 'stopped');
        if (stopAt === null) expect(await readWeights(out.autoencoder)).toEqual(last);
      } finally {
        disposeAutoencoder(out.autoencoder);
      }
    }
  });

  it('stop after the current batch keeps the weights trained so far', async () => {
    const controller = new AbortController();
    const fresh = buildAutoencoder(tf, N_FEATURES, SMALL);
    const w0 = await readWeights(fresh);
    const mse0 = mean(await scoreRows(tf, fresh, X, N_ROWS));
    disposeAutoencoder(fresh);

    let batchesAfterAbort = 0;
    const { autoencoder, result } = await trainAutoencoder(tf, data(), { ...SMALL, epochs: 10 }, {
      ...fast,
      signal: controller.signal,
      afterBatch: (epoch, batch) => {
        if (controller.signal.aborted) batchesAfterAbort++;
        if (epoch === 1 && batch === 5) controller.abort();
      },
    });
    try {
      expect(result.reason).toBe('stopped');
      expect(result.stoppedEarly).toBe(true);
      expect(result.epochsRun).toBe(1);
      expect(result.history.loss).toHaveLength(1);
      expect(batchesAfterAbort).toBe(0);
      const w = await readWeights(autoencoder);
      expect(w).not.toEqual(w0);
      expect(mean(await scoreRows(tf, autoencoder, X, N_ROWS))).toBeLessThan(mse0);
    } finally {
      disposeAutoencoder(autoencoder);
    }
  });

  it('a NaN in the input stops with reason "nan" and keeps no NaN weights', async () => {
    const x = X.slice();
    x[5 * N_FEATURES + 3] = NaN;
    expect(countNonFinite(x)).toBe(1);
    const { autoencoder, result } = await trainAutoencoder(tf, data(x), SMALL, fast);
    try {
      expect(result.reason).toBe('nan');
      expect(result.stoppedEarly).toBe(true);
      expect(result.history.loss.every(Number.isFinite)).toBe(true);
      expect(result.messages.join(' ')).toMatch(/NaN.*initial weights were restored/);
      const w = await readWeights(autoencoder);
      expect(w.every((a) => a.every(Number.isFinite))).toBe(true);
      // Restored = exactly the initial weights.
      const fresh = buildAutoencoder(tf, N_FEATURES, SMALL);
      expect(w).toEqual(await readWeights(fresh));
      disposeAutoencoder(fresh);
    } finally {
      disposeAutoencoder(autoencoder);
    }
  });

  it('a NaN mid-run restores the last epoch checkpoint', async () => {
    let epochEnds = 0;
    const { autoencoder, result } = await trainAutoencoder(tf, data(), { ...SMALL, epochs: 5 }, {
      ...fast,
      onProgress: (p) => {
        if (p.history) epochEnds++;
      },
      // Poison every weight during epoch 3: the next loss read is NaN.
      afterBatch: (epoch, batch, ae) => {
        if (epoch === 2 && batch === 1) writeWeights(tf, ae, ae.model.getWeights().map((t) => new Float32Array(t.size).fill(NaN)));
      },
    });
    try {
      expect(result.reason).toBe('nan');
      expect(result.epochsRun).toBe(2);
      expect(epochEnds).toBe(2);
      expect(result.messages.join(' ')).toMatch(/NaN in epoch 3.*end of epoch 2 were restored/);
      const w = await readWeights(autoencoder);
      expect(w.every((a) => a.every(Number.isFinite))).toBe(true);
      // The restored weights are those at the end of epoch 2: the same as a clean 2-epoch run.
      const two = await trainAutoencoder(tf, data(), { ...SMALL, epochs: 2, averageLastEpochs: 0 }, fast);
      expect(result.history.loss).toEqual(two.result.history.loss);
      expect(w).toEqual(await readWeights(two.autoencoder));
      disposeAutoencoder(two.autoencoder);
    } finally {
      disposeAutoencoder(autoencoder);
    }
  });

  it('a huge learning rate ends in "nan" or finite weights, never NaN weights', async () => {
    const { autoencoder, result } = await trainAutoencoder(tf, data(), { ...SMALL, learningRate: 1e6, outputActivation: 'linear' }, fast);
    try {
      const w = await readWeights(autoencoder);
      expect(w.every((a) => a.every(Number.isFinite))).toBe(true);
      expect(['nan', 'done']).toContain(result.reason);
      if (result.reason === 'nan') expect(result.messages.join(' ')).toMatch(/lower learning rate/);
    } finally {
      disposeAutoencoder(autoencoder);
    }
  });

  it('a lost backend rebuilds from the checkpoint and resumes (simulated on CPU)', async () => {
    let lost = false;
    let recovered = 0;
    const { autoencoder, result } = await trainAutoencoder(tf, data(), { ...SMALL, epochs: 4 }, {
      ...fast,
      afterBatch: (epoch, batch) => {
        if (epoch === 2 && batch === 3 && recovered === 0) lost = true;
      },
      backendLost: () => lost,
      recover: async () => {
        lost = false;
        recovered++;
        await tf.setBackend('cpu');
        return 'cpu';
      },
    });
    try {
      expect(recovered).toBe(1);
      expect(result.reason).toBe('done');
      expect(result.epochsRun).toBe(4);
      expect(result.history.loss).toHaveLength(4);
      expect(result.history.loss.every(Number.isFinite)).toBe(true);
      expect(result.history.valLoss).toEqual([]);
      expect(result.messages.join(' ')).toMatch(/context was lost during epoch 3.*end of epoch 2/);
    } finally {
      disposeAutoencoder(autoencoder);
    }
  });

  it('rejects a matrix whose size does not match nRows × nFeatures', async () => {
    await expect(trainAutoencoder(tf, { x: new Float32Array(10), nRows: 3, nFeatures: 4 }, SMALL)).rejects.toThrow(/expected nRows × nFeatures/);
  });
});

describe('no tensor leaks', () => {
  it('train → score → explain → latent → dispose returns to the baseline, three times over', async () => {
    const baseline = tf.memory().numTensors;
    const xVal = structured(64, N_FEATURES, 5);
    for (let i = 0; i < 3; i++) {
      const { autoencoder } = await trainAutoencoder(tf, data(), { ...SMALL, epochs: 2 }, { ...fast, validation: { x: xVal, nRows: 64 } });
      await scoreRows(tf, autoencoder, X, N_ROWS, 100);
      await explainRows(tf, autoencoder, X.subarray(0, 2 * N_FEATURES), 2);
      await encodeRows(tf, autoencoder, X, N_ROWS);
      const files = await exportAutoencoder(tf, autoencoder);
      const loaded = await importAutoencoder(tf, files);
      disposeAutoencoder(loaded.autoencoder);
      disposeAutoencoder(autoencoder);
      expect(tf.memory().numTensors).toBe(baseline);
    }
  });

  it('also after a stopped run and a NaN run', async () => {
    const baseline = tf.memory().numTensors;
    const ctl = new AbortController();
    const stopped = await trainAutoencoder(tf, data(), SMALL, { ...fast, signal: ctl.signal, afterBatch: (_e, b) => b === 3 && ctl.abort() });
    disposeAutoencoder(stopped.autoencoder);
    const x = X.slice();
    x[0] = Infinity;
    const nan = await trainAutoencoder(tf, data(x), SMALL, fast);
    disposeAutoencoder(nan.autoencoder);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('inference and save/load', () => {
  it('explain and latent agree with score; save → load reproduces the MSE', async () => {
    const { autoencoder } = await trainAutoencoder(tf, data(), SMALL, fast);
    try {
      const mse = await scoreRows(tf, autoencoder, X, N_ROWS);
      const mseSmallBatches = await scoreRows(tf, autoencoder, X, N_ROWS, 7);
      expect(mseSmallBatches).toEqual(mse);

      const rows = 3;
      const { reconstruction, sqErr } = await explainRows(tf, autoencoder, X.subarray(0, rows * N_FEATURES), rows);
      expect(reconstruction).toHaveLength(rows * N_FEATURES);
      for (let r = 0; r < rows; r++) {
        const rowMean = mean(sqErr.subarray(r * N_FEATURES, (r + 1) * N_FEATURES));
        expect(rowMean).toBeCloseTo(mse[r], 6);
      }

      const { z, dims } = await encodeRows(tf, autoencoder, X, N_ROWS);
      expect(dims).toBe(10);
      expect(z).toHaveLength(N_ROWS * 10);
      expect(z.every((v) => v >= 0)).toBe(true); // relu bottleneck

      const extra = JSON.stringify({ spec: 'preprocessing', columns: ['__proto__', 'constructor'] });
      const files = await exportAutoencoder(tf, autoencoder, extra);
      const json = JSON.parse(files.modelJson);
      expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
      expect(json.userDefinedMetadata.netflowNotebook.nFeatures).toBe(N_FEATURES);

      const loaded = await importAutoencoder(tf, { modelJson: files.modelJson, weights: files.weights.slice(0) });
      try {
        expect(loaded.extra).toBe(extra);
        expect(loaded.autoencoder.nFeatures).toBe(N_FEATURES);
        expect(loaded.autoencoder.config).toEqual(SMALL);
        const mse2 = await scoreRows(tf, loaded.autoencoder, X, N_ROWS);
        let maxDiff = 0;
        for (let i = 0; i < mse.length; i++) maxDiff = Math.max(maxDiff, Math.abs(mse[i] - mse2[i]));
        expect(maxDiff).toBeLessThanOrEqual(1e-6);
      } finally {
        disposeAutoencoder(loaded.autoencoder);
      }

      await expect(importAutoencoder(tf, { modelJson: files.modelJson, weights: files.weights.slice(4) })).rejects.toThrow(/weights\.bin has/);
      await expect(importAutoencoder(tf, { modelJson: '{"modelTopology":{},"weightsManifest":[]}', weights: new ArrayBuffer(0) })).rejects.toThrow(
        /not saved by this app/,
      );
      await expect(scoreRows(tf, autoencoder, new Float32Array(5), 1)).rejects.toThrow(/expected/);
    } finally {
      disposeAutoencoder(autoencoder);
    }
  });
});

describe('on the WASM backend (Node)', () => {
  it('gives the CPU losses (to float rounding), and leaks nothing', async () => {
    const cpu = await trainAutoencoder(tf, data(), SMALL, fast);
    const cpuMse = await scoreRows(tf, cpu.autoencoder, X, N_ROWS);
    disposeAutoencoder(cpu.autoencoder);
    try {
      expect(await tf.setBackend('wasm')).toBe(true);
      const baseline = tf.memory().numTensors;
      const wasm = await trainAutoencoder(tf, data(), SMALL, fast);
      expect(wasm.result.backend).toBe('wasm');
      wasm.result.history.loss.forEach((l, i) => expect(Math.abs(l - cpu.result.history.loss[i]) / l).toBeLessThan(1e-4));
      const wasmMse = await scoreRows(tf, wasm.autoencoder, X, N_ROWS);
      for (let i = 0; i < N_ROWS; i++) expect(Math.abs(wasmMse[i] - cpuMse[i])).toBeLessThan(1e-5);
      disposeAutoencoder(wasm.autoencoder);
      expect(tf.memory().numTensors).toBe(baseline);
    } finally {
      await tf.setBackend('cpu');
    }
  });
});
