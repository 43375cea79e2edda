/**
 * Test doubles for the session (used by the colocated unit tests only):
 * - `MemoryRecordStore`, an IndexedDB-like record store: values are structured-cloned on the way
 *   in and out (as IndexedDB does), a write either lands whole or not at all, and failures
 *   (`QuotaExceededError`, a broken read) can be injected;
 * - `FakeHost`, a notebook with reactive settings, recording what the session asks of it.
 */
import type { RecordStore } from './record-store';
import type { DatasetView, LiveSettings, ModelView, SessionHost } from './host';
import type { FormSnapshot, LabelOverride, SessionSettings, ThresholdSetting } from './records';

export function quotaError(): Error {
  // DOMException exists in Node ≥ 17, as in browsers.
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

export class MemoryRecordStore implements RecordStore {
  readonly data = new Map<string, unknown>();
  /** Errors thrown by the next puts, in order. */
  readonly failPuts: unknown[] = [];
  failGet: unknown = null;
  puts = 0;

  async get(key: string): Promise<unknown> {
    if (this.failGet) throw this.failGet;
    const v = this.data.get(key);
    return v === undefined ? undefined : structuredClone(v);
  }

  async put(key: string, value: unknown): Promise<void> {
    this.puts++;
    // Cloned first, as IndexedDB does: a value that cannot be cloned fails before anything changes.
    const copy = structuredClone(value);
    const fail = this.failPuts.shift();
    if (fail) throw fail;
    this.data.set(key, copy);
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }

  /** Puts raw data under a key (a corrupt or foreign record). */
  plant(key: string, value: unknown): void {
    this.data.set(key, value);
  }
}

export const DEFAULT_FORM: FormSnapshot = {
  layers: [
    { units: 64, activation: 'relu', dropout: 0.2 },
    { units: 10, activation: 'relu', dropout: 0 },
    { units: 64, activation: 'relu', dropout: 0 },
  ],
  outputActivation: 'sigmoid',
  learningRate: 0.001,
  epochs: 20,
  batchSize: 32,
  seed: 42,
  validationFraction: 0.1,
  modeChoice: null,
};

export const SAMPLE: DatasetView = { fileName: 'nsl-kdd-sample.csv', bytes: 1000, file: null };

/** A notebook: reactive where the session watches, recording every action. */
export class FakeHost implements SessionHost {
  alpha = $state(0.05);
  percentile = $state(99.9);
  manualValue = $state<number | null>(null);
  form = $state.raw<FormSnapshot>(DEFAULT_FORM);
  label = $state.raw<LabelOverride | null>(null);
  current = $state.raw<DatasetView | null>(null);
  currentModel = $state.raw<ModelView | null>(null);

  readonly calls: string[] = [];
  /** What loading a file does: true = loads. */
  fileLoads = true;
  restoreOutcome: 'restored' | 'superseded' | Error = 'restored';
  saveError: unknown = null;

  settings(): LiveSettings {
    return {
      alpha: this.alpha,
      threshold: { percentile: this.percentile, manualValue: this.manualValue },
      hasModel: this.currentModel !== null,
      form: this.form,
      label: this.label,
    };
  }

  dataset(): DatasetView | null {
    return this.current;
  }

  model(): ModelView | null {
    return this.currentModel;
  }

  applySettings(s: SessionSettings): void {
    this.calls.push('applySettings');
    this.alpha = s.alpha;
    this.form = s.form;
  }

  applyThreshold(t: ThresholdSetting): void {
    this.calls.push(`applyThreshold ${t.percentile}`);
    this.percentile = t.percentile;
    this.manualValue = t.manualValue;
  }

  async loadSample(): Promise<boolean> {
    this.calls.push('loadSample');
    this.current = SAMPLE;
    return true;
  }

  async loadFile(file: File): Promise<boolean> {
    this.calls.push(`loadFile ${file.name}`);
    if (!this.fileLoads) return false;
    this.current = { fileName: file.name, bytes: file.size, file };
    return true;
  }

  async applyLabel(label: LabelOverride): Promise<boolean> {
    this.calls.push(`applyLabel ${label.column}`);
    this.label = label;
    return true;
  }

  async saveModel(key: string, ref: object): Promise<boolean> {
    this.calls.push(`saveModel ${key}`);
    if (this.saveError) throw this.saveError;
    return this.currentModel?.ref === ref;
  }

  async restoreModel(key: string): Promise<'restored' | 'superseded'> {
    this.calls.push(`restoreModel ${key}`);
    const o = this.restoreOutcome;
    if (o instanceof Error) throw o;
    if (o === 'restored' && this.current) this.currentModel = { ref: {}, fileName: this.current.fileName, bytes: this.current.bytes };
    return o;
  }

  forgetSavedModels(): void {
    this.calls.push('forgetSavedModels');
  }
}
