/**
 * The Autoencoder cell's settings as the form holds them, and their conversion to the model
 * worker's `AutoencoderConfig` (validated by src/lib/ml/autoencoder.ts `validateConfig`).
 */
import { QUICK_CONFIG, SEED_CONFIG, validateConfig } from '../../lib/ml/autoencoder';
import type { Activation, AutoencoderConfig } from '../../../workers/protocol-model';
import type { MlTrainMode } from '../../../workers/protocol-ml';

export const ACTIVATIONS: readonly Activation[] = ['relu', 'sigmoid', 'tanh', 'elu', 'linear'];

/** One hidden layer row of the form. Numbers may be null while an input is empty. */
export interface LayerRow {
  units: number | null;
  activation: Activation;
  /** Dropout after the layer, in [0, 1); 0 = none. */
  dropout: number | null;
}

export interface FormValues {
  readonly layers: readonly LayerRow[];
  readonly outputActivation: Activation;
  readonly learningRate: number | null;
  readonly epochs: number | null;
  readonly batchSize: number | null;
  readonly seed: number | null;
  readonly validationFraction: number | null;
  /** Epochs whose end weights are averaged into the final model; 0 or 1 = the last epoch's. */
  readonly averageLastEpochs: number | null;
}

export type PresetId = 'seed' | 'quick';

export const PRESETS: Readonly<Record<PresetId, { readonly label: string; readonly title: string; readonly config: AutoencoderConfig }>> = {
  seed: {
    label: 'Seed (as published)',
    title: `The seed notebook: 64-32-10-32-64, dropout 0.2, sigmoid output, Adam 1e-3, 20 epochs, batch 32; final weights averaged over the last ${SEED_CONFIG.averageLastEpochs ?? 0} epochs`,
    config: SEED_CONFIG,
  },
  quick: {
    label: 'Quick',
    title: `Same network, batch ${QUICK_CONFIG.batchSize}, learning rate ${QUICK_CONFIG.learningRate}, ${QUICK_CONFIG.epochs} epochs: several times faster`,
    config: QUICK_CONFIG,
  },
};

export const DEFAULT_VALIDATION_FRACTION = 0.1;

export function layerRows(config: AutoencoderConfig): LayerRow[] {
  return config.layers.map((l) => ({ units: l.units, activation: l.activation, dropout: l.dropoutAfter ?? 0 }));
}

/** The config the form describes, or the problems that stop it (in words). */
export function toConfig(form: FormValues): { config: AutoencoderConfig; problems: [] } | { config: null; problems: string[] } {
  const problems: string[] = [];
  const need = (v: number | null, what: string): number => {
    if (v === null || !Number.isFinite(v)) {
      problems.push(`${what} is empty`);
      return NaN;
    }
    return v;
  };
  const config: AutoencoderConfig = {
    layers: form.layers.map((l, i) => {
      const units = need(l.units, `layer ${i + 1} units`);
      const dropout = l.dropout ?? 0;
      return { units, activation: l.activation, ...(dropout > 0 ? { dropoutAfter: dropout } : {}) };
    }),
    outputActivation: form.outputActivation,
    learningRate: need(form.learningRate, 'learning rate'),
    epochs: need(form.epochs, 'epochs'),
    batchSize: need(form.batchSize, 'batch size'),
    seed: need(form.seed, 'seed'),
    shuffle: true,
    averageLastEpochs: need(form.averageLastEpochs, 'epochs to average'),
  };
  form.layers.forEach((l, i) => {
    if (l.dropout !== null && !(l.dropout >= 0 && l.dropout < 1)) problems.push(`layer ${i + 1}: dropout must be in [0, 1)`);
  });
  const v = form.validationFraction;
  if (v === null || !(v >= 0 && v <= 0.9)) problems.push('validation split must be between 0 and 0.9');
  if (problems.length === 0) problems.push(...validateConfig(config));
  return problems.length === 0 ? { config, problems: [] } : { config: null, problems: [...new Set(problems)] };
}

/** Which preset the form equals, if any (validation split and mode aside). */
export function matchingPreset(config: AutoencoderConfig | null): PresetId | null {
  if (!config) return null;
  const key = (c: AutoencoderConfig) =>
    JSON.stringify({
      layers: c.layers.map((l) => [l.units, l.activation, l.dropoutAfter ?? 0]),
      out: c.outputActivation,
      lr: c.learningRate,
      epochs: c.epochs,
      batch: c.batchSize,
      seed: c.seed,
      average: c.averageLastEpochs ?? 0,
    });
  const k = key(config);
  for (const id of Object.keys(PRESETS) as PresetId[]) if (key(PRESETS[id].config) === k) return id;
  return null;
}

/** The mode used when the user has not chosen one: normal rows when the data has a label. */
export function defaultMode(labelled: boolean): MlTrainMode {
  return labelled ? 'normal' : 'all';
}

/** "64-32-10-32-64" */
export function architectureText(config: AutoencoderConfig, nFeatures?: number): string {
  const hidden = config.layers.map((l) => String(l.units)).join('-');
  return nFeatures === undefined ? hidden : `${nFeatures}-${hidden}-${nFeatures}`;
}
