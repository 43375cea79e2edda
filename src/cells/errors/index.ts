import type { Notebook } from '../../notebook/cell.svelte';
import type { ScoringService } from '../model/scored';

export type ErrorCells = Record<string, never>;

export function createErrorCells(_notebook: Notebook, _scoring: () => ScoringService | null): ErrorCells {
  return {};
}
