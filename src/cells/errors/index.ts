/**
 * The reconstruction-error section of the notebook (issue 6): threshold studio, evaluation,
 * suggested thresholds, a separate test file, anomalies log, latent space. `createErrorCells`
 * adds the cells to the notebook in order; `ErrorSection.svelte` shows them.
 */
import type { Notebook } from '../../notebook/cell.svelte';
import type { ScoringService } from '../model/scored';
import { ErrorCells } from './errors.svelte';

export { ErrorCells } from './errors.svelte';

export function createErrorCells(notebook: Notebook, scoring: () => ScoringService | null): ErrorCells {
  return new ErrorCells(notebook, scoring);
}
