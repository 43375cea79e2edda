/**
 * Completes the offline copy in the background (src/sw.ts). The first install of the service
 * worker caches only the app shell, so it activates within a moment and the page can reload
 * into cross-origin isolation before it has even opened its notebook; the rest of the build
 * (~17 MB: workers, Plotly, the .wasm binaries, the sample) is fetched here, after activation.
 *
 * Written against a small environment (CacheStorage and fetch) so it is unit-tested in Node.
 */

export interface FillEntry {
  /** Absolute URL to fetch. */
  readonly url: string;
  /** The key Workbox looks the entry up by (the URL, with `__WB_REVISION__` when revisioned). */
  readonly cacheKey: string;
  /** Revisioned files bypass the HTTP cache, as Workbox's own install does. */
  readonly revisioned: boolean;
}

export interface FillEnv {
  readonly caches: Pick<CacheStorage, 'open' | 'has'>;
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Makes a cacheable copy of a redirected response (Workbox's `copyResponse`). */
  copy?(response: Response): Promise<Response>;
}

export interface FillResult {
  /** Entries downloaded by this pass. */
  readonly fetched: number;
  /** Entries that could not be downloaded (offline, 404): the copy is not complete. */
  readonly failed: number;
  /** The cache was deleted meanwhile ("Delete all local data"): the pass stopped. */
  readonly stopped: boolean;
}

/**
 * Caches every entry not cached yet, one at a time (as Workbox does, not to starve the page).
 * The cache is opened once and checked before every download: when someone deletes it
 * meanwhile, the pass stops instead of bringing it back — a `caches.open` per entry would
 * re-create a cache the user has just deleted.
 */
export async function fillCache(cacheName: string, entries: readonly FillEntry[], env: FillEnv): Promise<FillResult> {
  const cache = await env.caches.open(cacheName);
  let fetched = 0;
  let failed = 0;
  for (const entry of entries) {
    if (!(await env.caches.has(cacheName))) return { fetched, failed, stopped: true };
    if (await cache.match(entry.cacheKey)) continue;
    try {
      let response = await env.fetch(entry.url, { cache: entry.revisioned ? 'reload' : 'default', credentials: 'same-origin' });
      if (!response.ok) {
        failed++;
        continue;
      }
      if (response.redirected && env.copy) response = await env.copy(response);
      await cache.put(entry.cacheKey, response);
      fetched++;
    } catch {
      failed++;
    }
  }
  return { fetched, failed, stopped: false };
}

/** Messages between the page and the service worker about the offline copy. */
export const FILL_REQUEST = 'PRECACHE_REST';
export interface FillReply {
  readonly type: 'PRECACHE_DONE';
  readonly result: FillResult;
}

export function isFillReply(x: unknown): x is FillReply {
  if (typeof x !== 'object' || x === null) return false;
  const r = (x as { type?: unknown; result?: unknown }).result as Partial<FillResult> | undefined;
  return (x as { type?: unknown }).type === 'PRECACHE_DONE' && typeof r?.fetched === 'number' && typeof r.failed === 'number' && typeof r.stopped === 'boolean';
}
