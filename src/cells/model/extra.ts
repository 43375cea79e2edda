/**
 * What the app stores beside a model's weights (the `extra` JSON in model.json's metadata): the
 * preprocessing spec, how the model was trained, and the threshold's reference — the training
 * rows' errors (and the labelled validation split's), so a reloaded model sets the same
 * threshold without the training file. Float arrays travel as base64 of their bytes: exact, and
 * a third the size of decimal text.
 */
import { specFromJSON, specToJSON, type PreprocessSpec } from '../../lib/ml/preprocess';
import type { MlTrainMode } from '../../../workers/protocol-ml';
import type { BackendName } from '../../../workers/protocol-model';

export const EXTRA_FORMAT = 'netflow-notebook/model-extra';
export const EXTRA_VERSION = 1;

/** How a model came to be (shown in the UI; informative only). */
export interface TrainingInfo {
  readonly fileName: string;
  readonly mode: MlTrainMode;
  readonly validationFraction: number;
  readonly seed: number;
  readonly labelColumn: string | null;
  readonly nTrain: number;
  readonly epochsRun: number;
  readonly backend: BackendName;
  readonly samplesPerSec: number;
  readonly trainedAt: string;
}

/** The errors the threshold is set from (see ScoredRows.trainMse / validation). */
export interface ThresholdReference {
  readonly trainMse: Float32Array;
  readonly validation: { readonly mse: Float32Array; readonly isAnomaly: Uint8Array } | null;
}

export interface ModelExtra {
  readonly spec: PreprocessSpec;
  readonly training: TrainingInfo | null;
  /** null for a model file that did not carry one (then the current data stands in). */
  readonly reference: ThresholdReference | null;
  readonly percentile: number | null;
}

export class ModelExtraError extends Error {
  override name = 'ModelExtraError';
}

// ── base64 of typed arrays (btoa/atob exist in browsers, workers and Node ≥ 16) ──

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  // Chunks keep String.fromCharCode's argument list small.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function floatsToBase64(x: Float32Array): string {
  return bytesToBase64(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
}

function base64ToFloats(b64: string, what: string): Float32Array {
  const bytes = base64ToBytes(b64);
  if (bytes.length % 4 !== 0) throw new ModelExtraError(`${what} is not a whole number of float32 values`);
  return new Float32Array(bytes.buffer, 0, bytes.length / 4);
}

export function encodeExtra(extra: ModelExtra): string {
  const ref = extra.reference;
  return JSON.stringify({
    format: EXTRA_FORMAT,
    version: EXTRA_VERSION,
    spec: JSON.parse(specToJSON(extra.spec)) as unknown,
    training: extra.training,
    reference: ref
      ? {
          trainMse: floatsToBase64(ref.trainMse),
          validation: ref.validation ? { mse: floatsToBase64(ref.validation.mse), isAnomaly: bytesToBase64(ref.validation.isAnomaly) } : null,
        }
      : null,
    percentile: extra.percentile,
  });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function readTraining(x: unknown): TrainingInfo | null {
  if (!isRecord(x)) return null;
  const str = (v: unknown, d = '') => (typeof v === 'string' ? v : d);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
  const backend = x.backend === 'webgl' || x.backend === 'wasm' || x.backend === 'cpu' ? x.backend : 'cpu';
  return {
    fileName: str(x.fileName, '(unknown file)'),
    mode: x.mode === 'all' ? 'all' : 'normal',
    validationFraction: num(x.validationFraction),
    seed: num(x.seed),
    labelColumn: typeof x.labelColumn === 'string' ? x.labelColumn : null,
    nTrain: num(x.nTrain),
    epochsRun: num(x.epochsRun),
    backend,
    samplesPerSec: num(x.samplesPerSec),
    trainedAt: str(x.trainedAt),
  };
}

function readReference(x: unknown): ThresholdReference | null {
  if (x === null || x === undefined) return null;
  if (!isRecord(x) || typeof x.trainMse !== 'string') throw new ModelExtraError('the saved training errors are malformed');
  const trainMse = base64ToFloats(x.trainMse, 'trainMse');
  let validation: ThresholdReference['validation'] = null;
  if (isRecord(x.validation)) {
    const v = x.validation;
    if (typeof v.mse !== 'string' || typeof v.isAnomaly !== 'string') throw new ModelExtraError('the saved validation errors are malformed');
    const mse = base64ToFloats(v.mse, 'validation mse');
    const isAnomaly = base64ToBytes(v.isAnomaly);
    if (isAnomaly.length !== mse.length) throw new ModelExtraError('the saved validation errors and labels differ in length');
    validation = { mse, isAnomaly };
  }
  return { trainMse, validation };
}

/**
 * Reads the extra JSON of a saved model. `fallbackSpec` (a separate preprocessing.json) is used
 * when the extra has no spec; throws `ModelExtraError` when there is no usable spec at all.
 */
export function decodeExtra(json: string | undefined, fallbackSpec?: string): ModelExtra {
  let value: unknown = undefined;
  if (json !== undefined) {
    try {
      value = JSON.parse(json);
    } catch {
      throw new ModelExtraError('the model metadata is not valid JSON');
    }
  }
  const rec = isRecord(value) && value.format === EXTRA_FORMAT ? value : null;
  if (rec && typeof rec.version === 'number' && rec.version > EXTRA_VERSION) {
    throw new ModelExtraError(`the model metadata has version ${rec.version}, newer than this app understands (${EXTRA_VERSION})`);
  }
  let spec: PreprocessSpec;
  try {
    if (rec && rec.spec !== undefined) spec = specFromJSON(rec.spec);
    else if (fallbackSpec !== undefined) spec = specFromJSON(fallbackSpec);
    else throw new ModelExtraError('the model carries no preprocessing spec: add its preprocessing.json');
  } catch (err) {
    if (err instanceof ModelExtraError) throw err;
    throw new ModelExtraError(err instanceof Error ? err.message : String(err));
  }
  const p = rec?.percentile;
  return {
    spec,
    training: readTraining(rec?.training),
    reference: rec ? readReference(rec.reference) : null,
    percentile: typeof p === 'number' && p >= 0 && p <= 100 ? p : null,
  };
}
