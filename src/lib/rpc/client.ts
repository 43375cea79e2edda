/**
 * A small request/response client over a Worker (STYLE 6): ids, progress, cancel, dispose.
 * Cancelling terminates the worker (DESIGN §1: no SharedArrayBuffer, so there is no cheaper
 * interrupt); the next call starts a fresh one. Works against any `WorkerLike`, so it is
 * unit-tested without a real Worker.
 */
import {
  PROTOCOL_VERSION,
  isResponseEnvelope,
  type MethodTable,
  type RequestEnvelope,
} from '../../../workers/protocol';

export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (ev: Event) => void): void;
}

export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export class CancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export interface CallOptions<P> {
  onProgress?: (progress: P) => void;
  transfer?: Transferable[];
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  onProgress?: (progress: unknown) => void;
}

export class RpcClient<M extends MethodTable> {
  #worker: WorkerLike | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #disposed = false;

  constructor(private readonly spawn: () => WorkerLike) {}

  /** Starts the worker now (it loads and compiles its code) so the first call does not wait for it. */
  warm(): void {
    if (!this.#disposed) this.#ensureWorker();
  }

  /** Number of calls awaiting a result. */
  get busy(): number {
    return this.#pending.size;
  }

  call<K extends keyof M & string>(
    method: K,
    params: M[K]['params'],
    options: CallOptions<M[K]['progress']> = {},
  ): Promise<M[K]['result']> {
    if (this.#disposed) return Promise.reject(new RpcError('This worker client was disposed', 'disposed'));
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    const envelope: RequestEnvelope<M, K> = { v: PROTOCOL_VERSION, id, method, params };
    return new Promise<M[K]['result']>((resolve, reject) => {
      this.#pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress: options.onProgress as ((p: unknown) => void) | undefined,
      });
      try {
        worker.postMessage(envelope, options.transfer ?? []);
      } catch (err) {
        this.#pending.delete(id);
        reject(err);
      }
    });
  }

  /** Stops all work: terminates the worker and rejects every pending call with CancelledError. */
  cancel(reason = 'Cancelled'): void {
    this.#teardown(new CancelledError(reason));
  }

  dispose(): void {
    this.#teardown(new CancelledError('Disposed'));
    this.#disposed = true;
  }

  #teardown(error: Error): void {
    const worker = this.#worker;
    this.#worker = null;
    worker?.terminate();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(error);
  }

  #ensureWorker(): WorkerLike {
    if (this.#worker) return this.#worker;
    const worker = this.spawn();
    worker.addEventListener('message', (ev: MessageEvent) => {
      if (worker !== this.#worker) return;
      this.#onMessage(ev.data);
    });
    worker.addEventListener('error', (ev: Event) => {
      if (worker !== this.#worker) return;
      const detail = (ev as Partial<ErrorEvent>).message;
      const message = detail ? `The worker crashed: ${detail}` : 'The worker failed to start or crashed';
      this.#teardown(new RpcError(message, 'worker-crashed'));
    });
    worker.addEventListener('messageerror', () => {
      if (worker !== this.#worker) return;
      this.#rejectAll(new RpcError('A message from the worker could not be read', 'bad-message'));
    });
    this.#worker = worker;
    return worker;
  }

  #rejectAll(error: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(error);
  }

  #onMessage(data: unknown): void {
    if (!isResponseEnvelope(data)) {
      // A malformed message is a bug in the worker: fail loudly rather than guess.
      this.#rejectAll(new RpcError('The worker sent a malformed message', 'bad-message'));
      return;
    }
    const pending = this.#pending.get(data.id);
    if (!pending) return; // a late reply to a call that was already settled
    switch (data.type) {
      case 'progress':
        pending.onProgress?.(data.progress);
        return;
      case 'result':
        this.#pending.delete(data.id);
        pending.resolve(data.result);
        return;
      case 'error':
        this.#pending.delete(data.id);
        pending.reject(new RpcError(data.error.message, data.error.code));
        return;
    }
  }
}
