/**
 * Methods of the model worker (DESIGN §1, §5): it owns TensorFlow.js. Matrices arrive as
 * transferred Float32Arrays (row-major, nRows × nFeatures); per-row errors go back the same way.
 */

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export interface BackendChoice {
  readonly backend: BackendName;
  /** Why this backend, in words (renderer string, forced by URL, fallback reason...). */
  readonly reason: string;
  /** The WebGL renderer string when one could be read (UNMASKED_RENDERER_WEBGL). */
  readonly renderer?: string;
  /** WASM only: whether the SIMD build is in use. */
  readonly simd?: boolean;
  /** WASM only: whether the multi-threaded build is in use (needs crossOriginIsolated). */
  readonly threads?: boolean;
}

export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'elu' | 'linear';

/** One hidden Dense layer, optionally followed by Dropout with this rate. */
export interface LayerSpec {
  readonly units: number;
  readonly activation: Activation;
  /** Dropout rate in [0, 1) applied after this layer while training; omitted or 0 = none. */
  readonly dropoutAfter?: number;
}

export interface AutoencoderConfig {
  /** Hidden layers, input side first; the output layer (nFeatures units) is implicit. */
  readonly layers: readonly LayerSpec[];
  readonly outputActivation: Activation;
  /** Adam learning rate. */
  readonly learningRate: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Seeds the initialisers, the dropout masks and the shuffle. */
  readonly seed: number;
  readonly shuffle: boolean;
  /**
   * Stochastic weight averaging: the trained model's weights are the mean of the weights at the
   * end of the last N epochs (at most half of the epochs; only when every epoch ran). 0 or 1
   * keeps the last epoch's weights; absent (configs saved before it existed) = 0.
   */
  readonly averageLastEpochs?: number;
}

export interface TrainHistory {
  /** Mean training loss (MSE, dropout active) per completed epoch. */
  readonly loss: readonly number[];
  /** Validation MSE per completed epoch; empty without validation data. */
  readonly valLoss: readonly number[];
}

export interface TrainProgress {
  /** 1-based epoch in progress (or just finished, when `history` is present). */
  readonly epoch: number;
  readonly epochs: number;
  /** Batches done in this epoch. */
  readonly batch: number;
  readonly batchesPerEpoch: number;
  readonly samplesPerSec: number;
  /** Seconds left at the current rate; null before a rate is known. */
  readonly etaSec: number | null;
  /** Running mean training loss of this epoch. */
  readonly loss: number;
  /** Present only on the message sent at the end of an epoch. */
  readonly history?: TrainHistory;
}

export type TrainStopReason = 'done' | 'stopped' | 'nan';

export interface TrainResult {
  readonly history: TrainHistory;
  /** Completed epochs. */
  readonly epochsRun: number;
  /** True when training ended before the configured number of epochs. */
  readonly stoppedEarly: boolean;
  readonly reason: TrainStopReason;
  /** The backend training finished on (it can change after a WebGL context loss). */
  readonly backend: BackendName;
  readonly trainMs: number;
  readonly samplesPerSec: number;
  /** Things the user should know, in words: NaN restore, backend fallback, ... */
  readonly messages: readonly string[];
  /**
   * Set when the final weights are an average (`averageLastEpochs`): the epochs averaged and the
   * validation MSE of the averaged model (null without validation rows).
   */
  readonly averaged?: { readonly fromEpoch: number; readonly toEpoch: number; readonly valLoss: number | null };
}

export interface TrainParams {
  /** Transferred. */
  readonly x: Float32Array;
  readonly nRows: number;
  readonly nFeatures: number;
  readonly config: AutoencoderConfig;
  /** Rows scored after each epoch (no dropout) for the validation curve. Transferred. */
  readonly validation?: { readonly x: Float32Array; readonly nRows: number };
}

export interface ModelScoreParams {
  /** Transferred. */
  readonly x: Float32Array;
  readonly nRows: number;
  readonly nFeatures: number;
  /** Rows per predict batch; default 4096. */
  readonly batchSize?: number;
}

export interface ModelScoreResult {
  /** Per-row mean squared reconstruction error (transferred back). */
  readonly mse: Float32Array;
  readonly ms: number;
}

export interface ModelExplainParams {
  /** One or a few rows. */
  readonly x: Float32Array;
  readonly nRows: number;
}

export interface ModelExplainResult {
  /** nRows × nFeatures, row-major. */
  readonly reconstruction: Float32Array;
  /** Per-feature squared errors, nRows × nFeatures, row-major. */
  readonly sqErr: Float32Array;
}

export interface ModelLatentParams {
  readonly x: Float32Array;
  readonly nRows: number;
}

export interface ModelLatentResult {
  /** Bottleneck activations, nRows × dims, row-major (transferred back). */
  readonly z: Float32Array;
  readonly dims: number;
}

export interface ModelSaveParams {
  /** Name of the saved model in the app's own IndexedDB database. */
  readonly key: string;
  /** Opaque JSON (e.g. the preprocessing spec) stored with the model. */
  readonly extra?: string;
}

export interface ModelSaveResult {
  readonly key: string;
  readonly bytes: number;
  readonly savedAt: string;
}

export interface ModelExportParams {
  readonly extra?: string;
}

/** A tfjs layers model as files: model.json (with our metadata) and weights.bin. */
export interface ModelFiles {
  readonly modelJson: string;
  /** Transferred. */
  readonly weights: ArrayBuffer;
}

export type ModelLoadParams = { readonly key: string } | ModelFiles;

export interface ModelLoadResult {
  readonly nFeatures: number;
  readonly config: AutoencoderConfig;
  readonly extra?: string;
}

export interface ModelMemoryResult {
  readonly numTensors: number;
  readonly numBytes: number;
}

type Empty = Record<string, never>;

export type ModelMethods = {
  init: { params: { readonly force: BackendName | null }; result: BackendChoice; progress: never };
  train: { params: TrainParams; result: TrainResult; progress: TrainProgress };
  /** Asks a running `train` to finish its current batch and resolve with reason 'stopped'. */
  stop: { params: Empty; result: { readonly stopping: boolean }; progress: never };
  score: { params: ModelScoreParams; result: ModelScoreResult; progress: never };
  explain: { params: ModelExplainParams; result: ModelExplainResult; progress: never };
  latent: { params: ModelLatentParams; result: ModelLatentResult; progress: never };
  save: { params: ModelSaveParams; result: ModelSaveResult; progress: never };
  exportFiles: { params: ModelExportParams; result: ModelFiles; progress: never };
  load: { params: ModelLoadParams; result: ModelLoadResult; progress: never };
  memory: { params: Empty; result: ModelMemoryResult; progress: never };
  dispose: { params: Empty; result: { readonly disposed: boolean }; progress: never };
};

export const MODEL_METHODS = [
  'init',
  'train',
  'stop',
  'score',
  'explain',
  'latent',
  'save',
  'exportFiles',
  'load',
  'memory',
  'dispose',
] as const satisfies readonly (keyof ModelMethods)[];

// Keeps MODEL_METHODS complete: a method missing from the array is a type error here.
type MissingMethods = Exclude<keyof ModelMethods, (typeof MODEL_METHODS)[number]>;
const _methodsComplete: [MissingMethods] extends [never] ? true : never = true;
void _methodsComplete;
