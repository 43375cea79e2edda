/**
 * The model worker (DESIGN §1, §5): owns TensorFlow.js — backend choice, the autoencoder,
 * training, scoring, save/load. Everything browser-only about tfjs lives here (OffscreenCanvas
 * probe, WebGL context-loss watch, WASM file URLs); the maths is in src/lib/ml/autoencoder.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import {
  countNonFinite,
  disposeAutoencoder,
  encodeRows,
  explainRows,
  exportAutoencoder,
  importAutoencoder,
  scoreRows,
  trainAutoencoder,
  validateConfig,
  type Autoencoder,
} from '../src/lib/ml/autoencoder';
import { backendLabel, classifyRenderer, formatReason, isBackendName, planBackends, singleThreadWhy, type BackendProbe, type PlanStep } from '../src/lib/ml/backend';
import { loadModelFiles, saveModelFiles } from '../src/lib/ml/model-store';
import { MODEL_METHODS, type BackendChoice, type BackendName, type ModelFiles, type ModelMethods } from './protocol-model';
import { serve, UserError, type Handlers } from './serve';

// ---------------------------------------------------------------------------------------------
// Backend choice

/** The .wasm files come from our own origin (CSP connect-src 'self'; no CDN). */
let wasmConfigured = false;
function configureWasm(threads: boolean): void {
  if (!wasmConfigured) {
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlainUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
    });
    wasmConfigured = true;
  }
  // Threads need SharedArrayBuffer, i.e. a cross-origin-isolated page (never on GitHub Pages).
  if (!threads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

function probeWebgl(): { renderer: string | null; error?: string } {
  if (typeof OffscreenCanvas === 'undefined') return { renderer: null, error: 'no OffscreenCanvas' };
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { renderer: null, error: 'no WebGL2 context' };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const raw: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    // Free the probe's context: browsers cap the number of live WebGL contexts.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { renderer: typeof raw === 'string' ? raw : '' };
  } catch (err) {
    return { renderer: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The WebGL context tfjs is using, watched for loss (tfjs itself goes on silently). */
let watchedGl: WebGLRenderingContext | WebGL2RenderingContext | null = null;
let webglLost = false;

function watchWebglContext(): void {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext } };
  const gl = backend.gpgpu?.gl ?? null;
  if (!gl || gl === watchedGl) return;
  watchedGl = gl;
  webglLost = false;
  (gl.canvas as EventTarget).addEventListener('webglcontextlost', () => {
    webglLost = true;
  });
}

function backendLost(): boolean {
  return tf.getBackend() === 'webgl' && (webglLost || (watchedGl?.isContextLost() ?? false));
}

async function trySetBackend(name: BackendName, threads: boolean): Promise<void> {
  if (name === 'wasm') configureWasm(threads);
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') returned false`);
  await tf.ready();
  // Smoke test: a backend can register and still fail on its first kernel.
  const t = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
  const v = (await t.data())[0];
  t.dispose();
  if (v !== 2) throw new Error(`${name} computed 1 + 1 = ${v}`);
}

async function describe(step: PlanStep, renderer: string | null, failures: string[]): Promise<BackendChoice> {
  let simd: boolean | undefined;
  let threads: boolean | undefined;
  if (step.backend === 'wasm') {
    simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) && getThreadsCount() > 1;
  }
  return {
    backend: step.backend,
    reason: formatReason(
      step,
      { simd, threads, singleThreadWhy: singleThreadWhy(typeof crossOriginIsolated === 'boolean' && crossOriginIsolated, navigator.hardwareConcurrency) },
      failures,
    ),
    ...(renderer != null ? { renderer } : {}),
    ...(simd !== undefined ? { simd } : {}),
    ...(threads !== undefined ? { threads } : {}),
  };
}

async function chooseBackend(force: BackendName | null): Promise<BackendChoice> {
  const webgl = probeWebgl();
  const isolated = typeof crossOriginIsolated === 'boolean' && crossOriginIsolated;
  const probe: BackendProbe = { webglRenderer: webgl.renderer, crossOriginIsolated: isolated, ...(webgl.error ? { webglError: webgl.error } : {}) };
  const failures: string[] = [];
  for (const step of planBackends(force, probe)) {
    if (step.backend === 'webgl') {
      // tfjs asks for failIfMajorPerformanceCaveat; a user who forces WebGL on a software
      // renderer gets it anyway.
      if (classifyRenderer(webgl.renderer) !== 'hardware') tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
    }
    try {
      try {
        await trySetBackend(step.backend, isolated);
      } catch (err) {
        // The threaded build is the fragile one (DESIGN §4): retry single-threaded.
        if (step.backend !== 'wasm' || !isolated) throw err;
        failures.push(`threaded WASM failed (${errorText(err)})`);
        await trySetBackend('wasm', false);
      }
      if (step.backend === 'webgl') watchWebglContext();
      return await describe(step, webgl.renderer, failures);
    } catch (err) {
      failures.push(`${backendLabel(step.backend)} failed to start: ${errorText(err)}`);
    }
  }
  throw new UserError(`No TensorFlow.js backend could start: ${failures.join('; ')}`, 'no-backend');
}

/** After a WebGL context loss: WASM, else CPU. */
async function fallBackFromWebgl(): Promise<BackendName> {
  watchedGl = null;
  webglLost = false;
  const isolated = typeof crossOriginIsolated === 'boolean' && crossOriginIsolated;
  const failures: string[] = [];
  for (const name of ['wasm', 'cpu'] as const) {
    try {
      await trySetBackend(name, isolated && name === 'wasm');
      const step: PlanStep = { backend: name, why: 'the WebGL context was lost during training, so training continued here' };
      choice = await describe(step, choice?.renderer ?? null, failures);
      return name;
    } catch (err) {
      failures.push(`${backendLabel(name)} failed to start: ${errorText(err)}`);
    }
  }
  throw new UserError(`The WebGL context was lost and no other backend could start: ${failures.join('; ')}`, 'no-backend');
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------------------------------------
// State

let choice: BackendChoice | null = null;
let initializing: Promise<BackendChoice> | null = null;
let model: Autoencoder | null = null;
let training: AbortController | null = null;

function ensureInit(): Promise<BackendChoice> {
  if (choice) return Promise.resolve(choice);
  initializing ??= chooseBackend(null).then(
    (c) => (choice = c),
    (err: unknown) => {
      initializing = null;
      throw err;
    },
  );
  return initializing;
}

function notWhileTraining(what: string): void {
  if (training) throw new UserError(`Cannot ${what} while training is running; stop it first.`, 'busy');
}

function requireModel(): Autoencoder {
  if (!model) throw new UserError('There is no trained or loaded model yet.', 'no-model');
  return model;
}

function checkMatrix(x: unknown, nRows: unknown, nFeatures: number, what: string): asserts x is Float32Array {
  if (!(x instanceof Float32Array)) throw new UserError(`${what} must be a Float32Array`, 'bad-request');
  if (typeof nRows !== 'number' || !Number.isInteger(nRows) || nRows < 0) throw new UserError(`${what}: nRows must be a non-negative integer`, 'bad-request');
  if (x.length !== nRows * nFeatures) {
    throw new UserError(`${what} has ${x.length} values; expected ${nRows} rows × ${nFeatures} features = ${nRows * nFeatures}`, 'shape');
  }
}

function checkFeatures(nFeatures: unknown, ae: Autoencoder): number {
  if (nFeatures !== ae.nFeatures) {
    throw new UserError(`The model expects ${ae.nFeatures} features but the data has ${String(nFeatures)}; preprocess it with the model's spec.`, 'shape');
  }
  return ae.nFeatures;
}

/** Yields to the worker's event loop without setTimeout's 4 ms clamp for nested timers. */
const channel = new MessageChannel();
const yielded: (() => void)[] = [];
channel.port1.onmessage = () => yielded.shift()?.();
function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => {
    yielded.push(resolve);
    channel.port2.postMessage(0);
  });
}

function replaceModel(next: Autoencoder | null): void {
  if (model && model !== next) disposeAutoencoder(model);
  model = next;
}

// ---------------------------------------------------------------------------------------------
// Handlers

const handlers: Handlers<ModelMethods> = {
  async init({ force }) {
    notWhileTraining('change the backend');
    if (force !== null && !isBackendName(force)) throw new UserError(`Unknown backend "${String(force)}"`, 'bad-request');
    if (initializing) await initializing.catch(() => undefined);
    initializing = chooseBackend(force);
    try {
      choice = await initializing;
      return choice;
    } finally {
      initializing = null;
    }
  },

  async train({ x, nRows, nFeatures, config, validation }, ctx) {
    await ensureInit();
    notWhileTraining('start another training run');
    const problems = validateConfig(config);
    if (problems.length > 0) throw new UserError(`Invalid model settings: ${problems.join('; ')}.`, 'bad-config');
    if (typeof nFeatures !== 'number' || !Number.isInteger(nFeatures) || nFeatures < 1) throw new UserError('nFeatures must be a positive integer', 'bad-request');
    checkMatrix(x, nRows, nFeatures, 'The training matrix');
    if (nRows < 1) throw new UserError('There are no rows to train on.', 'empty');
    if (validation) checkMatrix(validation.x, validation.nRows, nFeatures, 'The validation matrix');

    replaceModel(null); // free the old model's memory before building the new one
    const controller = new AbortController();
    training = controller;
    try {
      const { autoencoder, result } = await trainAutoencoder(tf, { x, nRows, nFeatures }, config, {
        ...(validation ? { validation } : {}),
        signal: controller.signal,
        onProgress: (p) => ctx.progress(p),
        yieldFn: yieldToQueue,
        backendLost,
        recover: fallBackFromWebgl,
      });
      model = autoencoder;
      if (result.reason === 'nan') {
        const bad = countNonFinite(x);
        if (bad > 0) {
          return {
            ...result,
            messages: [`The training matrix contains ${bad} NaN/Infinity value${bad === 1 ? '' : 's'}; preprocessing should have removed them.`, ...result.messages],
          };
        }
      }
      return result;
    } finally {
      training = null;
    }
  },

  stop() {
    if (!training) return { stopping: false };
    training.abort();
    return { stopping: true };
  },

  async score({ x, nRows, nFeatures, batchSize }, ctx) {
    await ensureInit();
    notWhileTraining('score');
    const ae = requireModel();
    checkMatrix(x, nRows, checkFeatures(nFeatures, ae), 'The matrix to score');
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1)) throw new UserError('batchSize must be a positive integer', 'bad-request');
    const t0 = performance.now();
    const mse = await scoreRows(tf, ae, x, nRows, batchSize);
    const ms = performance.now() - t0;
    ctx.transfer(mse.buffer);
    return { mse, ms };
  },

  async explain({ x, nRows }, ctx) {
    await ensureInit();
    notWhileTraining('explain rows');
    const ae = requireModel();
    checkMatrix(x, nRows, ae.nFeatures, 'The rows to explain');
    const out = await explainRows(tf, ae, x, nRows);
    ctx.transfer(out.reconstruction.buffer, out.sqErr.buffer);
    return out;
  },

  async latent({ x, nRows }, ctx) {
    await ensureInit();
    notWhileTraining('encode rows');
    const ae = requireModel();
    checkMatrix(x, nRows, ae.nFeatures, 'The rows to encode');
    const out = await encodeRows(tf, ae, x, nRows);
    ctx.transfer(out.z.buffer);
    return out;
  },

  async save({ key, extra }) {
    await ensureInit();
    notWhileTraining('save');
    if (typeof key !== 'string' || key.trim() === '' || key.length > 200) throw new UserError('A model name of 1 to 200 characters is needed.', 'bad-request');
    if (extra !== undefined && typeof extra !== 'string') throw new UserError('extra must be a JSON string', 'bad-request');
    const files = await exportAutoencoder(tf, requireModel(), extra);
    return await saveModelFiles(key, files);
  },

  async exportFiles({ extra }, ctx) {
    await ensureInit();
    notWhileTraining('export');
    if (extra !== undefined && typeof extra !== 'string') throw new UserError('extra must be a JSON string', 'bad-request');
    const files = await exportAutoencoder(tf, requireModel(), extra);
    ctx.transfer(files.weights);
    return files;
  },

  async load(params) {
    await ensureInit();
    notWhileTraining('load a model');
    let files: ModelFiles;
    if ('key' in params) {
      const found = await loadModelFiles(params.key);
      if (!found) throw new UserError(`No saved model is named "${params.key}".`, 'not-found');
      files = found;
    } else {
      if (typeof params.modelJson !== 'string' || !(params.weights instanceof ArrayBuffer)) {
        throw new UserError('Loading from files needs model.json text and the weights as an ArrayBuffer.', 'bad-request');
      }
      files = params;
    }
    const { autoencoder, extra } = await importAutoencoder(tf, files);
    replaceModel(autoencoder);
    return { nFeatures: autoencoder.nFeatures, config: autoencoder.config, ...(extra !== undefined ? { extra } : {}) };
  },

  memory() {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  },

  dispose() {
    notWhileTraining('dispose the model');
    const had = model !== null;
    replaceModel(null);
    return { disposed: had };
  },
};

serve<ModelMethods>(self, MODEL_METHODS, handlers);
