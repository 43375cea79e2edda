/**
 * The data worker's single piece of state: the loaded dataset. Feature modules (EDA,
 * hypotheses, preprocessing) read it through `requireDataset()`; only `load` replaces it.
 */
import type { DataFrame } from 'danfojs';
import type { ParsedTable } from '../src/lib/table/parse';
import type { LabelDetection } from '../src/lib/table/label';
import type { DatasetSummary } from './protocol-data';
import { LoadError } from '../src/lib/table/errors';

export interface Dataset {
  readonly fileName: string;
  readonly bytes: number;
  readonly parsed: ParsedTable;
  /** Replaced (never mutated) when the user changes the label. */
  readonly label: LabelDetection;
  /** null when the table is too large for a danfojs frame (`frameInfo.note` says why). */
  readonly frame: DataFrame | null;
  readonly frameInfo: DatasetSummary['frame'];
  readonly parseMs: number;
  readonly totalMs: number;
  /** Bumped on every change (load or label), for caches keyed on the dataset. */
  readonly version: number;
}

let current: Dataset | null = null;
let version = 0;

export function requireDataset(): Dataset {
  if (!current) throw new LoadError('No dataset is loaded yet: load a file or the sample first.', 'no-dataset');
  return current;
}

export function setDataset(d: Omit<Dataset, 'version'>): Dataset {
  current = { ...d, version: ++version };
  return current;
}
