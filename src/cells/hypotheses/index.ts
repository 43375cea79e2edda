import type { Notebook } from '../../notebook/cell.svelte';
import type { LoadState } from '../load/load.svelte';
import type { DataService } from '../../lib/rpc/data-client';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type HypothesisCells = {};

export function createHypothesisCells(_notebook: Notebook, _load: LoadState, _data: DataService): HypothesisCells {
  return {};
}
