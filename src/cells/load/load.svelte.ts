/**
 * State of the Load cell: the current dataset's summary, load progress and errors.
 * Other cells read `summary` and `version` (bumped whenever the dataset or its label changes).
 */
import type { DataService } from '../../lib/rpc/data-client';
import type { DatasetSummary, LoadProgress, LoadSource } from '../../../workers/protocol';
import { errorMessage } from '../../notebook/cell.svelte';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export const SAMPLE_FILE = 'nsl-kdd-sample.csv';
export const SAMPLE_TEST_FILE = 'nsl-kdd-sample-test.csv';

export function sampleUrl(file: string = SAMPLE_FILE): string {
  return new URL(`${import.meta.env.BASE_URL}datasets/${file}`, globalThis.location?.href ?? 'http://localhost/').href;
}

export const ACCEPTED_EXTENSIONS = ['.csv', '.txt', '.tsv'];

export class LoadState {
  status = $state<LoadStatus>('idle');
  summary = $state.raw<DatasetSummary | null>(null);
  progress = $state.raw<LoadProgress | null>(null);
  error = $state<string | null>(null);
  /** Name of the source being loaded (shown while loading). */
  pendingName = $state<string | null>(null);
  /** Bumped on every dataset or label change. */
  version = $state(0);
  isSample = $state(false);
  /** The user's file behind the current dataset (null for the sample): the session may keep it. */
  file = $state.raw<File | null>(null);

  constructor(private readonly data: DataService) {}

  async loadFile(file: File): Promise<void> {
    await this.#load({ kind: 'file', file }, false);
  }

  async loadSample(): Promise<void> {
    await this.#load({ kind: 'url', url: sampleUrl(), name: SAMPLE_FILE }, true);
  }

  /** Re-runs the last load (the Run button of the cell). */
  async reload(): Promise<void> {
    if (this.#lastSource) await this.#load(this.#lastSource, this.isSample);
    else await this.loadSample();
  }

  #lastSource: LoadSource | null = null;

  async #load(source: LoadSource, isSample: boolean): Promise<void> {
    this.status = 'loading';
    this.error = null;
    this.progress = null;
    this.pendingName = source.kind === 'file' ? source.file.name : source.name;
    try {
      const summary = await this.data.load({ source }, (p) => (this.progress = p));
      this.summary = summary;
      this.isSample = isSample;
      this.file = source.kind === 'file' ? source.file : null;
      this.#lastSource = source;
      this.status = 'ready';
      this.version++;
    } catch (err) {
      const cancelled = err instanceof Error && err.name === 'CancelledError';
      // A failed or cancelled load keeps the previous dataset (its worker was never replaced).
      this.status = cancelled ? (this.summary ? 'ready' : 'idle') : 'error';
      this.error = cancelled ? null : errorMessage(err);
      throw err; // the cell shows 'error' or 'cancelled'
    } finally {
      this.progress = null;
      this.pendingName = null;
    }
  }

  cancel(): void {
    this.data.cancelLoad();
  }

  /** Distinct values per column of the current dataset (counted when asked: the column table). */
  async distinctCounts(): Promise<readonly number[]> {
    return (await this.data.call('columnDistinct', {})).counts;
  }

  async setLabel(column: string | null, normalValue: string | null): Promise<void> {
    const summary = await this.data.call('setLabel', { column, normalValue });
    this.summary = summary;
    this.version++;
  }
}
