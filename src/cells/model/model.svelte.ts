/**
 * State of the Autoencoder cell and the `ScoringService` it offers the error cells.
 *
 * Who does what (DESIGN §1): the data worker fits the preprocessing spec and builds the matrices
 * (`ml.*`), the model worker trains and scores; this class only moves the transferred arrays
 * from one to the other and keeps the per-row results (`Float32Array`s in `$state.raw`, replaced
 * whole). Every operation that changes the model (train, load, re-score) bumps a generation:
 * an answer to a superseded or cancelled one is dropped.
 */
import { CancelledRun, errorMessage } from '../../notebook/cell.svelte';
import type { LoadState } from '../load/load.svelte';
import type { DataService } from '../../lib/rpc/data-client';
import { RpcError } from '../../lib/rpc/client';
import {
  createModelClient,
  exportModelFiles,
  explainModelRows,
  initModelBackend,
  latentOf,
  loadModelFromFiles,
  loadSavedModel,
  saveModel,
  scoreMatrix,
  stopTraining,
  trainModel,
  type ModelClient,
} from '../../lib/rpc/model-client';
import { parseBackendOverride } from '../../lib/ml/backend';
import { deleteSavedModel, listSavedModels, type StoredModelInfo } from '../../lib/ml/model-store';
import { isReservedModelKey } from '../../lib/persist/names';
import { specFromJSON, specToJSON, type PreprocessSpec } from '../../lib/ml/preprocess';
import { seededSample } from '../../lib/ml/random';
import { allRows } from '../../lib/ml/split';
import type { AutoencoderConfig, BackendChoice, BackendName, ModelLoadResult, TrainHistory, TrainProgress, TrainResult } from '../../../workers/protocol-model';
import type { CellValue } from '../../../workers/protocol';
import type { MlLabels, MlLoadTestProgress, MlSource, MlTrainMode, MlUnseen } from '../../../workers/protocol-ml';
import type { LatentProjection, RowExplanation, ScoredRows, ScoringService } from './scored';
import { ModelConfigState } from './config.svelte';
import { decodeExtra, encodeExtra, type ThresholdReference, type TrainingInfo } from './extra';
import { classifyModelFiles, downloadModel } from './files';
import { pca2 } from './pca';
import { buildScoredRows, referenceFromRun } from './scoring';
import { DEFAULT_PERCENTILE, ThresholdState, registerThreshold } from './threshold.svelte';

/** `train-status`: the state of the last training run. */
export type TrainStatus = 'idle' | 'training' | 'done' | 'error' | 'cancelled';

/** What the cell is busy with (null = nothing). */
export type Phase = 'backend' | 'prepare' | 'train' | 'score' | 'load';

/** The model in the model worker, with what it needs to score new data. */
export interface ActiveModel {
  readonly origin: 'trained' | 'loaded';
  /** The name it was saved or loaded under. */
  readonly name: string | null;
  readonly spec: PreprocessSpec;
  readonly specJson: string;
  readonly config: AutoencoderConfig;
  readonly training: TrainingInfo | null;
  readonly reference: ThresholdReference;
}

/** What `ml.prepare` said, without the arrays. */
export interface PreparedInfo {
  readonly mode: MlTrainMode;
  readonly nFeatures: number;
  readonly nTrain: number;
  readonly nValidationLoss: number;
  readonly nValidation: number;
  readonly excluded: readonly string[];
  readonly dropped: readonly { readonly name: string; readonly reason: string }[];
  readonly ms: number;
}

const EMPTY_HISTORY: TrainHistory = { loss: [], valLoss: [] };
/** Rows whose bottleneck is projected by `latent` at most, and its sample's seed. */
const MAX_LATENT_ROWS = 5000;
const LATENT_SEED = 42;

function isCancel(err: unknown): boolean {
  return err instanceof Error && (err.name === 'CancelledError' || err.name === 'CancelledRun');
}

interface ScoredSource {
  readonly fileName: string;
  readonly mse: Float32Array;
  readonly labels: MlLabels;
  readonly unseen: readonly MlUnseen[];
  readonly ms: number;
}

export class ModelState {
  readonly config = new ModelConfigState();
  readonly threshold: ThresholdState;
  readonly scoring: ScoringService;
  /** `?backend=webgl|wasm|cpu` from the page URL. */
  readonly force: BackendName | null = parseBackendOverride(globalThis.location?.search);

  status = $state<TrainStatus>('idle');
  phase = $state<Phase | null>(null);
  stopping = $state(false);
  progress = $state.raw<TrainProgress | null>(null);
  history = $state.raw<TrainHistory>(EMPTY_HISTORY);
  result = $state.raw<TrainResult | null>(null);
  prepared = $state.raw<PreparedInfo | null>(null);
  backend = $state.raw<BackendChoice | null>(null);
  backendError = $state<string | null>(null);
  model = $state.raw<ActiveModel | null>(null);
  datasetScored = $state.raw<ScoredRows | null>(null);
  testScored = $state.raw<ScoredRows | null>(null);
  useTest = $state(false);
  /** Milliseconds of the last full scoring (transform + predict). */
  scoreMs = $state<number | null>(null);
  /** Things the user should know about the current model, in words. */
  notes = $state.raw<readonly string[]>([]);

  testBusy = $state(false);
  testProgress = $state.raw<MlLoadTestProgress | null>(null);

  saved = $state.raw<readonly StoredModelInfo[]>([]);
  ioBusy = $state(false);
  ioError = $state<string | null>(null);
  ioNote = $state<string | null>(null);

  /** The rows the error cells evaluate: the test file once scored (unless switched back), else the dataset. */
  readonly scored: ScoredRows | null = $derived(this.useTest && this.testScored ? this.testScored : this.datasetScored);

  #client: ModelClient;
  #backendReady: Promise<BackendChoice> | null = null;
  #generation = 0;
  #datasetVersion = 0;

  constructor(
    private readonly load: LoadState,
    private readonly data: DataService,
    client: ModelClient = createModelClient(),
  ) {
    this.#client = client;
    this.threshold = new ThresholdState(() => this.scored?.trainMse ?? null);
    this.scoring = new ModelScoring(this);
    registerThreshold(this.scoring, this.threshold);
  }

  get busy(): boolean {
    return this.phase !== null;
  }

  get labelled(): boolean {
    const label = this.load.summary?.label;
    return !!label && label.column !== null && label.normalValue !== null && label.normals > 0;
  }

  // ───────────────────────────── backend ─────────────────────────────

  #ensureBackend(): Promise<BackendChoice> {
    if (this.#backendReady) return this.#backendReady;
    const p = initModelBackend(this.#client, this.force).then((choice) => {
      this.backend = choice;
      this.backendError = null;
      return choice;
    });
    this.#backendReady = p;
    p.catch((err: unknown) => {
      if (this.#backendReady !== p) return;
      this.#backendReady = null;
      if (!isCancel(err)) this.backendError = errorMessage(err);
    });
    return p;
  }

  /** Starts the model worker and chooses the backend ahead of the first Train (e.g. when the cell comes into view). */
  warmUp(): void {
    this.#ensureBackend().catch(() => undefined);
  }

  /** A crashed or terminated worker comes back fresh on the next call: it needs its backend again. */
  #workerGone(err: unknown): void {
    if (err instanceof RpcError && err.code === 'worker-crashed') {
      this.#backendReady = null;
      this.#dropModel();
    }
  }

  // ───────────────────────────── operations ─────────────────────────────

  #alive(op: number): void {
    if (op !== this.#generation) throw new CancelledRun();
  }

  #dropModel(): void {
    this.model = null;
    this.datasetScored = null;
    this.testScored = null;
    this.useTest = false;
  }

  /** The dataset changed (new file, or new label): results go; a model re-scores the new data. */
  syncDataset(version: number): void {
    if (version === this.#datasetVersion) return;
    const first = this.#datasetVersion === 0;
    this.#datasetVersion = version;
    if (first) return;
    if (this.phase !== null) {
      // Training rows are row numbers of the old data: nothing of the run fits the new one.
      this.cancel('The dataset changed, so the running operation was cancelled.');
      return;
    }
    this.datasetScored = null;
    this.testScored = null;
    this.useTest = false;
    if (this.model) this.rescore().catch(() => undefined);
  }

  /** Trains a new model with the form's settings, then scores every row. */
  async train(): Promise<void> {
    const checked = this.config.checked;
    if (!checked.config) throw new Error(`Fix the settings first: ${checked.problems.join('; ')}.`);
    const summary = this.load.summary;
    if (!summary || this.load.status === 'loading') throw new Error('Load a dataset first.');
    const config = checked.config;
    const validationFraction = this.config.validationFraction ?? 0;
    const mode = this.config.mode(this.labelled);

    const op = ++this.#generation;
    this.status = 'training';
    this.phase = 'backend';
    this.stopping = false;
    this.progress = null;
    this.history = EMPTY_HISTORY;
    this.result = null;
    this.prepared = null;
    this.notes = [];
    this.scoreMs = null;
    // The model worker discards its model when training starts: so do we.
    this.#dropModel();
    try {
      await this.#ensureBackend();
      this.#alive(op);

      this.phase = 'prepare';
      const prep = await this.data.call('ml.prepare', { mode, validationFraction, seed: config.seed });
      this.#alive(op);
      this.prepared = {
        mode: prep.mode,
        nFeatures: prep.train.nFeatures,
        nTrain: prep.train.nRows,
        nValidationLoss: prep.validationLoss.nRows,
        nValidation: prep.validationRows.length,
        excluded: prep.excluded,
        dropped: prep.dropped,
        ms: prep.ms,
      };
      this.notes = prep.notes;

      this.phase = 'train';
      const result = await trainModel(this.#client, {
        x: prep.train.x,
        nRows: prep.train.nRows,
        nFeatures: prep.train.nFeatures,
        config,
        ...(prep.validationLoss.nRows > 0 ? { validation: { x: prep.validationLoss.x, nRows: prep.validationLoss.nRows } } : {}),
        onProgress: (p) => {
          if (op !== this.#generation) return;
          this.progress = p;
          // The history (and so the loss chart) changes only at the end of an epoch.
          if (p.history) this.history = p.history;
        },
      });
      this.#alive(op);
      this.result = result;
      this.history = result.history;
      this.notes = [...this.notes, ...result.messages];
      if (this.backend && result.backend !== this.backend.backend) {
        this.backend = { backend: result.backend, reason: result.messages.find((m) => /context was lost/.test(m)) ?? `switched to ${result.backend} during training` };
      }
      if (result.reason === 'nan' && result.epochsRun === 0) {
        throw new Error(result.messages.join(' ') || 'The loss became NaN in the first epoch; no model was kept.');
      }

      this.phase = 'score';
      this.progress = null;
      const scoredAll = await this.#scoreSource('dataset', prep.specJson);
      this.#alive(op);
      const model: ActiveModel = {
        origin: 'trained',
        name: null,
        spec: specFromJSON(prep.specJson),
        specJson: prep.specJson,
        config,
        training: {
          fileName: scoredAll.fileName,
          mode: prep.mode,
          validationFraction,
          seed: config.seed,
          labelColumn: scoredAll.labels.column,
          nTrain: prep.train.nRows,
          epochsRun: result.epochsRun,
          backend: result.backend,
          samplesPerSec: result.samplesPerSec,
          trainedAt: new Date().toISOString(),
        },
        reference: referenceFromRun(scoredAll.mse, scoredAll.labels, prep.trainRows, prep.validationRows),
      };
      this.#setModel(model, scoredAll, DEFAULT_PERCENTILE);
      this.status = 'done';
    } catch (err) {
      if (op === this.#generation) {
        this.status = isCancel(err) ? 'cancelled' : 'error';
        this.#workerGone(err);
      }
      throw err;
    } finally {
      if (op === this.#generation) {
        this.phase = null;
        this.progress = null;
        this.stopping = false;
      }
    }
  }

  /** Stop: the run ends after its current batch and keeps the weights so far (then scores). */
  async stop(): Promise<void> {
    if (this.phase !== 'train' || this.stopping) return;
    this.stopping = true;
    await stopTraining(this.#client);
  }

  /** Cancel: terminates the model worker (the page stays usable; the next call starts a fresh one). */
  cancel(note = 'Cancelled: the model worker was stopped, and the model with it.'): void {
    if (this.phase === null) return;
    this.#generation++;
    this.#client.cancel('Cancelled');
    this.#backendReady = null;
    if (this.status === 'training') this.status = 'cancelled';
    this.phase = null;
    this.progress = null;
    this.stopping = false;
    this.#dropModel();
    this.notes = [...this.notes, note];
  }

  async #scoreSource(source: 'dataset', specJson: string): Promise<ScoredSource> {
    const t0 = performance.now();
    const t = await this.data.call('ml.transform', { source, spec: specJson, withLabels: true });
    if (!t.labels) throw new Error('The data worker sent no labels');
    const { mse } = await scoreMatrix(this.#client, t.x, t.nRows, t.nFeatures);
    const ms = performance.now() - t0;
    this.scoreMs = ms;
    return { fileName: t.fileName, mse, labels: t.labels, unseen: t.unseen, ms };
  }

  #setModel(model: ActiveModel, scored: ScoredSource, percentile: number): void {
    this.model = model;
    this.testScored = null;
    this.useTest = false;
    this.datasetScored = buildScoredRows({
      kind: 'dataset',
      fileName: scored.fileName,
      mse: scored.mse,
      labels: scored.labels,
      reference: model.reference,
      unseen: scored.unseen,
      features: model.spec.features,
    });
    this.threshold.reset(percentile);
  }

  /** Scores the current dataset with the current model (after the dataset changed). */
  async rescore(): Promise<void> {
    const model = this.model;
    if (!model || this.phase !== null) return;
    const op = ++this.#generation;
    this.phase = 'score';
    try {
      const scored = await this.#scoreSource('dataset', model.specJson);
      this.#alive(op);
      const percentile = this.threshold.percentile;
      this.#setModel(model, scored, percentile);
      this.notes = [...this.notes.filter((n) => !n.startsWith('Re-scoring failed')), `Scored ${scored.fileName} with the current model.`];
    } catch (err) {
      if (op === this.#generation && !isCancel(err)) {
        this.notes = [...this.notes, `Re-scoring failed: ${errorMessage(err)}`];
        this.#workerGone(err);
      }
      throw err;
    } finally {
      if (op === this.#generation) this.phase = null;
    }
  }

  // ───────────────────────────── save / load ─────────────────────────────

  #extraJson(model: ActiveModel): string {
    return encodeExtra({ spec: model.spec, training: model.training, reference: model.reference, percentile: this.threshold.percentile });
  }

  async refreshSaved(): Promise<void> {
    try {
      // The session's autosaved model (src/lib/persist) is the app's own, not in the user's list.
      this.saved = (await listSavedModels()).filter((m) => !isReservedModelKey(m.key));
    } catch (err) {
      this.ioError = `Saved models could not be listed: ${errorMessage(err)}`;
    }
  }

  async #io(what: () => Promise<string | null>): Promise<void> {
    if (this.ioBusy) return;
    this.ioBusy = true;
    this.ioError = null;
    this.ioNote = null;
    try {
      this.ioNote = await what();
    } catch (err) {
      this.ioError = errorMessage(err);
    } finally {
      this.ioBusy = false;
    }
  }

  save(name: string): Promise<void> {
    return this.#io(async () => {
      const model = this.model;
      if (!model || this.phase !== null) throw new Error('There is no model to save yet.');
      const key = name.trim();
      if (key === '') throw new Error('Give the model a name.');
      if (isReservedModelKey(key)) throw new Error('Names starting with “__” are reserved for the app: choose another name.');
      const info = await saveModel(this.#client, key, this.#extraJson(model));
      if (this.model === model) this.model = { ...model, name: key };
      await this.refreshSaved();
      return `Saved as “${info.key}” (${Math.round(info.bytes / 1024)} KB) in this browser.`;
    });
  }

  remove(key: string): Promise<void> {
    return this.#io(async () => {
      await deleteSavedModel(key);
      await this.refreshSaved();
      return `Deleted “${key}”.`;
    });
  }

  download(): Promise<void> {
    return this.#io(async () => {
      const model = this.model;
      if (!model || this.phase !== null) throw new Error('There is no model to download yet.');
      const files = await exportModelFiles(this.#client, this.#extraJson(model));
      downloadModel(files, model.specJson);
      return 'Downloaded model.json, weights.bin and preprocessing.json.';
    });
  }

  /** The session's autosave (src/lib/persist): saves the current model under a reserved key, with no UI note. Null when there is none to save. */
  async saveSession(key: string): Promise<StoredModelInfo | null> {
    const model = this.model;
    if (!model || this.phase !== null) return null;
    return saveModel(this.#client, key, this.#extraJson(model));
  }

  /** Restores the model the session autosaved under `key` and scores the dataset with it. */
  restoreSession(key: string): Promise<void> {
    return this.#loadWith('your last session', async () => ({ result: await loadSavedModel(this.#client, key) }));
  }

  /** Loads a model saved in this browser and scores the dataset with it. */
  loadSaved(key: string): Promise<void> {
    return this.#loadWith(key, async () => ({ result: await loadSavedModel(this.#client, key) }));
  }

  /** Loads model.json + weights.bin (+ optional preprocessing.json) picked by the user. */
  loadFiles(files: readonly File[]): Promise<void> {
    const name = files.find((f) => /\.json$/i.test(f.name))?.name ?? 'model files';
    return this.#loadWith(name, async () => {
      const picked = await classifyModelFiles(files);
      return { result: await loadModelFromFiles(this.#client, picked.files), ...(picked.spec !== undefined ? { spec: picked.spec } : {}) };
    });
  }

  async #loadWith(name: string, fetch: () => Promise<{ result: ModelLoadResult; spec?: string }>): Promise<void> {
    if (!this.load.summary) throw new Error('Load a dataset first: a model is loaded to score data.');
    const op = ++this.#generation;
    this.phase = 'load';
    this.ioError = null;
    this.ioNote = null;
    try {
      await this.#ensureBackend();
      this.#alive(op);
      const { result, spec: fallbackSpec } = await fetch();
      this.#alive(op);
      // The worker holds the loaded model now; ours is replaced below once it has scored.
      this.#dropModel();
      const extra = decodeExtra(result.extra, fallbackSpec);
      if (extra.spec.features.length !== result.nFeatures) {
        throw new Error(`The preprocessing spec has ${extra.spec.features.length} features but the model expects ${result.nFeatures}.`);
      }
      this.phase = 'score';
      const specJson = specToJSON(extra.spec);
      const scored = await this.#scoreSource('dataset', specJson);
      this.#alive(op);
      const notes: string[] = [];
      let reference = extra.reference;
      if (!reference) {
        reference = { trainMse: scored.mse.slice(), validation: null };
        notes.push('The model carries no training errors: the threshold percentile is taken over every row of the current data.');
      }
      const model: ActiveModel = { origin: 'loaded', name, spec: extra.spec, specJson, config: result.config, training: extra.training, reference };
      this.result = null;
      this.history = EMPTY_HISTORY;
      this.prepared = null;
      this.notes = [`Loaded “${name}”.`, ...notes];
      this.#setModel(model, scored, extra.percentile ?? DEFAULT_PERCENTILE);
    } catch (err) {
      if (op === this.#generation && !isCancel(err)) this.#workerGone(err);
      throw err;
    } finally {
      if (op === this.#generation) this.phase = null;
    }
  }

  // ───────────────────────────── scoring service ─────────────────────────────

  #current(): { model: ActiveModel; scored: ScoredRows } {
    const model = this.model;
    const scored = this.scored;
    if (!model || !scored) throw new Error('There is no scored model yet.');
    return { model, scored };
  }

  async explainRow(row: number): Promise<RowExplanation> {
    const { model, scored } = this.#current();
    if (!(Number.isInteger(row) && row >= 0 && row < scored.mse.length)) throw new RangeError(`Row ${row} is out of range`);
    const source: MlSource = scored.source.kind;
    const rows = Uint32Array.of(row);
    const [t, values] = await Promise.all([
      this.data.call('ml.transform', { source, spec: model.specJson, rows }),
      this.data.call('ml.rows', { source, rows }),
    ]);
    const out = await explainModelRows(this.#client, t.x, 1);
    let sum = 0;
    for (let i = 0; i < out.sqErr.length; i++) sum += out.sqErr[i];
    return {
      row,
      columns: values.columns,
      values: values.rows[0] ?? [],
      features: model.spec.features,
      input: t.x,
      reconstruction: out.reconstruction,
      sqErr: out.sqErr,
      mse: out.sqErr.length > 0 ? sum / out.sqErr.length : NaN,
    };
  }

  async latent(k: number): Promise<LatentProjection> {
    const { model, scored } = this.#current();
    const n = Math.max(0, Math.min(Math.floor(k), MAX_LATENT_ROWS, scored.mse.length));
    const rows = seededSample(allRows(scored.mse.length), n, LATENT_SEED);
    const t = await this.data.call('ml.transform', { source: scored.source.kind, spec: model.specJson, rows });
    const { z, dims } = await latentOf(this.#client, t.x, t.nRows);
    const p = pca2(z, t.nRows, dims);
    return { rows, x: p.x, y: p.y, explained: p.explained };
  }

  async scoreTestFile(file: File): Promise<void> {
    const model = this.model;
    if (!model) throw new Error('Train or load a model first.');
    this.testBusy = true;
    this.testProgress = null;
    try {
      const res = await this.data.call('ml.loadTestFile', { file, spec: model.specJson }, { onProgress: (p) => (this.testProgress = p) });
      if (this.model !== model) throw new CancelledRun();
      const m = res.matrix;
      if (!m) throw new Error('The data worker did not transform the test file');
      const { mse } = await scoreMatrix(this.#client, m.x, m.nRows, m.nFeatures);
      if (this.model !== model) throw new CancelledRun();
      this.testScored = buildScoredRows({
        kind: 'testset',
        fileName: res.fileName,
        mse,
        labels: res.labels,
        reference: model.reference,
        unseen: m.unseen,
        features: model.spec.features,
      });
      this.useTest = true;
    } finally {
      this.testBusy = false;
      this.testProgress = null;
    }
  }

  useDataset(): void {
    this.useTest = false;
  }

  rows(rows: Uint32Array): Promise<{ columns: readonly string[]; rows: readonly (readonly CellValue[])[] }> {
    const { scored } = this.#current();
    return this.data.call('ml.rows', { source: scored.source.kind, rows });
  }

  dispose(): void {
    this.#generation++;
    this.#client.dispose();
  }
}

/** The face the error cells see (scored.ts); one instance for the life of the page. */
class ModelScoring implements ScoringService {
  constructor(private readonly state: ModelState) {}

  get scored(): ScoredRows | null {
    return this.state.scored;
  }

  explainRow(row: number): Promise<RowExplanation> {
    return this.state.explainRow(row);
  }

  latent(k: number): Promise<LatentProjection> {
    return this.state.latent(k);
  }

  scoreTestFile(file: File): Promise<void> {
    return this.state.scoreTestFile(file);
  }

  useDataset(): void {
    this.state.useDataset();
  }

  rows(rows: Uint32Array): ReturnType<ScoringService['rows']> {
    return this.state.rows(rows);
  }
}
