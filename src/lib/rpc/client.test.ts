import { describe, expect, it } from 'vitest';
import { CancelledError, RpcClient, RpcError, type WorkerLike } from './client';
import { PROTOCOL_VERSION } from '../../../workers/protocol';

type Methods = {
  echo: { params: { text: string }; result: string; progress: number };
};

/** A scripted stand-in for a Worker: records posts, lets the test reply. */
class FakeWorker implements WorkerLike {
  posted: unknown[] = [];
  terminated = false;
  #listeners = new Map<string, ((ev: never) => void)[]>();
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (ev: never) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  emit(data: unknown): void {
    for (const l of this.#listeners.get('message') ?? []) l({ data } as never);
  }
  crash(): void {
    for (const l of this.#listeners.get('error') ?? []) l(new Event('error') as never);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new RpcClient<Methods>(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { client, workers };
}

describe('RpcClient', () => {
  it('sends a versioned envelope and resolves with the matching result', async () => {
    const { client, workers } = setup();
    const progress: number[] = [];
    const p = client.call('echo', { text: 'hi' }, { onProgress: (x) => progress.push(x) });
    expect(workers[0].posted[0]).toEqual({ v: PROTOCOL_VERSION, id: 1, method: 'echo', params: { text: 'hi' } });
    workers[0].emit({ v: PROTOCOL_VERSION, id: 1, type: 'progress', progress: 0.5 });
    workers[0].emit({ v: PROTOCOL_VERSION, id: 1, type: 'result', result: 'hi!' });
    await expect(p).resolves.toBe('hi!');
    expect(progress).toEqual([0.5]);
    expect(client.busy).toBe(0);
  });

  it('routes replies by id when calls overlap', async () => {
    const { client, workers } = setup();
    const a = client.call('echo', { text: 'a' });
    const b = client.call('echo', { text: 'b' });
    workers[0].emit({ v: PROTOCOL_VERSION, id: 2, type: 'result', result: 'B' });
    workers[0].emit({ v: PROTOCOL_VERSION, id: 1, type: 'error', error: { message: 'bad a', code: 'user' } });
    await expect(b).resolves.toBe('B');
    await expect(a).rejects.toEqual(new RpcError('bad a', 'user'));
  });

  it('rejects everything on a malformed message instead of guessing', async () => {
    const { client, workers } = setup();
    const a = client.call('echo', { text: 'a' });
    workers[0].emit({ id: 1, type: 'result', result: 'no version' });
    await expect(a).rejects.toMatchObject({ code: 'bad-message' });
  });

  it('cancel terminates the worker, rejects pending calls, and the next call gets a fresh worker', async () => {
    const { client, workers } = setup();
    const a = client.call('echo', { text: 'a' });
    client.cancel();
    await expect(a).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0].terminated).toBe(true);
    // a late message from the dead worker is ignored
    workers[0].emit({ v: PROTOCOL_VERSION, id: 1, type: 'result', result: 'late' });
    const b = client.call('echo', { text: 'b' });
    expect(workers).toHaveLength(2);
    workers[1].emit({ v: PROTOCOL_VERSION, id: 2, type: 'result', result: 'b' });
    await expect(b).resolves.toBe('b');
  });

  it('a crashing worker rejects its calls with a clear error', async () => {
    const { client, workers } = setup();
    const a = client.call('echo', { text: 'a' });
    workers[0].crash();
    await expect(a).rejects.toMatchObject({ code: 'worker-crashed' });
  });

  it('refuses calls after dispose', async () => {
    const { client } = setup();
    client.dispose();
    await expect(client.call('echo', { text: 'x' })).rejects.toMatchObject({ code: 'disposed' });
  });
});

describe('RpcClient.warm', () => {
  it('starts the worker before the first call, and the call reuses it', async () => {
    const { client, workers } = setup();
    client.warm();
    expect(workers).toHaveLength(1);
    const p = client.call('echo', { text: 'a' });
    expect(workers).toHaveLength(1);
    workers[0].emit({ v: PROTOCOL_VERSION, id: 1, type: 'result', result: 'a' });
    await expect(p).resolves.toBe('a');
  });
});
