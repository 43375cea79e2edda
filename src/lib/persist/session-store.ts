/**
 * The session in this app's own database (`netflow-notebook/session`): two records, each replaced
 * whole by one atomic write — `settings` (small, plain data) and `dataset` (the file the user
 * asked to keep, as a Blob). The trained model lives in the model store (`__session__`).
 *
 * Reads never throw: a missing record is `none`, an unreadable one is `ignored` with a reason.
 * Writes throw a `SaveError` whose `quota` flag says the browser's storage is full.
 */
import type { RecordStore } from './record-store';
import { readDataset, readSettings, unwrap, wrap, type DatasetData, type SessionSettings } from './records';

export const SETTINGS_KEY = 'settings';
export const DATASET_KEY = 'dataset';

export type ReadResult<T> =
  | { readonly state: 'none' }
  | { readonly state: 'ok'; readonly value: T; readonly savedAt: string }
  | { readonly state: 'ignored'; readonly reason: string };

export interface KeptDataset {
  readonly file: File;
  readonly bytes: number;
}

/** What a failed write was about, for the message. */
export type SaveWhat = { readonly kind: 'session' } | { readonly kind: 'dataset'; readonly name: string } | { readonly kind: 'model' };

export function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown; message?: unknown };
  if (e.name === 'QuotaExceededError') return true;
  // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR); errors relayed from a worker keep only
  // their message.
  if (e.code === 22) return true;
  return typeof e.message === 'string' && /quota|storage is full|full disk|disk is full/i.test(e.message);
}

/** The message for a failed save, in words; a full storage says the earlier save is intact. */
export function saveFailureMessage(what: SaveWhat, err: unknown): string {
  const subject = what.kind === 'session' ? 'the session was not saved' : what.kind === 'model' ? 'the model was not saved for your next visit' : `“${what.name}” was not kept in this browser`;
  if (isQuotaError(err)) {
    const hint = what.kind === 'dataset' ? 'Untick “Also keep the dataset”, delete saved models, or free some disk space.' : 'Delete saved models or the kept dataset, or free some disk space.';
    return `Storage is full: ${subject} (your earlier save is intact). ${hint}`;
  }
  const why = err instanceof Error ? err.message || err.name : String(err);
  return `Could not save: ${subject} (${why}). Your earlier save is intact.`;
}

export class SaveError extends Error {
  override name = 'SaveError';
  readonly quota: boolean;
  constructor(
    readonly what: SaveWhat,
    override readonly cause: unknown,
  ) {
    super(saveFailureMessage(what, cause));
    this.quota = isQuotaError(cause);
  }
}

function readFailure(err: unknown): string {
  return `this browser's storage could not be read (${err instanceof Error ? err.message || err.name : String(err)})`;
}

export class SessionStore {
  constructor(
    private readonly store: RecordStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async readSettings(): Promise<ReadResult<SessionSettings>> {
    let raw: unknown;
    try {
      raw = await this.store.get(SETTINGS_KEY);
    } catch (err) {
      return { state: 'ignored', reason: readFailure(err) };
    }
    if (raw === undefined) return { state: 'none' };
    const d = unwrap(raw, 'settings', readSettings);
    return d.ok ? { state: 'ok', value: d.value, savedAt: d.savedAt } : { state: 'ignored', reason: d.reason };
  }

  async writeSettings(settings: SessionSettings): Promise<void> {
    try {
      await this.store.put(SETTINGS_KEY, wrap('settings', settings, this.now()));
    } catch (err) {
      throw new SaveError({ kind: 'session' }, err);
    }
  }

  async readDataset(): Promise<ReadResult<KeptDataset>> {
    let raw: unknown;
    try {
      raw = await this.store.get(DATASET_KEY);
    } catch (err) {
      return { state: 'ignored', reason: readFailure(err) };
    }
    if (raw === undefined) return { state: 'none' };
    const d = unwrap(raw, 'dataset', readDataset);
    if (!d.ok) return { state: 'ignored', reason: d.reason };
    const v = d.value;
    // A File wrapper around the stored Blob: no copy of the bytes.
    const file = new File([v.blob], v.name, { type: v.type, lastModified: v.lastModified });
    return { state: 'ok', value: { file, bytes: v.bytes }, savedAt: d.savedAt };
  }

  /** Keeps `file` (its Blob goes to IndexedDB as it is), replacing any file kept before. */
  async writeDataset(file: File): Promise<void> {
    const data: DatasetData = { name: file.name, type: file.type, lastModified: file.lastModified, bytes: file.size, blob: file };
    try {
      await this.store.put(DATASET_KEY, wrap('dataset', data, this.now()));
    } catch (err) {
      throw new SaveError({ kind: 'dataset', name: file.name }, err);
    }
  }

  async deleteDataset(): Promise<void> {
    await this.store.delete(DATASET_KEY);
  }
}
