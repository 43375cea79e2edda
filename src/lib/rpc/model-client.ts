/**
 * The typed client of the model worker (DESIGN §1). `createModelClient()` spawns the worker
 * lazily on the first call; cancelling (`client.cancel()`) terminates it and the next call
 * starts a fresh one. The wrappers below put the right buffers in the transfer list: a
 * transferred matrix is gone from the caller (its buffer is detached), which is the point —
 * the UI never keeps a second copy of the data.
 */
import type {
  AutoencoderConfig,
  BackendChoice,
  BackendName,
  ModelExplainResult,
  ModelFiles,
  ModelLatentResult,
  ModelLoadResult,
  ModelMemoryResult,
  ModelMethods,
  ModelSaveResult,
  ModelScoreResult,
  TrainProgress,
  TrainResult,
} from '../../../workers/protocol';
import { RpcClient } from './client';

export type ModelClient = RpcClient<ModelMethods>;

export function createModelClient(): ModelClient {
  return new RpcClient<ModelMethods>(() => new Worker(new URL('../../../workers/model.worker.ts', import.meta.url), { type: 'module' }));
}

/**
 * The buffer to transfer for `x`. A view into a larger buffer would detach the whole buffer,
 * so it is copied first; the returned array is what must be sent.
 */
function transferable(x: Float32Array): { array: Float32Array; buffer: ArrayBuffer } {
  const whole = x.byteOffset === 0 && x.byteLength === x.buffer.byteLength && x.buffer instanceof ArrayBuffer;
  const array = whole ? x : x.slice();
  return { array, buffer: array.buffer as ArrayBuffer };
}

/** Chooses the backend; `force` is the `?backend=` override (see `parseBackendOverride`). */
export function initModelBackend(client: ModelClient, force: BackendName | null = null): Promise<BackendChoice> {
  return client.call('init', { force });
}

export interface TrainCall {
  readonly x: Float32Array;
  readonly nRows: number;
  readonly nFeatures: number;
  readonly config: AutoencoderConfig;
  readonly validation?: { readonly x: Float32Array; readonly nRows: number };
  readonly onProgress?: (p: TrainProgress) => void;
}

/** Trains a fresh model; `x` (and the validation matrix) are transferred to the worker. */
export function trainModel(client: ModelClient, call: TrainCall): Promise<TrainResult> {
  const x = transferable(call.x);
  const transfer: ArrayBuffer[] = [x.buffer];
  let validation: { x: Float32Array; nRows: number } | undefined;
  if (call.validation) {
    const v = transferable(call.validation.x);
    if (v.buffer === x.buffer) throw new Error('The validation matrix must not share a buffer with the training matrix');
    validation = { x: v.array, nRows: call.validation.nRows };
    transfer.push(v.buffer);
  }
  return client.call(
    'train',
    { x: x.array, nRows: call.nRows, nFeatures: call.nFeatures, config: call.config, ...(validation ? { validation } : {}) },
    { transfer, ...(call.onProgress ? { onProgress: call.onProgress } : {}) },
  );
}

/** Asks a running training to stop after its current batch (the train call resolves 'stopped'). */
export function stopTraining(client: ModelClient): Promise<{ readonly stopping: boolean }> {
  return client.call('stop', {});
}

/** Per-row reconstruction MSE; `x` is transferred. */
export function scoreMatrix(client: ModelClient, x: Float32Array, nRows: number, nFeatures: number, batchSize?: number): Promise<ModelScoreResult> {
  const t = transferable(x);
  return client.call('score', { x: t.array, nRows, nFeatures, ...(batchSize !== undefined ? { batchSize } : {}) }, { transfer: [t.buffer] });
}

/** Reconstruction and per-feature squared errors of a few rows (copied, not transferred). */
export function explainModelRows(client: ModelClient, x: Float32Array, nRows: number): Promise<ModelExplainResult> {
  return client.call('explain', { x: x.slice(), nRows });
}

/** Bottleneck activations; `x` is transferred. */
export function latentOf(client: ModelClient, x: Float32Array, nRows: number): Promise<ModelLatentResult> {
  const t = transferable(x);
  return client.call('latent', { x: t.array, nRows }, { transfer: [t.buffer] });
}

/** Saves to the app's IndexedDB; `extra` is an opaque JSON string (the preprocessing spec). */
export function saveModel(client: ModelClient, key: string, extra?: string): Promise<ModelSaveResult> {
  return client.call('save', { key, ...(extra !== undefined ? { extra } : {}) });
}

/** model.json + weights.bin for download (see `downloadModel` in cells/model/files.ts). */
export function exportModelFiles(client: ModelClient, extra?: string): Promise<ModelFiles> {
  return client.call('exportFiles', extra !== undefined ? { extra } : {});
}

export function loadSavedModel(client: ModelClient, key: string): Promise<ModelLoadResult> {
  return client.call('load', { key });
}

/** Loads from files (e.g. picked by the user); the weights buffer is transferred. */
export function loadModelFromFiles(client: ModelClient, files: ModelFiles): Promise<ModelLoadResult> {
  return client.call('load', { modelJson: files.modelJson, weights: files.weights }, { transfer: [files.weights] });
}

export function modelMemory(client: ModelClient): Promise<ModelMemoryResult> {
  return client.call('memory', {});
}

export function disposeModel(client: ModelClient): Promise<{ readonly disposed: boolean }> {
  return client.call('dispose', {});
}
