/**
 * The contract between the Autoencoder cell (which trains and scores) and the cells that show
 * and act on reconstruction errors (threshold, evaluation, explanations). Per-row data stays in
 * typed arrays; a new `ScoredRows` replaces the old one whole (never mutated).
 */
import type { CellValue } from '../../../workers/protocol';

export interface ScoredRows {
  /** What the rows are: the loaded dataset, or a separate test file scored with the same model. */
  readonly source: { readonly kind: 'dataset' | 'testset'; readonly fileName: string };
  /** Reconstruction MSE per row, in file order. */
  readonly mse: Float32Array;
  /** Truth per row (1 anomalous, 0 normal); null when the data has no label. */
  readonly isAnomaly: Uint8Array | null;
  /** The label column's value per row as codes into `classNames` (−1 missing); null without a label. */
  readonly classCodes: Int32Array | null;
  readonly classNames: readonly string[];
  /** Name of the label column (null without one). */
  readonly labelColumn: string | null;
  /**
   * MSE of the rows the model was trained on (after training): the threshold's reference.
   * The default threshold is its 99.9th percentile (the seed's rule); test labels never set it.
   */
  readonly trainMse: Float32Array;
  /**
   * A labelled validation split of the training data (held out from training), for suggesting
   * a best-F1 threshold; null when there is no label.
   */
  readonly validation: { readonly mse: Float32Array; readonly isAnomaly: Uint8Array } | null;
  /** Categories in the scored data that the training rows never had (one-hot all zeros). */
  readonly unseen: readonly { readonly column: string; readonly count: number; readonly examples: readonly string[] }[];
  /** Feature names of the model input, in order (e.g. `protocol_type=tcp`, `src_bytes`). */
  readonly features: readonly string[];
}

/** One row opened for inspection: its raw values, model input, reconstruction and per-feature errors. */
export interface RowExplanation {
  readonly row: number;
  readonly columns: readonly string[];
  readonly values: readonly CellValue[];
  readonly features: readonly string[];
  readonly input: Float32Array;
  readonly reconstruction: Float32Array;
  readonly sqErr: Float32Array;
  readonly mse: number;
}

/** A 2-D projection (PCA) of the bottleneck activations of a sample of rows. */
export interface LatentProjection {
  readonly rows: Uint32Array;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Variance explained by the two components (fractions). */
  readonly explained: readonly [number, number];
}

/** What the Autoencoder cell offers the error cells. */
export interface ScoringService {
  /** The rows currently being evaluated (the test file once one is scored, else the dataset). */
  readonly scored: ScoredRows | null;
  /** Explains one row of the current `scored` source. */
  explainRow(row: number): Promise<RowExplanation>;
  /** Bottleneck of up to `k` rows of the current source (seeded sample), projected to 2-D. */
  latent(k: number): Promise<LatentProjection>;
  /** Parses a separate test file in the data worker, transforms it with the saved spec, scores it. */
  scoreTestFile(file: File): Promise<void>;
  /** Switches the evaluated source back to the loaded dataset. */
  useDataset(): void;
  /** Values of the given rows of the current source, for the anomalies log / export. */
  rows(rows: Uint32Array): Promise<{ columns: readonly string[]; rows: readonly (readonly CellValue[])[] }>;
}
