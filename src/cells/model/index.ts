import type { Notebook } from '../../notebook/cell.svelte';
import type { LoadState } from '../load/load.svelte';
import type { DataService } from '../../lib/rpc/data-client';
import type { ScoringService } from './scored';

export type ModelCells = { readonly scoring: ScoringService | null };

export function createModelCells(_notebook: Notebook, _load: LoadState, _data: DataService): ModelCells {
  return { scoring: null };
}
