/**
 * What the session needs from the notebook, as one narrow interface: reactive reads (called
 * inside effects, so they track what they read) and the few actions a restore performs. The
 * adapter below binds it to the real cells; the session state never reaches into them itself.
 */
import type { CellRun } from '../../notebook/cell.svelte';
import type { LoadState } from '../../cells/load/load.svelte';
import type { ModelCells } from '../../cells/model';
import type { HypothesisCells } from '../../cells/hypotheses';
import { ACTIVATIONS } from '../../cells/model/config';
import type { Activation } from '../../../workers/protocol-model';
import type { FormSnapshot, LabelOverride, SessionSettings, ThresholdSetting, TrainMode } from './records';

/** The dataset on screen (null while none is ready). */
export interface DatasetView {
  readonly fileName: string;
  readonly bytes: number;
  /** The user's file; null for the bundled sample. */
  readonly file: File | null;
}

/** The model ready to use (null while none, or while the model cell is busy). */
export interface ModelView {
  /** Identity of the model: the same object as long as it is the same model. */
  readonly ref: object;
  readonly fileName: string;
  readonly bytes: number;
}

/** The settings the user can change, as they are now. */
export interface LiveSettings {
  readonly alpha: number;
  readonly threshold: ThresholdSetting;
  readonly hasModel: boolean;
  readonly form: FormSnapshot;
  readonly label: LabelOverride | null;
}

export interface SessionHost {
  settings(): LiveSettings;
  dataset(): DatasetView | null;
  model(): ModelView | null;
  /** α and the model form. */
  applySettings(s: SessionSettings): void;
  applyThreshold(t: ThresholdSetting): void;
  /** Loads run under the Load cell's status; false when the load failed (the cell says why). */
  loadSample(): Promise<boolean>;
  loadFile(file: File): Promise<boolean>;
  applyLabel(label: LabelOverride): Promise<boolean>;
  /** Saves the model `ref` under `key`; false when that model is no longer the current one. */
  saveModel(key: string, ref: object): Promise<boolean>;
  /** Loads the model saved under `key` and scores the data; 'superseded' when the user did something else meanwhile. */
  restoreModel(key: string): Promise<'restored' | 'superseded'>;
  /** The model store was wiped: forget its list. */
  forgetSavedModels(): void;
}

/** A saved activation the form still offers, else the form's current one. */
function activation(saved: string, fallback: Activation): Activation {
  return (ACTIVATIONS as readonly string[]).includes(saved) ? (saved as Activation) : fallback;
}

const finiteOrNull = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export interface NotebookParts {
  readonly load: LoadState;
  readonly loadCell: CellRun;
  readonly model: ModelCells;
  readonly hypotheses: HypothesisCells;
}

export function createSessionHost({ load, loadCell, model, hypotheses }: NotebookParts): SessionHost {
  const state = model.state;
  const threshold = model.threshold;
  return {
    settings() {
      const c = state.config;
      const label = load.summary?.label;
      const byUser = !!label && (label.columnChosenBy === 'user' || label.normalChosenBy === 'user');
      return {
        alpha: hypotheses.alpha,
        threshold: { percentile: threshold.percentile, manualValue: threshold.manual ? threshold.value : null },
        hasModel: state.model !== null,
        form: {
          layers: c.layers.map((l) => ({ units: finiteOrNull(l.units), activation: l.activation, dropout: finiteOrNull(l.dropout) })),
          outputActivation: c.outputActivation,
          learningRate: finiteOrNull(c.learningRate),
          epochs: finiteOrNull(c.epochs),
          batchSize: finiteOrNull(c.batchSize),
          seed: finiteOrNull(c.seed),
          validationFraction: finiteOrNull(c.validationFraction),
          modeChoice: c.modeChoice,
        },
        label:
          label && byUser && load.summary
            ? {
                fileName: load.summary.fileName,
                bytes: load.summary.bytes,
                column: label.column,
                normalValue: label.normalValue,
                columnByUser: label.columnChosenBy === 'user',
                normalByUser: label.normalChosenBy === 'user',
              }
            : null,
      };
    },

    dataset() {
      const s = load.summary;
      if (load.status !== 'ready' || !s) return null;
      return { fileName: s.fileName, bytes: s.bytes, file: load.file };
    },

    model() {
      const m = state.model;
      const s = load.summary;
      if (!m || state.phase !== null || !s || load.status !== 'ready') return null;
      // The threshold reference is created with the model and kept when it is renamed.
      return { ref: m.reference, fileName: s.fileName, bytes: s.bytes };
    },

    applySettings(s) {
      hypotheses.alpha = s.alpha;
      const c = state.config;
      const f = s.form;
      c.layers = f.layers.map((l) => ({ units: l.units, activation: activation(l.activation, 'relu'), dropout: l.dropout }));
      c.outputActivation = activation(f.outputActivation, c.outputActivation);
      c.learningRate = f.learningRate;
      c.epochs = f.epochs;
      c.batchSize = f.batchSize;
      c.seed = f.seed;
      c.validationFraction = f.validationFraction;
      c.modeChoice = f.modeChoice satisfies TrainMode | null;
    },

    applyThreshold(t) {
      if (t.manualValue !== null) threshold.setValue(t.manualValue);
      else threshold.setPercentile(t.percentile);
    },

    loadSample() {
      return loadCell.runWith(() => load.loadSample());
    },

    loadFile(file) {
      return loadCell.runWith(() => load.loadFile(file));
    },

    applyLabel(label) {
      return loadCell.runWith(() => load.setLabel(label.column, label.normalByUser ? label.normalValue : null));
    },

    async saveModel(key, ref) {
      if (state.model?.reference !== ref) return false;
      return (await state.saveSession(key)) !== null;
    },

    async restoreModel(key) {
      // The user got there first (trained or loaded a model): theirs wins.
      if (state.phase !== null || state.model !== null) return 'superseded';
      try {
        await state.restoreSession(key);
        return 'restored';
      } catch (err) {
        if (err instanceof Error && (err.name === 'CancelledRun' || err.name === 'CancelledError')) return 'superseded';
        throw err;
      }
    },

    forgetSavedModels() {
      state.saved = [];
    },
  };
}
