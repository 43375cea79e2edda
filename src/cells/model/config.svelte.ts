/** The Autoencoder cell's form: the seed settings pre-filled, every one editable. */
import type { Activation, AutoencoderConfig } from '../../../workers/protocol-model';
import type { MlTrainMode } from '../../../workers/protocol-ml';
import { DEFAULT_VALIDATION_FRACTION, PRESETS, defaultMode, layerRows, matchingPreset, toConfig, type LayerRow, type PresetId } from './config';

export class ModelConfigState {
  layers = $state<LayerRow[]>(layerRows(PRESETS.seed.config));
  outputActivation = $state<Activation>(PRESETS.seed.config.outputActivation);
  learningRate = $state<number | null>(PRESETS.seed.config.learningRate);
  epochs = $state<number | null>(PRESETS.seed.config.epochs);
  batchSize = $state<number | null>(PRESETS.seed.config.batchSize);
  seed = $state<number | null>(PRESETS.seed.config.seed);
  validationFraction = $state<number | null>(DEFAULT_VALIDATION_FRACTION);
  averageLastEpochs = $state<number | null>(PRESETS.seed.config.averageLastEpochs ?? 0);
  /** null = the default for the data (normal rows when labelled). */
  modeChoice = $state<MlTrainMode | null>(null);

  readonly checked = $derived(
    toConfig({
      layers: this.layers,
      outputActivation: this.outputActivation,
      learningRate: this.learningRate,
      epochs: this.epochs,
      batchSize: this.batchSize,
      seed: this.seed,
      validationFraction: this.validationFraction,
      averageLastEpochs: this.averageLastEpochs,
    }),
  );
  readonly preset: PresetId | null = $derived(matchingPreset(this.checked.config));

  mode(labelled: boolean): MlTrainMode {
    if (!labelled) return 'all';
    return this.modeChoice ?? defaultMode(labelled);
  }

  applyPreset(id: PresetId): void {
    this.apply(PRESETS[id].config);
  }

  apply(config: AutoencoderConfig): void {
    this.layers = layerRows(config);
    this.outputActivation = config.outputActivation;
    this.learningRate = config.learningRate;
    this.epochs = config.epochs;
    this.batchSize = config.batchSize;
    this.seed = config.seed;
    this.averageLastEpochs = config.averageLastEpochs ?? 0;
  }

  addLayer(at: number = this.layers.length): void {
    const near = this.layers[Math.min(at, this.layers.length - 1)];
    this.layers.splice(at, 0, { units: near?.units ?? 32, activation: near?.activation ?? 'relu', dropout: 0 });
  }

  removeLayer(i: number): void {
    if (this.layers.length > 1) this.layers.splice(i, 1);
  }
}
