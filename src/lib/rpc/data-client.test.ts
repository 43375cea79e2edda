import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataService } from './data-client';
import type { WorkerLike } from './client';
import { PROTOCOL_VERSION } from '../../../workers/protocol';

interface Envelope {
  id: number;
  method: string;
}

/** A scripted worker: records the calls posted to it; the test answers them. */
class FakeWorker implements WorkerLike {
  posted: Envelope[] = [];
  terminated = false;
  #listeners: ((ev: never) => void)[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message as Envelope);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (ev: never) => void): void {
    if (type === 'message') this.#listeners.push(listener);
  }
  reply(method: string, result: unknown): void {
    const call = this.posted.find((m) => m.method === method);
    if (!call) throw new Error(`no ${method} call`);
    for (const l of this.#listeners) l({ data: { v: PROTOCOL_VERSION, id: call.id, type: 'result', result } } as never);
  }
  methods(): string[] {
    return this.posted.map((m) => m.method);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const service = new DataService(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { service, workers };
}

const SOURCE = { source: { kind: 'url', url: '/datasets/sample.csv', name: 'sample.csv' } } as const;

afterEach(() => {
  vi.useRealTimers();
});

describe('DataService: the spare worker for the next load', () => {
  it('is started after a load, once the current worker is idle, and warmed up', async () => {
    vi.useFakeTimers();
    const { service, workers } = setup();
    const loaded = service.load(SOURCE);
    workers[0].reply('load', { nRows: 1 });
    await loaded;
    // the cells ask the current worker something that takes a while
    const stats = service.call('eda.overview', { filter: { selections: [] } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(workers.length).toBe(1); // no spare while the current worker computes
    workers[0].reply('eda.overview', {});
    await stats;
    await vi.advanceTimersByTimeAsync(300);
    expect(workers.length).toBe(2);
    expect(workers[1].methods()).toEqual(['warmUp']);
    // the next load uses it
    const next = service.load(SOURCE);
    expect(workers.length).toBe(2);
    expect(workers[1].methods()).toEqual(['warmUp', 'load']);
    workers[1].reply('load', { nRows: 2 });
    await next;
    expect(workers[0].terminated).toBe(true);
    service.dispose();
  });

  it('is not started after the service is disposed', async () => {
    vi.useFakeTimers();
    const { service, workers } = setup();
    const loaded = service.load(SOURCE);
    workers[0].reply('load', { nRows: 1 });
    await loaded;
    service.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(workers.length).toBe(1);
  });
});
