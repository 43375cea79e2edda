/**
 * The session's records as they sit in IndexedDB: a small versioned envelope around plain data
 * (structured-cloneable: a dataset's Blob is stored as it is, never serialised by us).
 *
 * Reading is defensive: whatever is found is `unknown` until validated. A record that is not ours,
 * is corrupt, or has another version is *ignored* with a reason in words — never coerced, never
 * allowed to break the page (the notebook then starts fresh on the sample).
 */

export const RECORD_FORMAT = 'netflow-notebook/session';

export type RecordKind = 'settings' | 'dataset';

/** The version each kind is written with; only this version is read back (no migrations yet). */
export const RECORD_VERSIONS: Readonly<Record<RecordKind, number>> = { settings: 1, dataset: 1 };

export interface Envelope<T> {
  readonly format: typeof RECORD_FORMAT;
  readonly kind: RecordKind;
  readonly version: number;
  readonly savedAt: string;
  readonly data: T;
}

export type Decoded<T> = { readonly ok: true; readonly value: T; readonly savedAt: string } | { readonly ok: false; readonly reason: string };

// ───────────────────────────── the records' contents ─────────────────────────────

export type TrainMode = 'normal' | 'all';

/** The Autoencoder form as the user left it (numbers may be null: an empty input). */
export interface FormSnapshot {
  readonly layers: readonly { readonly units: number | null; readonly activation: string; readonly dropout: number | null }[];
  readonly outputActivation: string;
  readonly learningRate: number | null;
  readonly epochs: number | null;
  readonly batchSize: number | null;
  readonly seed: number | null;
  readonly validationFraction: number | null;
  readonly modeChoice: TrainMode | null;
}

/** A label column / normal value the user chose, for the dataset it was chosen on. */
export interface LabelOverride {
  readonly fileName: string;
  readonly bytes: number;
  readonly column: string | null;
  readonly normalValue: string | null;
  readonly columnByUser: boolean;
  readonly normalByUser: boolean;
}

/** The autosaved model (in the model store under `key`) and the dataset it scores. */
export interface ModelPointer {
  readonly key: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly savedAt: string;
}

export interface ThresholdSetting {
  readonly percentile: number;
  /** A value typed by the user, else null (the value follows the percentile). */
  readonly manualValue: number | null;
}

export interface SessionSettings {
  readonly alpha: number;
  readonly threshold: ThresholdSetting;
  readonly form: FormSnapshot;
  readonly label: LabelOverride | null;
  readonly keepDataset: boolean;
  readonly persistRequested: boolean;
  readonly model: ModelPointer | null;
}

/** The dataset file the user asked to keep. */
export interface DatasetData {
  readonly name: string;
  readonly type: string;
  readonly lastModified: number;
  readonly bytes: number;
  readonly blob: Blob;
}

// ───────────────────────────── envelope ─────────────────────────────

export function wrap<T>(kind: RecordKind, data: T, now: Date = new Date()): Envelope<T> {
  return { format: RECORD_FORMAT, kind, version: RECORD_VERSIONS[kind], savedAt: now.toISOString(), data };
}

class Invalid extends Error {}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Opens an envelope of `kind` and validates its data; never throws. */
export function unwrap<T>(raw: unknown, kind: RecordKind, validate: (data: unknown) => T): Decoded<T> {
  if (!isRecord(raw) || raw.format !== RECORD_FORMAT || raw.kind !== kind) {
    return { ok: false, reason: `the saved ${kind} record is not in this app's format` };
  }
  const expected = RECORD_VERSIONS[kind];
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version)) {
    return { ok: false, reason: `the saved ${kind} record has no valid version` };
  }
  if (raw.version > expected) {
    return { ok: false, reason: `the saved ${kind} record is from a newer version of the app (format ${raw.version}; this one reads ${expected})` };
  }
  if (raw.version < expected) {
    return { ok: false, reason: `the saved ${kind} record is from an older version of the app (format ${raw.version}; this one reads ${expected})` };
  }
  const savedAt = typeof raw.savedAt === 'string' ? raw.savedAt : '';
  try {
    return { ok: true, value: validate(raw.data), savedAt };
  } catch (err) {
    const why = err instanceof Invalid ? err.message : 'it could not be read';
    return { ok: false, reason: `the saved ${kind} record is corrupt: ${why}` };
  }
}

// ───────────────────────────── validators ─────────────────────────────

function need(cond: boolean, what: string): asserts cond {
  if (!cond) throw new Invalid(what);
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNumOrNull = (x: unknown): x is number | null => x === null || isNum(x);
const isStrOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';

function readForm(x: unknown): FormSnapshot {
  need(isRecord(x), 'the model settings are missing');
  need(Array.isArray(x.layers) && x.layers.length > 0 && x.layers.length <= 64, 'the model layers are malformed');
  const layers = (x.layers as unknown[]).map((l) => {
    need(isRecord(l) && isNumOrNull(l.units) && typeof l.activation === 'string' && isNumOrNull(l.dropout), 'a model layer is malformed');
    return { units: l.units, activation: l.activation, dropout: l.dropout };
  });
  need(typeof x.outputActivation === 'string', 'the output activation is malformed');
  for (const k of ['learningRate', 'epochs', 'batchSize', 'seed', 'validationFraction'] as const) {
    need(isNumOrNull(x[k]), `the model setting ${k} is malformed`);
  }
  need(x.modeChoice === null || x.modeChoice === 'normal' || x.modeChoice === 'all', 'the training mode is malformed');
  return {
    layers,
    outputActivation: x.outputActivation,
    learningRate: x.learningRate as number | null,
    epochs: x.epochs as number | null,
    batchSize: x.batchSize as number | null,
    seed: x.seed as number | null,
    validationFraction: x.validationFraction as number | null,
    modeChoice: x.modeChoice,
  };
}

function readLabel(x: unknown): LabelOverride | null {
  if (x === null) return null;
  need(isRecord(x), 'the label choice is malformed');
  need(typeof x.fileName === 'string' && isNum(x.bytes), 'the label choice names no dataset');
  need(isStrOrNull(x.column) && isStrOrNull(x.normalValue), 'the label choice is malformed');
  need(typeof x.columnByUser === 'boolean' && typeof x.normalByUser === 'boolean', 'the label choice is malformed');
  return { fileName: x.fileName, bytes: x.bytes, column: x.column, normalValue: x.normalValue, columnByUser: x.columnByUser, normalByUser: x.normalByUser };
}

function readModel(x: unknown): ModelPointer | null {
  if (x === null) return null;
  need(isRecord(x) && typeof x.key === 'string' && x.key !== '', 'the model entry is malformed');
  need(typeof x.fileName === 'string' && isNum(x.bytes) && typeof x.savedAt === 'string', 'the model entry is malformed');
  return { key: x.key, fileName: x.fileName, bytes: x.bytes, savedAt: x.savedAt };
}

export function readSettings(x: unknown): SessionSettings {
  need(isRecord(x), 'no settings');
  need(isNum(x.alpha) && x.alpha > 0 && x.alpha < 1, 'α is not a number between 0 and 1');
  const t = x.threshold;
  need(isRecord(t) && isNum(t.percentile) && t.percentile >= 0 && t.percentile <= 100, 'the threshold percentile is malformed');
  need(t.manualValue === null || (isNum(t.manualValue) && t.manualValue >= 0), 'the threshold value is malformed');
  need(typeof x.keepDataset === 'boolean' && typeof x.persistRequested === 'boolean', 'the storage choices are malformed');
  return {
    alpha: x.alpha,
    threshold: { percentile: t.percentile, manualValue: t.manualValue },
    form: readForm(x.form),
    label: readLabel(x.label),
    keepDataset: x.keepDataset,
    persistRequested: x.persistRequested,
    model: readModel(x.model),
  };
}

export function readDataset(x: unknown): DatasetData {
  need(isRecord(x), 'no dataset');
  need(typeof x.name === 'string' && x.name !== '', 'the file has no name');
  need(typeof Blob !== 'undefined' && x.blob instanceof Blob, 'the file contents are missing');
  need(isNum(x.bytes) && x.bytes === x.blob.size, 'the file contents are incomplete');
  return {
    name: x.name,
    type: typeof x.type === 'string' ? x.type : '',
    lastModified: isNum(x.lastModified) ? x.lastModified : 0,
    bytes: x.bytes,
    blob: x.blob,
  };
}
