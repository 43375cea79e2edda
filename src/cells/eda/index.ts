import type { Notebook } from '../../notebook/cell.svelte';
import type { LoadState } from '../load/load.svelte';
import type { DataService } from '../../lib/rpc/data-client';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type EdaCells = {};

export function createEdaCells(_notebook: Notebook, _load: LoadState, _data: DataService): EdaCells {
  return {};
}
