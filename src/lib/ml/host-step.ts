/**
 * A training step for the autoencoder that keeps every weight, gradient and Adam moment in
 * plain `Float32Array`s on the host and asks tfjs only for the matrix products (issue 5, goal a:
 * throughput at batch 32 on the WASM backend).
 *
 * Why: at batch 32 the seed network's step is tiny (~2.6 MFLOP) and tfjs' cost is per kernel,
 * not per flop. The tensor-graph step (autoencoder.ts, still used on WebGL) runs ~150 kernels a
 * step on WASM — fused matMuls, transposes, reshapes, a concat/split and a dozen element-wise
 * ops for Adam, each 10–40 µs of engine and backend overhead whatever its size. Here a step is
 * 17 matMul kernels (6 forward with bias and activation fused, 11 backward; XNNPACK on WASM) and
 * everything element-wise (activation derivatives, dropout, bias gradients, transposes, the MSE
 * gradient, Adam) is a plain loop over a few thousand floats, which costs less than the kernel
 * launches it replaces. Measured numbers are in the comment above `trainAutoencoder`.
 *
 * Used on the WASM and CPU backends only: on WebGL every host read stalls the GPU pipeline, so
 * the tensor-graph step stays there.
 *
 * Semantics are those of the tensor-graph step: Dense → activation → dropout (mask × 1/keep,
 * drawn by the caller), MSE over batch × features, Adam with tfjs/Keras ε (added to the
 * bias-corrected √v̂), activation derivatives taken from the saved outputs (relu: step(y), with
 * step(0) = 0 as tfjs' Relu gradient).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Activation } from '../../../workers/protocol-model';

type Tf = typeof tfjs;

export interface HostLayer {
  readonly inputs: number;
  readonly units: number;
  readonly activation: Activation;
}

/** tfjs' fused matMul takes every activation here except tanh (applied on the host). */
type FusedActivation = 'linear' | 'relu' | 'sigmoid' | 'elu';

/** Per-batch-size scratch buffers (a run sees at most two sizes: the batch and the last one). */
interface Scratch {
  /** Layer outputs before dropout (for the activation derivative). */
  readonly y: Float32Array[];
  /** Each layer's output after dropout (used only where a mask is set). */
  readonly masked: Float32Array[];
  /** Gradient w.r.t. each layer's output (after dropout), reused as dz. */
  readonly dy: Float32Array[];
  /** Transposed layer inputs (inputs × rows). */
  readonly hT: Float32Array[];
}

export class HostAdamTrainer {
  readonly layers: readonly HostLayer[];
  /** Kernels and biases, layer by layer: [W0, b0, W1, b1, ...] (the model's weight order). */
  readonly weights: Float32Array[];
  readonly #m: Float32Array[];
  readonly #v: Float32Array[];
  readonly #grads: Float32Array[];
  /** Transposed kernels (units × inputs), refreshed each step for the backward products. */
  readonly #wT: Float32Array[];
  readonly #scratch = new Map<number, Scratch>();
  readonly #kernels: { backend: tfjs.KernelBackend; plain: tfjs.KernelConfig; fused: tfjs.KernelConfig };
  #t = 0;

  constructor(
    private readonly tf: Tf,
    layers: readonly HostLayer[],
    weights: readonly Float32Array[],
    private readonly lr: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {
    if (weights.length !== layers.length * 2) throw new Error(`Expected ${layers.length * 2} weight arrays, got ${weights.length}`);
    layers.forEach((l, i) => {
      if (weights[2 * i].length !== l.inputs * l.units || weights[2 * i + 1].length !== l.units) {
        throw new Error(`Layer ${i + 1}: weights do not match ${l.inputs} → ${l.units}`);
      }
      if (i > 0 && l.inputs !== layers[i - 1].units) throw new Error(`Layer ${i + 1} takes ${l.inputs} inputs but layer ${i} has ${layers[i - 1].units} units`);
    });
    this.layers = layers.slice();
    this.weights = weights.map((w) => Float32Array.from(w));
    this.#m = weights.map((w) => new Float32Array(w.length));
    this.#v = weights.map((w) => new Float32Array(w.length));
    this.#grads = weights.map((w) => new Float32Array(w.length));
    this.#wT = layers.map((l) => new Float32Array(l.inputs * l.units));
    const name = tf.getBackend();
    const plain = tf.getKernel('BatchMatMul', name);
    const fused = tf.getKernel('_FusedMatMul', name);
    if (!plain || !fused) throw new Error(`The ${name} backend has no BatchMatMul / _FusedMatMul kernel`);
    this.#kernels = { backend: tf.backend(), plain, fused };
  }

  /** Replaces the weights (e.g. after a test hook edited the model); the Adam state is kept. */
  setWeights(weights: readonly Float32Array[]): void {
    weights.forEach((w, i) => this.weights[i].set(w));
  }

  #buffers(rows: number): Scratch {
    let s = this.#scratch.get(rows);
    if (!s) {
      const L = this.layers;
      s = {
        y: L.map((l) => new Float32Array(rows * l.units)),
        masked: L.map((l) => new Float32Array(rows * l.units)),
        dy: L.map((l) => new Float32Array(rows * l.units)),
        hT: L.map((l) => new Float32Array(rows * l.inputs)),
      };
      if (this.#scratch.size >= 4) this.#scratch.clear();
      this.#scratch.set(rows, s);
    }
    return s;
  }

  /**
   * a (rows × inner) · b (inner × cols), optionally + bias and a fused activation; the product
   * lands in `out`. The operands are uploaded and the result read back: at these sizes a copy
   * costs less than one extra kernel.
   *
   * The backend's kernel is called directly (`getKernel(...).kernelFunc` on data written with
   * `backend.write`), not through `tf.matMul`: the engine's bookkeeping per op (tensor objects,
   * reference counts, the kernel registry lookup, profiling hooks) and the op's reshapes cost
   * about as much as a batch-32 product itself. Shapes are rank 3, as the matMul ops pass them.
   */
  #matMul(a: Float32Array, rows: number, inner: number, b: Float32Array, cols: number, out: Float32Array, bias?: Float32Array, activation?: FusedActivation): void {
    const k = this.#kernels;
    const backend = k.backend;
    const info = (values: Float32Array, shape: number[]): tfjs.TensorInfo => ({ dataId: backend.write(values, shape, 'float32'), shape, dtype: 'float32' });
    const ta = info(a, [1, rows, inner]);
    const tb = info(b, [1, inner, cols]);
    const tbias = bias ? info(bias, [cols]) : null;
    let tc: tfjs.TensorInfo | null = null;
    try {
      const inputs = (tbias ? { a: ta, b: tb, bias: tbias } : { a: ta, b: tb }) as unknown as tfjs.NamedTensorInfoMap;
      const attrs = { transposeA: false, transposeB: false, activation: activation ?? 'linear', leakyreluAlpha: 0 } as unknown as tfjs.NamedAttrMap;
      tc = (tbias ? k.fused : k.plain).kernelFunc({ inputs, backend, attrs }) as tfjs.TensorInfo;
      out.set(backend.readSync(tc.dataId) as Float32Array);
    } finally {
      backend.disposeData(ta.dataId);
      backend.disposeData(tb.dataId);
      if (tbias) backend.disposeData(tbias.dataId);
      if (tc) backend.disposeData(tc.dataId);
    }
  }

  /**
   * One Adam step on `rows` rows of `x` (row-major, rows × features). `masks[i]`, when set,
   * multiplies layer i's output (0 or 1/keep). Returns the batch's summed squared error divided
   * by the number of features, i.e. mean loss × rows.
   */
  step(x: Float32Array, rows: number, masks: readonly (Float32Array | null)[]): number {
    const L = this.layers;
    const n = L.length;
    const nF = L[0].inputs;
    if (x.length < rows * nF) throw new Error(`step: x has ${x.length} values, expected ${rows} × ${nF}`);
    const s = this.#buffers(rows);
    const W = this.weights;

    // Forward. ins[i] is layer i's input: x, then each layer's output after dropout.
    const ins: Float32Array[] = [x];
    let input = x;
    for (let i = 0; i < n; i++) {
      const l = L[i];
      const y = s.y[i];
      const fused: FusedActivation = l.activation === 'tanh' ? 'linear' : l.activation;
      this.#matMul(input, rows, l.inputs, W[2 * i], l.units, y, W[2 * i + 1], fused);
      if (l.activation === 'tanh') for (let k = 0; k < y.length; k++) y[k] = Math.tanh(y[k]);
      const m = masks[i];
      let h = y;
      if (m) {
        h = s.masked[i];
        for (let k = 0; k < h.length; k++) h[k] = y[k] * m[k];
      }
      ins.push(h);
      input = h;
    }

    // MSE and its gradient: d/dŷ mean((ŷ − x)²) = 2 (ŷ − x) / (rows · features).
    const out = ins[n];
    const dOut = s.dy[n - 1];
    const scale = 2 / (rows * nF);
    let sse = 0;
    for (let k = 0; k < rows * nF; k++) {
      const d = out[k] - x[k];
      sse += d * d;
      dOut[k] = d * scale;
    }
    const lastMask = masks[n - 1];
    if (lastMask) for (let k = 0; k < dOut.length; k++) dOut[k] *= lastMask[k];

    // Backward: dz = dy ⊙ f'(y); db = Σ_rows dz; dW = hᵀ · dz; dh = dz · Wᵀ (then ⊙ mask).
    for (let i = n - 1; i >= 0; i--) {
      const l = L[i];
      const dz = s.dy[i];
      const y = s.y[i];
      switch (l.activation) {
        case 'relu':
          for (let k = 0; k < dz.length; k++) if (!(y[k] > 0)) dz[k] = 0;
          break;
        case 'sigmoid':
          for (let k = 0; k < dz.length; k++) dz[k] *= y[k] * (1 - y[k]);
          break;
        case 'tanh':
          for (let k = 0; k < dz.length; k++) dz[k] *= 1 - y[k] * y[k];
          break;
        case 'elu':
          for (let k = 0; k < dz.length; k++) if (!(y[k] > 0)) dz[k] *= y[k] + 1;
          break;
        case 'linear':
          break;
      }
      const units = l.units;
      const inputs = l.inputs;
      const db = this.#grads[2 * i + 1];
      db.fill(0);
      for (let r = 0; r < rows; r++) {
        const o = r * units;
        for (let j = 0; j < units; j++) db[j] += dz[o + j];
      }
      const h = ins[i];
      const hT = s.hT[i];
      for (let r = 0; r < rows; r++) {
        const o = r * inputs;
        for (let c = 0; c < inputs; c++) hT[c * rows + r] = h[o + c];
      }
      this.#matMul(hT, inputs, rows, dz, units, this.#grads[2 * i]);
      if (i > 0) {
        const w = W[2 * i];
        const wT = this.#wT[i];
        for (let r = 0; r < inputs; r++) {
          const o = r * units;
          for (let c = 0; c < units; c++) wT[c * inputs + r] = w[o + c];
        }
        const dPrev = s.dy[i - 1];
        this.#matMul(dz, rows, units, wT, inputs, dPrev);
        const m = masks[i - 1];
        if (m) for (let k = 0; k < dPrev.length; k++) dPrev[k] *= m[k];
      }
    }

    // Adam: lr · m̂ / (√v̂ + ε), m̂ = m / (1 − β1ᵗ), √v̂ = √v / √(1 − β2ᵗ) (as FlatAdam / tf.train.adam).
    this.#t++;
    const { beta1, beta2, epsilon } = this;
    const b1 = 1 - beta1;
    const b2 = 1 - beta2;
    const step = this.lr / (1 - Math.pow(beta1, this.#t));
    const c2 = 1 / Math.sqrt(1 - Math.pow(beta2, this.#t));
    for (let p = 0; p < W.length; p++) {
      const w = W[p];
      const g = this.#grads[p];
      const m = this.#m[p];
      const v = this.#v[p];
      for (let k = 0; k < w.length; k++) {
        const gk = g[k];
        const mk = beta1 * m[k] + b1 * gk;
        const vk = beta2 * v[k] + b2 * gk * gk;
        m[k] = mk;
        v[k] = vk;
        w[k] -= (step * mk) / (Math.sqrt(vk) * c2 + epsilon);
      }
    }
    return sse / nF;
  }
}
