/**
 * Saved models: the tfjs layers format as two files (model.json + weights.bin), kept in this
 * app's own IndexedDB database, and offered for download.
 *
 * Why our own database: tfjs' `indexeddb://` scheme writes into one fixed database
 * (`tensorflowjs`) shared by every app on the origin, and all GitHub Pages sites of one user
 * share an origin (DESIGN §6). The name below is namespaced to this app.
 *
 * The conversions are pure (tfjs types only) so they run in Node tests; IndexedDB is touched
 * only inside the functions that need it (worker or main thread).
 */
import type { io } from '@tensorflow/tfjs';
import type { AutoencoderConfig, ModelFiles } from '../../../workers/protocol-model';

export const MODEL_DB_NAME = 'netflow-notebook/models';
const MODEL_DB_VERSION = 1;
const STORE = 'models';

/** Our metadata inside model.json (`userDefinedMetadata[METADATA_KEY]`). */
export const METADATA_KEY = 'netflowNotebook';
export const METADATA_FORMAT = 'netflow-notebook/autoencoder';
export const METADATA_VERSION = 1;
/** The weights file name model.json refers to. */
export const WEIGHTS_FILE = 'weights.bin';

export interface ModelMetadata {
  readonly format: typeof METADATA_FORMAT;
  readonly version: number;
  readonly nFeatures: number;
  readonly config: AutoencoderConfig;
  /** Opaque JSON string from the UI (the preprocessing spec). */
  readonly extra?: string;
}

export class ModelFormatError extends Error {
  readonly code = 'bad-model';
  constructor(message: string) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function joinBuffers(data: io.WeightData | undefined): ArrayBuffer {
  if (data == null) return new ArrayBuffer(0);
  if (data instanceof ArrayBuffer) return data.slice(0);
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

const BYTES_PER_DTYPE: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function specBytes(spec: io.WeightsManifestEntry): number {
  if (spec.quantization) {
    const q = spec.quantization.dtype === 'uint8' ? 1 : 2;
    return spec.shape.reduce((a, b) => a * b, 1) * q;
  }
  const per = BYTES_PER_DTYPE[spec.dtype];
  if (per === undefined) throw new ModelFormatError(`Unsupported weight type "${spec.dtype}" for ${spec.name}`);
  return spec.shape.reduce((a, b) => a * b, 1) * per;
}

/** tfjs ModelArtifacts (from a save handler) + our metadata → model.json text + weights.bin. */
export function artifactsToModelFiles(artifacts: io.ModelArtifacts, metadata: ModelMetadata): ModelFiles {
  if (artifacts.modelTopology == null || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new ModelFormatError('Only layers models with a JSON topology can be saved');
  }
  const json: io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
    userDefinedMetadata: { [METADATA_KEY]: metadata as unknown as {} },
  };
  return { modelJson: JSON.stringify(json), weights: joinBuffers(artifacts.weightData) };
}

function parseMetadata(x: unknown): ModelMetadata {
  if (!isObject(x) || x.format !== METADATA_FORMAT) {
    throw new ModelFormatError('This model.json was not saved by this app (no netflow-notebook metadata)');
  }
  if (typeof x.version !== 'number' || x.version > METADATA_VERSION) {
    throw new ModelFormatError(`Saved model format version ${String(x.version)} is newer than this app understands (${METADATA_VERSION})`);
  }
  if (typeof x.nFeatures !== 'number' || !Number.isInteger(x.nFeatures) || x.nFeatures < 1) {
    throw new ModelFormatError('The saved model has no valid feature count');
  }
  if (!isObject(x.config) || !Array.isArray(x.config.layers)) {
    throw new ModelFormatError('The saved model has no valid autoencoder config');
  }
  if (x.extra !== undefined && typeof x.extra !== 'string') {
    throw new ModelFormatError('The saved model has malformed extra data');
  }
  return {
    format: METADATA_FORMAT,
    version: x.version,
    nFeatures: x.nFeatures,
    config: x.config as unknown as AutoencoderConfig,
    ...(x.extra !== undefined ? { extra: x.extra } : {}),
  };
}

/** model.json text + weights.bin → tfjs ModelArtifacts (for `tf.io.fromMemory`) + our metadata. */
export function modelFilesToArtifacts(files: ModelFiles): { artifacts: io.ModelArtifacts; metadata: ModelMetadata } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(files.modelJson);
  } catch (err) {
    throw new ModelFormatError(`model.json is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObject(parsed) || !isObject(parsed.modelTopology) || !Array.isArray(parsed.weightsManifest)) {
    throw new ModelFormatError('model.json lacks a layers-model topology or weights manifest');
  }
  const specs: io.WeightsManifestEntry[] = [];
  for (const group of parsed.weightsManifest as unknown[]) {
    if (!isObject(group) || !Array.isArray(group.weights)) throw new ModelFormatError('model.json has a malformed weights manifest');
    for (const w of group.weights as unknown[]) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || typeof w.dtype !== 'string') {
        throw new ModelFormatError('model.json has a malformed weight entry');
      }
      specs.push(w as unknown as io.WeightsManifestEntry);
    }
  }
  const expected = specs.reduce((n, s) => n + specBytes(s), 0);
  if (expected !== files.weights.byteLength) {
    throw new ModelFormatError(`weights.bin has ${files.weights.byteLength} bytes but model.json expects ${expected}`);
  }
  const udm = isObject(parsed.userDefinedMetadata) ? parsed.userDefinedMetadata : {};
  const metadata = parseMetadata(udm[METADATA_KEY]);
  const artifacts: io.ModelArtifacts = {
    modelTopology: parsed.modelTopology,
    format: typeof parsed.format === 'string' ? parsed.format : 'layers-model',
    generatedBy: typeof parsed.generatedBy === 'string' ? parsed.generatedBy : undefined,
    convertedBy: typeof parsed.convertedBy === 'string' ? parsed.convertedBy : null,
    weightSpecs: specs,
    weightData: files.weights,
  };
  return { artifacts, metadata };
}

// ---------------------------------------------------------------------------------------------
// IndexedDB (worker or main thread)

export interface StoredModelInfo {
  readonly key: string;
  readonly savedAt: string;
  readonly bytes: number;
}

interface StoredModel extends StoredModelInfo {
  readonly modelJson: string;
  readonly weights: ArrayBuffer;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available here'));
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(MODEL_DB_NAME, MODEL_DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`Could not open IndexedDB "${MODEL_DB_NAME}"`));
    req.onblocked = () => reject(new Error(`IndexedDB "${MODEL_DB_NAME}" is blocked by another tab`));
  });
}

async function withStore<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => Promise<T>): Promise<T> {
  const db = await openDb();
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    const result = await fn(tx.objectStore(STORE));
    await done;
    return result;
  } finally {
    db.close();
  }
}

export async function saveModelFiles(key: string, files: ModelFiles): Promise<StoredModelInfo> {
  const record: StoredModel = {
    key,
    savedAt: new Date().toISOString(),
    bytes: new TextEncoder().encode(files.modelJson).byteLength + files.weights.byteLength,
    modelJson: files.modelJson,
    weights: files.weights,
  };
  await withStore('readwrite', (s) => request(s.put(record)));
  return { key: record.key, savedAt: record.savedAt, bytes: record.bytes };
}

/** The saved files, or null when nothing is saved under this key. */
export async function loadModelFiles(key: string): Promise<ModelFiles | null> {
  const record = await withStore('readonly', (s) => request(s.get(key) as IDBRequest<StoredModel | undefined>));
  if (record == null) return null;
  return { modelJson: record.modelJson, weights: record.weights };
}

export async function listSavedModels(): Promise<StoredModelInfo[]> {
  const records = await withStore('readonly', (s) => request(s.getAll() as IDBRequest<StoredModel[]>));
  return records
    .map((r) => ({ key: r.key, savedAt: r.savedAt, bytes: r.bytes }))
    .sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
}

export async function deleteSavedModel(key: string): Promise<void> {
  await withStore('readwrite', (s) => request(s.delete(key)));
}

// ---------------------------------------------------------------------------------------------
// Download (main thread only)
