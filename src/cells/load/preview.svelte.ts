/** A page of rows fetched from the data worker for the paged table. */
import type { DataService } from '../../lib/rpc/data-client';
import type { PageResult } from '../../../workers/protocol';

export const PAGE_SIZE = 50;

export class PreviewState {
  page = $state.raw<PageResult | null>(null);
  error = $state<string | null>(null);
  #request = 0;

  constructor(private readonly data: DataService) {}

  async show(offset: number): Promise<void> {
    const request = ++this.#request;
    try {
      const page = await this.data.call('page', { offset, limit: PAGE_SIZE });
      if (request === this.#request) {
        this.page = page;
        this.error = null;
      }
    } catch (err) {
      if (request === this.#request) this.error = err instanceof Error ? err.message : String(err);
    }
  }
}
