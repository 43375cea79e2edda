/**
 * Methods of the data worker's ML module (DESIGN §1, §5): it fits the preprocessing spec on the
 * training rows and turns rows of the dataset (or of a separate test file it keeps beside the
 * dataset) into row-major `Float32Array` matrices for the model worker. Matrices and per-row
 * arrays are transferred, never copied; the UI passes them on to the model worker.
 */
import type { CellValue } from './protocol-data';

/** Which rows the autoencoder learns from: normal rows only (semi-supervised) or all rows. */
export type MlTrainMode = 'normal' | 'all';

/** The rows a method works on: the loaded dataset or the separate test file. */
export type MlSource = 'dataset' | 'testset';

export interface MlPrepareParams {
  /** 'normal' falls back to 'all' (and says so) when the dataset has no usable label. */
  readonly mode: MlTrainMode;
  /** Share of the rows held out for validation, in [0, 0.9]. */
  readonly validationFraction: number;
  /** Seeds the train/validation split. */
  readonly seed: number;
  /** Columns to leave out besides the label and NSL-KDD's difficulty column. */
  readonly exclude?: readonly string[];
}

/** A matrix of some rows, row-major nRows × nFeatures (transferred). */
export interface MlMatrix {
  readonly x: Float32Array;
  readonly nRows: number;
  readonly nFeatures: number;
}

/** The truth of each row of a source (copies, transferred). */
export interface MlLabels {
  /** The label column, or null when the data has none (unsupervised). */
  readonly column: string | null;
  /** 1 anomalous, 0 normal (or label missing); null without a usable label. */
  readonly isAnomaly: Uint8Array | null;
  /** The label value per row as codes into `classNames` (−1 missing); null without a label column. */
  readonly classCodes: Int32Array | null;
  readonly classNames: readonly string[];
}

export interface MlUnseen {
  readonly column: string;
  readonly count: number;
  readonly examples: readonly string[];
}

export interface MlPrepareResult {
  /** The mode actually used ('all' when 'normal' was asked for but there is no label). */
  readonly mode: MlTrainMode;
  /** The fitted spec as JSON (src/lib/ml/preprocess.ts `specToJSON`): saved with the model. */
  readonly specJson: string;
  readonly features: readonly string[];
  readonly dropped: readonly { readonly name: string; readonly reason: string }[];
  /** Columns left out on purpose (label, difficulty, user list), as given to the fit. */
  readonly excluded: readonly string[];
  /** Rows the model trains on (ascending) and their matrix. */
  readonly trainRows: Uint32Array;
  readonly train: MlMatrix;
  /**
   * Held-out rows for the validation-loss curve: the validation split's rows of the same kind as
   * the training rows (normal ones in 'normal' mode), ascending, and their matrix.
   */
  readonly validationLossRows: Uint32Array;
  readonly validationLoss: MlMatrix;
  /**
   * The whole validation split (both classes when labelled), ascending: with its labels it
   * serves to suggest a threshold (best F1) without touching test data.
   */
  readonly validationRows: Uint32Array;
  /** Rows of the dataset (all of them), for sizing. */
  readonly nRows: number;
  /** Things the user should know, in words (fallbacks, skipped columns). */
  readonly notes: readonly string[];
  readonly ms: number;
}

export interface MlTransformParams {
  readonly source: MlSource;
  /** The spec JSON of the model (from `ml.prepare` or a saved model). */
  readonly spec: string;
  /** Rows to transform, in this order; omitted = all rows. */
  readonly rows?: Uint32Array;
  /** Also return the labels of all rows of the source. */
  readonly withLabels?: boolean;
}

export interface MlTransformResult extends MlMatrix {
  readonly source: MlSource;
  readonly fileName: string;
  /** Categories never seen when the spec was fitted (one-hot all zeros). */
  readonly unseen: readonly MlUnseen[];
  readonly missingFilled: number;
  readonly infiniteClipped: number;
  /** Columns whose type differed from the spec and were converted by value. */
  readonly coerced: readonly string[];
  /** Present when `withLabels`: the labels of ALL rows of the source (not only `rows`). */
  readonly labels?: MlLabels;
  readonly ms: number;
}

export interface MlLoadTestParams {
  readonly file: File;
  /** When given, the result carries the file transformed with this spec (all rows). */
  readonly spec?: string;
}

export interface MlLoadTestProgress {
  readonly phase: 'reading' | 'typing' | 'transforming';
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export interface MlLoadTestResult {
  readonly fileName: string;
  readonly nRows: number;
  readonly nCols: number;
  readonly schemaName: string;
  readonly labels: MlLabels;
  /** Present when a spec was given. */
  readonly matrix?: MlTransformResult;
  readonly ms: number;
}

export interface MlRowsParams {
  readonly source: MlSource;
  /** At most `ML_MAX_ROWS` rows. */
  readonly rows: Uint32Array;
}

export interface MlRowsResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** The largest `ml.rows` request (a structured clone of 50k rows × 43 values is ~20 MB). */
export const ML_MAX_ROWS = 50_000;

export type MlMethods = {
  'ml.prepare': { params: MlPrepareParams; result: MlPrepareResult; progress: never };
  'ml.transform': { params: MlTransformParams; result: MlTransformResult; progress: never };
  'ml.loadTestFile': { params: MlLoadTestParams; result: MlLoadTestResult; progress: MlLoadTestProgress };
  'ml.rows': { params: MlRowsParams; result: MlRowsResult; progress: never };
};

export const ML_METHODS = ['ml.prepare', 'ml.transform', 'ml.loadTestFile', 'ml.rows'] as const satisfies readonly (keyof MlMethods)[];

// Keeps ML_METHODS complete: a method missing from the array is a type error here.
type MissingMethods = Exclude<keyof MlMethods, (typeof ML_METHODS)[number]>;
const _methodsComplete: [MissingMethods] extends [never] ? true : never = true;
void _methodsComplete;
