/**
 * The typed client for the data worker. A load runs in a fresh worker and replaces the current
 * one only when it succeeds: cancelling or failing a load keeps the dataset already loaded.
 */
import { RpcClient, type CallOptions, type WorkerLike } from './client';
import type { DataMethods, DatasetSummary, LoadParams, LoadProgress } from '../../../workers/protocol';

export type DataClient = RpcClient<DataMethods>;

export function spawnDataWorker(): WorkerLike {
  return new Worker(new URL('../../../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'data' });
}

/** How long after a load the spare worker waits before looking whether the current one is busy. */
const SPARE_DELAY_MS = 1000;
/** How often it looks again while the current worker computes. */
const SPARE_RETRY_MS = 250;

export class DataService {
  #current: DataClient | null = null;
  #loading: DataClient | null = null;
  /**
   * A worker started ahead of time for the next load: the data worker's code (danfojs, tfjs)
   * takes a noticeable time to load and compile, and the load path time to get optimised by V8
   * (the `warmUp` call), which the user would otherwise wait for.
   */
  #spare: DataClient | null = null;
  #spareWaiting = false;
  #disposed = false;

  constructor(private readonly spawn: () => WorkerLike = spawnDataWorker) {}

  #takeSpare(): DataClient {
    const client = this.#spare ?? new RpcClient<DataMethods>(this.spawn);
    this.#spare = null;
    return client;
  }

  /**
   * Starts the next load's worker while the page is idle and the current worker has nothing to
   * compute: on a 2-core machine the spare's start-up and warm-up would otherwise take a core
   * from the EDA or the hypothesis tests the user just asked for.
   */
  #prepareSpare(): void {
    if (this.#spare || this.#spareWaiting || this.#disposed) return;
    this.#spareWaiting = true;
    const start = () => {
      if (this.#spare || this.#disposed) {
        this.#spareWaiting = false;
        return;
      }
      if (this.#loading || (this.#current?.busy ?? 0) > 0) {
        setTimeout(start, SPARE_RETRY_MS);
        return;
      }
      this.#spareWaiting = false;
      this.#spare = new RpcClient<DataMethods>(this.spawn);
      this.#spare.warm();
      // Compile the load path before the user's file arrives (warm-up.ts). A load sent meanwhile
      // runs alongside it (both await reads); a failure costs nothing but the head start.
      this.#spare.call('warmUp', {}).catch(() => undefined);
    };
    // After a load the notebook's cells usually start asking the current worker at once: give
    // them a moment to do so before looking.
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
      else start();
    }, SPARE_DELAY_MS);
  }

  get hasDataset(): boolean {
    return this.#current !== null;
  }

  async load(params: LoadParams, onProgress?: (p: LoadProgress) => void): Promise<DatasetSummary> {
    this.#loading?.cancel('Superseded by a newer load');
    const client = this.#takeSpare();
    this.#loading = client;
    try {
      const summary = await client.call('load', params, { onProgress });
      this.#current?.dispose();
      this.#current = client;
      return summary;
    } catch (err) {
      client.dispose();
      throw err;
    } finally {
      if (this.#loading === client) this.#loading = null;
      this.#prepareSpare();
    }
  }

  /** Cancels a load in progress (terminates its worker); the current dataset stays. */
  cancelLoad(): void {
    this.#loading?.cancel('Load cancelled');
  }

  call<K extends keyof DataMethods & string>(
    method: K,
    params: DataMethods[K]['params'],
    options?: CallOptions<DataMethods[K]['progress']>,
  ): Promise<DataMethods[K]['result']> {
    if (!this.#current) return Promise.reject(new Error('No dataset is loaded yet: load a file or the sample first.'));
    return this.#current.call(method, params, options);
  }

  dispose(): void {
    this.#disposed = true;
    this.#loading?.dispose();
    this.#current?.dispose();
    this.#spare?.dispose();
    this.#loading = this.#current = this.#spare = null;
  }
}
