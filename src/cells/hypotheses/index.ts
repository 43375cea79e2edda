/**
 * The hypothesis section of the notebook (issue 4): six panels testing the seed notebook's
 * hypotheses and a screen of every feature against the label, computed in the data worker.
 * `createHypothesisCells` adds the cells to the notebook in order; `HypothesisSection.svelte`
 * shows them.
 */
import type { Notebook } from '../../notebook/cell.svelte';
import type { LoadState } from '../load/load.svelte';
import type { DataService } from '../../lib/rpc/data-client';
import { HypothesisCells } from './hypotheses.svelte';

export { HypothesisCells } from './hypotheses.svelte';

export function createHypothesisCells(notebook: Notebook, load: LoadState, data: DataService): HypothesisCells {
  return new HypothesisCells(notebook, load, data);
}
