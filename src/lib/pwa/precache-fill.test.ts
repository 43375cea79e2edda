import { describe, expect, it } from 'vitest';
import { fillCache, isFillReply, type FillEntry, type FillEnv } from './precache-fill';

/** An in-memory CacheStorage: enough of it for fillCache (deleting a cache orphans it, as browsers do). */
class FakeCaches {
  readonly stores = new Map<string, Map<string, Response>>();
  async open(name: string): Promise<Cache> {
    let store = this.stores.get(name);
    if (!store) {
      store = new Map();
      this.stores.set(name, store);
    }
    const s = store;
    return {
      match: async (key: RequestInfo | URL) => s.get(String(key)),
      put: async (key: RequestInfo | URL, res: Response) => void s.set(String(key), res),
    } as unknown as Cache;
  }
  async has(name: string): Promise<boolean> {
    return this.stores.has(name);
  }
  delete(name: string): boolean {
    return this.stores.delete(name);
  }
}

const entry = (name: string, revisioned = false): FillEntry => ({ url: `https://x.test/app/${name}`, cacheKey: `https://x.test/app/${name}${revisioned ? '?__WB_REVISION__=1' : ''}`, revisioned });

function env(caches: FakeCaches, respond: (url: string, init: RequestInit) => Response | Promise<Response>): FillEnv & { calls: Array<[string, RequestInit]> } {
  const calls: Array<[string, RequestInit]> = [];
  return {
    caches,
    calls,
    fetch: async (url, init) => {
      calls.push([url, init]);
      return respond(url, init);
    },
  };
}

describe('fillCache', () => {
  it('downloads only what is missing, under the Workbox cache keys, bypassing the HTTP cache for revisioned files', async () => {
    const caches = new FakeCaches();
    await (await caches.open('precache')).put(entry('index.html', true).cacheKey, new Response('shell'));
    const e = env(caches, (url) => new Response(url));
    const r = await fillCache('precache', [entry('index.html', true), entry('assets/a-1.js'), entry('datasets/s.csv', true)], e);
    expect(r).toEqual({ fetched: 2, failed: 0, stopped: false });
    expect(e.calls.map(([u, i]) => [u.replace('https://x.test/app/', ''), i.cache])).toEqual([
      ['assets/a-1.js', 'default'],
      ['datasets/s.csv', 'reload'],
    ]);
    expect([...caches.stores.get('precache')!.keys()]).toContain('https://x.test/app/datasets/s.csv?__WB_REVISION__=1');
    // A second pass has nothing to do.
    expect(await fillCache('precache', [entry('index.html', true), entry('assets/a-1.js')], e)).toEqual({ fetched: 0, failed: 0, stopped: false });
  });

  it('counts failures (offline, 404) without caching them, and goes on with the rest', async () => {
    const caches = new FakeCaches();
    const e = env(caches, (url) => {
      if (url.endsWith('gone.js')) return new Response('nope', { status: 404 });
      if (url.endsWith('offline.js')) throw new TypeError('Failed to fetch');
      return new Response('ok');
    });
    const r = await fillCache('precache', [entry('gone.js'), entry('offline.js'), entry('fine.js')], e);
    expect(r).toEqual({ fetched: 1, failed: 2, stopped: false });
    expect([...caches.stores.get('precache')!.keys()]).toEqual(['https://x.test/app/fine.js']);
  });

  it('stops, and does not bring the cache back, when it is deleted meanwhile', async () => {
    const caches = new FakeCaches();
    const e = env(caches, (url) => {
      // "Delete all local data" runs while the first file downloads.
      if (url.endsWith('first.js')) caches.delete('precache');
      return new Response('ok');
    });
    const r = await fillCache('precache', [entry('first.js'), entry('second.js'), entry('third.js')], e);
    expect(r.stopped).toBe(true);
    expect(await caches.has('precache')).toBe(false);
    expect(e.calls).toHaveLength(1);
  });
});

describe('isFillReply', () => {
  it('accepts only a well-formed reply', () => {
    expect(isFillReply({ type: 'PRECACHE_DONE', result: { fetched: 1, failed: 0, stopped: false } })).toBe(true);
    expect(isFillReply({ type: 'PRECACHE_DONE', result: { fetched: '1', failed: 0, stopped: false } })).toBe(false);
    expect(isFillReply({ type: 'OTHER', result: { fetched: 1, failed: 0, stopped: false } })).toBe(false);
    expect(isFillReply(null)).toBe(false);
  });
});
