/**
 * Methods of the data worker (DESIGN §1): it owns the dataset (Table + danfojs DataFrame);
 * the UI only ever receives small results.
 */
import type { LoadIssue, SchemaId } from '../src/lib/table/types';
import { EDA_METHODS, type EdaMethods } from './protocol-eda';
import { HYPOTHESIS_METHODS, type HypothesisMethods } from './protocol-hypo';
import { ML_METHODS, type MlMethods } from './protocol-ml';

export type * from './protocol-eda';
export type * from './protocol-hypo';
export type * from './protocol-ml';

export interface ColumnInfo {
  readonly name: string;
  readonly sourceName: string;
  readonly kind: 'numeric' | 'categorical';
  /** Why this type was chosen, in words. */
  readonly reason: string;
  readonly missing: number;
  readonly infinite: number;
}

export interface ClassCount {
  readonly value: string;
  readonly count: number;
  readonly normal: boolean;
}

export interface LabelInfo {
  /** The label column, or null when none was found / chosen (unsupervised). */
  readonly column: string | null;
  readonly normalValue: string | null;
  /** How the column was chosen: by its name, by a known schema, by the user, or none. */
  readonly columnChosenBy: 'name' | 'schema' | 'user' | 'none';
  readonly normalChosenBy: 'content' | 'user' | 'none';
  /** Columns that could serve as the label (categorical, low cardinality), best first. */
  readonly candidates: readonly string[];
  /** Class counts, largest first (bounded: the UI shows the top values). */
  readonly classes: readonly ClassCount[];
  readonly anomalies: number;
  readonly normals: number;
}

export interface DatasetSummary {
  readonly fileName: string;
  readonly bytes: number;
  readonly nRows: number;
  readonly nCols: number;
  readonly schema: SchemaId;
  /** Human-readable description of the recognised layout. */
  readonly schemaName: string;
  readonly hasHeader: boolean;
  readonly delimiter: string;
  readonly columns: readonly ColumnInfo[];
  readonly label: LabelInfo;
  readonly issues: readonly LoadIssue[];
  /**
   * The danfojs DataFrame built from the typed columns. For tables too large for its row arrays
   * (src/lib/table/danfo.ts, MAX_FRAME_CELLS) it is not built: `skipped` says why, rows/cols are 0.
   */
  readonly frame: {
    readonly skipped?: string;
    readonly rows: number;
    readonly cols: number;
    readonly buildMs: number;
    readonly renamed: readonly { readonly from: string; readonly to: string }[];
  };
  readonly timings: { readonly parseMs: number; readonly frameMs: number; readonly totalMs: number };
}

export type LoadSource =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'url'; readonly url: string; readonly name: string };

export interface LoadParams {
  readonly source: LoadSource;
  /** Overrides; omitted = detect. */
  readonly label?: { readonly column: string | null; readonly normalValue?: string | null };
  /** Test hook: size of the decoded-text chunks fed to the parser. */
  readonly chunkChars?: number;
}

export interface LoadProgress {
  /** 'summary': label, class counts and column facts (after the frame, or instead of it when it is not built). */
  readonly phase: 'reading' | 'typing' | 'dataframe' | 'summary';
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
  readonly rowsPerSec: number;
  /** Seconds left, when it can be estimated. */
  readonly etaSec: number | null;
}

export interface SetLabelParams {
  readonly column: string | null;
  /** null = detect the normal value in the chosen column. */
  readonly normalValue: string | null;
}

export interface PageParams {
  readonly offset: number;
  readonly limit: number;
}

/** A cell as the UI shows it: a number, a category string, or missing. */
export type CellValue = number | string | null;

export interface PageResult {
  readonly offset: number;
  readonly total: number;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

export type CoreDataMethods = {
  load: { params: LoadParams; result: DatasetSummary; progress: LoadProgress };
  setLabel: { params: SetLabelParams; result: DatasetSummary; progress: never };
  page: { params: PageParams; result: PageResult; progress: never };
  /**
   * Distinct non-missing values per column, in column order: asked for when the UI shows them
   * (the column table), not computed by every load (60–90 ms of a 126k-row load).
   */
  columnDistinct: { params: Record<string, never>; result: { counts: number[] }; progress: never };
  /** Runs the load path on a small generated file (warm-up.ts): sent to a worker started ahead of a load. */
  warmUp: { params: Record<string, never>; result: { ms: number }; progress: never };
};

export const CORE_DATA_METHODS = ['load', 'setLabel', 'page', 'columnDistinct', 'warmUp'] as const satisfies readonly (keyof CoreDataMethods)[];

/** Everything the data worker answers: the core (load, label, rows) plus each feature module's methods. */
export type DataMethods = CoreDataMethods & EdaMethods & HypothesisMethods & MlMethods;

export const DATA_METHODS: readonly (keyof DataMethods & string)[] = [...CORE_DATA_METHODS, ...EDA_METHODS, ...HYPOTHESIS_METHODS, ...ML_METHODS];
