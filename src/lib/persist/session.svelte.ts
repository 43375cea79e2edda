/**
 * The session: restored on start, autosaved as the user works, wiped on request; and the state
 * of the Storage panel (src/ui/StoragePanel.svelte).
 *
 * Start: the settings record is read and applied *before* the notebook renders (`ready`), then
 * the dataset is loaded — the kept file if the user opted in, else the sample — then the label
 * choice, then the autosaved model, which re-scores the data so the errors and the threshold come
 * back. Whatever cannot be restored is skipped with a note; the page always ends up usable.
 *
 * Autosave: three effects watch the settings, the model and the dataset. Settings are debounced
 * and written whole (one small record); the model is saved by the model worker into the model
 * store (weights never cross the main thread); the dataset's File goes to IndexedDB as a Blob.
 * Writes run one at a time; a failed one leaves the earlier save intact and says so.
 */
import { tick, untrack } from 'svelte';
import type { SessionHost, DatasetView, ModelView } from './host';
import { SESSION_MODEL_KEY } from './names';
import { readSettings, type ModelPointer, type SessionSettings, type ThresholdSetting } from './records';
import { SaveError, type SessionStore, type ReadResult } from './session-store';
import { estimateStorage, isPersisted, requestPersistence } from './storage-info';
import { browserWipeEnv, wipeLocalData, wipeSummary, type WipeEnv } from './wipe';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/** What came back from the last session (null: a fresh start). */
export interface RestoredNotice {
  /** The kept dataset's file name, when it was restored. */
  readonly dataset: string | null;
  readonly settings: boolean;
  readonly model: boolean;
}

type ErrorKind = 'session' | 'dataset' | 'model';

const DEBOUNCE_MS = 400;
const READ_TIMEOUT_MS = 4000;
const DRAIN_TIMEOUT_MS = 5000;

function timeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(fallback), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      () => {
        clearTimeout(t);
        resolve(fallback);
      },
    );
  });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

/** The settings in a canonical form (the validator rebuilds them in a fixed order), or null if invalid. */
function canonical(s: SessionSettings): string | null {
  try {
    return JSON.stringify(readSettings(s));
  } catch {
    return null;
  }
}

export interface SessionOptions {
  readonly wipeEnv?: () => WipeEnv;
  readonly debounceMs?: number;
}

export class SessionState {
  /** The settings were read and applied: the notebook may render. */
  ready = $state(false);
  restoring = $state(false);
  restored = $state.raw<RestoredNotice | null>(null);
  /** The user's opt-in: keep the dataset file in this browser. */
  keepDataset = $state(false);
  saveStatus = $state<SaveStatus>('idle');
  /** Failed saves by record, in words (cleared by the next success of that record). */
  errors = $state.raw<Partial<Record<ErrorKind, string>>>({});
  /** Something the user should know that is not a failure (restore notes, what was deleted). */
  note = $state<string | null>(null);
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  persisted = $state<boolean | null>(null);
  wiping = $state(false);

  #modelPointer = $state.raw<ModelPointer | null>(null);
  #persistRequested = $state(false);
  /** The threshold of the saved model, kept while no model is loaded. */
  #savedThreshold: ThresholdSetting | null = null;
  /** A saved model whose dataset is not loaded yet: restored when it is. */
  #pendingModel: ModelPointer | null = null;

  #autosave = false;
  #restoringModel = false;
  #started = false;
  #stopEffects: (() => void) | null = null;
  #lastSettingsJson: string | null = null;
  #lastAttemptJson: string | null = null;
  #pending: { settings: SessionSettings; json: string } | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastModelRef: object | null = null;
  #keptFile: File | null = null;
  #datasetStored = false;
  #chain: Promise<void> = Promise.resolve();
  #outstanding = 0;
  /** Something was written since the start (or the last wipe): the panel says "saved". */
  #everSaved = false;
  readonly #debounceMs: number;
  readonly #wipeEnv: () => WipeEnv;

  constructor(
    private readonly host: SessionHost,
    private readonly store: SessionStore,
    options: SessionOptions = {},
  ) {
    this.#debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    this.#wipeEnv = options.wipeEnv ?? (() => browserWipeEnv());
  }

  /** The messages shown in the panel (failures first). */
  get messages(): string[] {
    const e = this.errors;
    return [e.session, e.model, e.dataset, this.note].filter((m): m is string => !!m);
  }

  get hasErrors(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  // ───────────────────────────── start / restore ─────────────────────────────

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.restoring = true;
    this.#installEffects();
    if (typeof addEventListener === 'function') addEventListener('pagehide', this.#onPageHide);
    void this.refreshEstimate();
    void isPersisted().then((p) => (this.persisted = p));
    try {
      await this.#restore();
    } catch (err) {
      // Never a broken page: whatever went wrong, the notebook opens on the sample.
      this.note = `Your last session could not be restored (${message(err)}). The notebook starts fresh on the sample.`;
      this.ready = true;
      await tick();
      if (!this.host.dataset()) await this.host.loadSample();
    } finally {
      this.restoring = false;
      this.#autosave = true;
    }
    this.sync();
  }

  async #restore(): Promise<void> {
    const notes: string[] = [];
    const read = await timeout<ReadResult<SessionSettings>>(this.store.readSettings(), READ_TIMEOUT_MS, {
      state: 'ignored',
      reason: "reading this browser's storage took too long",
    });
    let settings: SessionSettings | null = null;
    if (read.state === 'ok') {
      settings = read.value;
      try {
        this.host.applySettings(settings);
        this.keepDataset = settings.keepDataset;
        this.#persistRequested = settings.persistRequested;
        this.#modelPointer = settings.model;
        this.#savedThreshold = settings.threshold;
      } catch (err) {
        settings = null;
        notes.push(`Your saved settings could not be applied (${message(err)}) and were ignored.`);
      }
    } else if (read.state === 'ignored') {
      notes.push(`Your saved session was ignored: ${read.reason}.`);
    }
    // The baseline autosave compares against: what is stored (or, on a fresh start, the defaults).
    this.#lastSettingsJson = this.#lastAttemptJson = settings ? canonical(settings) : canonical(this.#snapshot());
    this.ready = true;
    await tick();

    let restoredFile: string | null = null;
    try {
      restoredFile = await this.#restoreDataset(settings, notes);
    } catch (err) {
      notes.push(`The kept dataset could not be restored (${message(err)}).`);
    }
    if (restoredFile === null) {
      if (read.state === 'ignored') notes.push('The notebook starts fresh on the sample.');
      await this.host.loadSample();
    }

    const view = this.host.dataset();
    if (settings?.label && view && view.fileName === settings.label.fileName && view.bytes === settings.label.bytes) {
      if (!(await this.host.applyLabel(settings.label))) notes.push('Your choice of label column could not be applied again.');
    }
    // Let the cells react to the new dataset (they drop stale results) before the model comes back.
    await tick();

    let modelRestored = false;
    const pointer = settings?.model ?? null;
    if (pointer && settings) {
      const now = this.host.dataset();
      if (now && now.fileName === pointer.fileName && now.bytes === pointer.bytes) {
        modelRestored = await this.#restoreModel(pointer, settings.threshold, notes);
      } else {
        this.#pendingModel = pointer;
        notes.push(
          `The model from your last session scores “${pointer.fileName}”, which is not loaded: open that file again and the model comes back with it.`,
        );
      }
    }

    this.restored = settings || restoredFile ? { dataset: restoredFile, settings: settings !== null, model: modelRestored } : null;
    if (notes.length > 0) this.note = notes.join(' ');
    // Autosave starts once this returns; anything changed while restoring is saved then.
    this.#lastModelRef = modelRestored ? (this.host.model()?.ref ?? null) : null;
  }

  /** Loads the kept file when the user opted in; its name, or null (then the sample loads). */
  async #restoreDataset(settings: SessionSettings | null, notes: string[]): Promise<string | null> {
    const kept = await timeout<ReadResult<{ file: File; bytes: number }>>(this.store.readDataset(), READ_TIMEOUT_MS, {
      state: 'ignored',
      reason: "reading this browser's storage took too long",
    });
    if (kept.state === 'none') return null;
    // A kept file exists only while the user opts in; with settings that say no, it is a leftover.
    if (settings && !settings.keepDataset) {
      await this.store.deleteDataset().catch(() => undefined);
      return null;
    }
    if (kept.state === 'ignored') {
      notes.push(`The kept dataset was ignored: ${kept.reason}.`);
      return null;
    }
    this.keepDataset = true;
    this.#datasetStored = true;
    const file = kept.value.file;
    this.#keptFile = file;
    if (await this.host.loadFile(file)) return file.name;
    notes.push(`“${file.name}” is kept in this browser but could not be loaded again; the sample is shown instead.`);
    return null;
  }

  async #restoreModel(pointer: ModelPointer, threshold: ThresholdSetting | null, notes: string[]): Promise<boolean> {
    try {
      const outcome = await this.host.restoreModel(pointer.key);
      if (outcome !== 'restored') return false;
      if (threshold) this.host.applyThreshold(threshold);
      return true;
    } catch (err) {
      notes.push(`The model from your last session could not be restored (${message(err)}).`);
      return false;
    }
  }

  stop(): void {
    this.#stopEffects?.();
    this.#stopEffects = null;
    if (typeof removeEventListener === 'function') removeEventListener('pagehide', this.#onPageHide);
    this.#flushSettings();
  }

  // ───────────────────────────── autosave ─────────────────────────────

  #snapshot(): SessionSettings {
    const live = this.host.settings();
    return {
      alpha: live.alpha,
      // Without a model the threshold controls are idle: keep the saved model's threshold.
      threshold: live.hasModel ? live.threshold : (this.#savedThreshold ?? live.threshold),
      form: live.form,
      label: live.label,
      keepDataset: this.keepDataset,
      persistRequested: this.#persistRequested,
      model: this.#modelPointer,
    };
  }

  #installEffects(): void {
    this.#stopEffects = $effect.root(() => {
      $effect(() => {
        const snap = this.#snapshot();
        untrack(() => this.#onSettings(snap));
      });
      $effect(() => {
        const m = this.host.model();
        untrack(() => this.#onModel(m));
      });
      $effect(() => {
        const d = this.host.dataset();
        const keep = this.keepDataset;
        untrack(() => this.#onDataset(d, keep));
      });
    });
  }

  /**
   * What the three effects do, for the current state at once. (Unit tests run Svelte's server
   * build, where effects never run: they call this instead.)
   */
  sync(): void {
    untrack(() => {
      this.#onSettings(this.#snapshot());
      this.#onModel(this.host.model());
      this.#onDataset(this.host.dataset(), this.keepDataset);
    });
  }

  #onPageHide = (): void => {
    // Reloading right after a change: write it now rather than lose it.
    this.#flushSettings();
  };

  #onSettings(snap: SessionSettings): void {
    if (!this.#autosave) return;
    const json = canonical(snap);
    // The same settings as the last attempt (even a failed one) are not retried until they change.
    if (json === null || (json === this.#lastAttemptJson && this.#timer === null)) return;
    if (json === this.#lastSettingsJson) {
      // Changed back before the debounce ran out: nothing to write.
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = null;
      this.#pending = null;
      this.#status();
      return;
    }
    this.#pending = { settings: snap, json };
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#flushSettings(), this.#debounceMs);
    this.#status();
  }

  #flushSettings(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const p = this.#pending;
    this.#pending = null;
    if (!p) {
      this.#status();
      return;
    }
    // Asked before writing, so the record says so and the answer does not cause a second write.
    this.#askPersistOnce();
    const settings: SessionSettings = { ...p.settings, persistRequested: this.#persistRequested };
    const json = canonical(settings) ?? p.json;
    this.#lastAttemptJson = json;
    this.#enqueue('session', async () => {
      await this.store.writeSettings(settings);
      this.#lastSettingsJson = json;
    });
  }

  #onModel(view: ModelView | null): void {
    if (!this.#autosave || this.#restoringModel || !view || view.ref === this.#lastModelRef) return;
    this.#pendingModel = null; // a newer model replaces the one waiting for its dataset
    const ref = view.ref;
    this.#lastModelRef = ref;
    this.#enqueue('model', async () => {
      let saved: boolean;
      try {
        saved = await this.host.saveModel(SESSION_MODEL_KEY, ref);
      } catch (err) {
        throw new SaveError({ kind: 'model' }, err);
      }
      if (!saved) return; // replaced meanwhile: the newer model is saved by its own turn
      this.#modelPointer = { key: SESSION_MODEL_KEY, fileName: view.fileName, bytes: view.bytes, savedAt: new Date().toISOString() };
      this.#savedThreshold = null;
    });
  }

  #onDataset(view: DatasetView | null, keep: boolean): void {
    if (!this.#autosave || !view) return;
    const pending = this.#pendingModel;
    if (pending && view.fileName === pending.fileName && view.bytes === pending.bytes && this.host.model() === null) {
      this.#pendingModel = null;
      void this.#restorePending(pending);
    }
    if (keep && view.file) {
      if (view.file === this.#keptFile) return;
      const file = view.file;
      this.#keptFile = file;
      this.#enqueue('dataset', async () => {
        await this.store.writeDataset(file);
        this.#datasetStored = true;
        this.note = `“${file.name}” is kept in this browser for your next visit.`;
      });
    } else if (this.#datasetStored) {
      this.#keptFile = null;
      this.#datasetStored = false;
      this.#enqueue('dataset', () => this.store.deleteDataset());
    }
  }

  async #restorePending(pointer: ModelPointer): Promise<void> {
    this.#restoringModel = true;
    try {
      // The model cell reacts to the new dataset first (it would cancel a load started before).
      await tick();
      const notes: string[] = [];
      if (await this.#restoreModel(pointer, this.#savedThreshold, notes)) {
        this.#lastModelRef = this.host.model()?.ref ?? null;
        this.note = `The model from your last session is back: it scores “${pointer.fileName}”.`;
      } else if (notes.length > 0) this.note = notes.join(' ');
    } finally {
      this.#restoringModel = false;
    }
    untrack(() => this.#onModel(this.host.model()));
  }

  #enqueue(kind: ErrorKind, op: () => Promise<void>): void {
    this.#outstanding++;
    this.#everSaved = true;
    this.#status();
    this.#askPersistOnce();
    const run = async () => {
      try {
        await op();
        if (this.errors[kind]) {
          const { [kind]: _gone, ...rest } = this.errors;
          this.errors = rest;
        }
      } catch (err) {
        this.errors = { ...this.errors, [kind]: err instanceof SaveError ? err.message : `Could not update this browser's storage: ${message(err)}` };
      } finally {
        this.#outstanding--;
        this.#status();
        if (this.#outstanding === 0) void this.refreshEstimate();
      }
    };
    this.#chain = this.#chain.then(run, run);
  }

  #status(): void {
    if (this.#outstanding > 0) this.saveStatus = 'saving';
    else if (this.#timer !== null) this.saveStatus = 'pending';
    else if (this.hasErrors) this.saveStatus = 'error';
    else if (this.#everSaved) this.saveStatus = 'saved';
    else this.saveStatus = 'idle';
  }

  /** Persistent storage is asked for once: when something is first saved, or on opting in. */
  #askPersistOnce(): void {
    if (this.#persistRequested) return;
    this.#persistRequested = true;
    void requestPersistence().then((granted) => {
      if (granted !== null) this.persisted = granted;
    });
  }

  // ───────────────────────────── panel actions ─────────────────────────────

  setKeepDataset(on: boolean): void {
    this.keepDataset = on;
    if (on) {
      this.#askPersistOnce();
      if (!this.host.dataset()?.file) this.note = 'The bundled sample needs no keeping: a file you open from now on is kept in this browser.';
    } else {
      this.note = 'The dataset is no longer kept in this browser.';
    }
  }

  async refreshEstimate(): Promise<void> {
    const e = await estimateStorage();
    this.usage = e.usage;
    this.quota = e.quota;
  }

  /** Deletes this app's databases, caches and service worker; says what it removed. */
  async deleteAll(): Promise<void> {
    if (this.wiping) return;
    this.wiping = true;
    this.#autosave = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
    try {
      // Let running writes finish first, so none lands after the wipe.
      await timeout(this.#chain, DRAIN_TIMEOUT_MS, undefined);
      const report = await wipeLocalData(this.#wipeEnv());
      this.host.forgetSavedModels();
      this.keepDataset = false;
      this.#persistRequested = false;
      this.#modelPointer = null;
      this.#savedThreshold = null;
      this.#pendingModel = null;
      this.#keptFile = null;
      this.#datasetStored = false;
      this.errors = {};
      this.restored = null;
      // What is on screen now is the new baseline: nothing is written again until the user changes something.
      this.#lastSettingsJson = this.#lastAttemptJson = canonical(this.#snapshot());
      this.#lastModelRef = this.host.model()?.ref ?? null;
      this.#everSaved = false;
      this.saveStatus = 'idle';
      this.note = wipeSummary(report);
    } catch (err) {
      this.note = `Deleting local data failed: ${message(err)}`;
    } finally {
      this.#autosave = true;
      this.wiping = false;
      void this.refreshEstimate();
    }
  }
}
