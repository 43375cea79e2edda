/**
 * The model section of the notebook (issue 5): one cell, "Autoencoder", that trains (never on its
 * own: the user presses Train, or Run all), scores every row, saves and loads models, and offers
 * the error cells a `ScoringService` (scored.ts) with its shared threshold (threshold.svelte.ts).
 */
import { CellRun, type Notebook } from '../../notebook/cell.svelte';
import type { LoadState } from '../load/load.svelte';
import type { DataService } from '../../lib/rpc/data-client';
import type { ScoringService } from './scored';
import { ModelState } from './model.svelte';
import type { ThresholdState } from './threshold.svelte';

export { thresholdOf, ThresholdState, DEFAULT_PERCENTILE } from './threshold.svelte';
export type { ScoringService, ScoredRows, RowExplanation, LatentProjection } from './scored';

export interface ModelCells {
  /** The scoring service once a model exists (reactive), else null. */
  readonly scoring: ScoringService | null;
  readonly threshold: ThresholdState;
  readonly state: ModelState;
  readonly cell: CellRun;
  readonly load: LoadState;
}

export function createModelCells(notebook: Notebook, load: LoadState, data: DataService): ModelCells {
  const state = new ModelState(load, data);
  const cell = notebook.add(new CellRun('model', 'Autoencoder', () => state.train()));
  return {
    get scoring() {
      return state.model ? state.scoring : null;
    },
    threshold: state.threshold,
    state,
    cell,
    load,
  };
}
