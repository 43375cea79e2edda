/**
 * The EDA section of the notebook (issue 3): nine cells over the data worker's EDA methods.
 * `createEdaCells` adds the cells to the notebook in order; `EdaSection.svelte` shows them.
 */
import type { Notebook } from '../../notebook/cell.svelte';
import type { LoadState } from '../load/load.svelte';
import type { DataService } from '../../lib/rpc/data-client';
import { EdaCells } from './eda.svelte';

export { EdaCells } from './eda.svelte';

export function createEdaCells(notebook: Notebook, load: LoadState, data: DataService): EdaCells {
  return new EdaCells(notebook, load, data);
}
