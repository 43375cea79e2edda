/**
 * The columnar data model (DESIGN §3). Tables are immutable; selections are index arrays.
 * Nothing here may key user strings into plain objects: category values and column names such
 * as `__proto__` or `constructor` are real data.
 */

export interface NumericColumn {
  readonly kind: 'numeric';
  /** Unique name used everywhere in the app (may differ from the header: see `sourceName`). */
  readonly name: string;
  /** The header cell as written in the file ('' when blank, generated for header-less files). */
  readonly sourceName: string;
  /** Missing = NaN; ±Infinity kept (and counted in `infinite`). */
  readonly values: Float64Array;
  readonly missing: number;
  readonly infinite: number;
  /** Why this column was typed numeric, in words for the UI. */
  readonly reason: string;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  readonly sourceName: string;
  /** Dictionary codes; −1 = missing. */
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
  readonly missing: number;
  readonly reason: string;
}

export type Column = NumericColumn | CategoricalColumn;

export interface Table {
  readonly nRows: number;
  readonly columns: readonly Column[];
}

/** Known layouts the loader recognises (DESIGN §3). */
export type SchemaId =
  | 'nsl-kdd'
  | 'nsl-kdd-kaggle'
  | 'kdd99'
  | 'unsw-nb15'
  | 'cic-ids2017'
  | 'generic';

/** A problem found in a file that did not stop the load. Shown to the user verbatim (as text). */
export interface LoadIssue {
  readonly kind:
    | 'field-count'
    | 'encoding'
    | 'header-renamed'
    | 'header-blank'
    | 'header-duplicate'
    | 'no-label'
    | 'single-column'
    | 'empty-lines'
    /** A quoted field that never closes (reached the end of the file). */
    | 'unclosed-quote'
    /** Quoted fields with text after the closing quote (kept as written). */
    | 'quotes'
    /** The first row looked like data, so generic names were generated. */
    | 'header-missing'
    | 'other';
  readonly message: string;
  /** 1-based physical line numbers involved (at most a bounded sample). */
  readonly lines?: readonly number[];
  /** How many rows/cells are involved in total (may exceed `lines.length`). */
  readonly count?: number;
}

export function columnByName(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}
