/// <reference lib="webworker" />
/**
 * The app's service worker, with two jobs (README "Offline, and multi-threaded training"):
 *
 * 1. The offline copy: Workbox precaches the whole build (code, styles, the tfjs .wasm binaries,
 *    Plotly, the sample); navigations get the precached index.html. A new deploy installs in full
 *    and then waits until the user accepts it (UpdatePrompt.svelte sends SKIP_WAITING), so a
 *    running page never loses the chunks it still has to load lazily.
 * 2. Cross-origin isolation: every response it serves carries COOP/COEP (isolation-headers.ts),
 *    which GitHub Pages cannot send, so a page loaded under this worker is `crossOriginIsolated`
 *    and tfjs can start its threaded WASM build.
 *
 * The very first install caches only the shell (index.html) and so activates at once: the page
 * that installed it can reload into isolation before it has opened its notebook, i.e. before
 * the user can have started anything (isolation.ts). The rest of the copy is fetched right
 * after (precache-fill.ts); until then a precached file missing from the cache comes from the
 * network, with the same headers.
 *
 * Built by vite-plugin-pwa (`injectManifest`), which writes the precache list into
 * `self.__WB_MANIFEST` and fails the build if a file would be left out for its size.
 */
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { copyResponse } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { withIsolationHeaders } from './lib/pwa/isolation-headers';
import { FILL_REQUEST, fillCache, type FillEntry, type FillReply, type FillResult } from './lib/pwa/precache-fill';

declare const self: ServiceWorkerGlobalScope;

/** Runs on every response a Workbox strategy hands back, from the cache or from the network. */
const isolate: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => withIsolationHeaders(response),
};

const manifest = self.__WB_MANIFEST;
const precache = new PrecacheController({ plugins: [isolate] });
precache.addToCacheList(manifest);

/** The app shell: what the first install caches before activating. */
const SHELL = new Set(['index.html'].map((u) => new URL(u, self.location.href).href));

const revisioned = new Set(manifest.filter((e) => typeof e !== 'string' && e.revision).map((e) => new URL(typeof e === 'string' ? e : e.url, self.location.href).href));
function entries(only?: Set<string>): FillEntry[] {
  return [...precache.getURLsToCacheKeys()].filter(([url]) => !only || only.has(url)).map(([url, cacheKey]) => ({ url, cacheKey, revisioned: revisioned.has(url) }));
}

const fillEnv = { caches: self.caches, fetch: (url: string, init: RequestInit) => self.fetch(url, init), copy: copyResponse };

/** One background pass at a time; pages asking meanwhile get the same result. */
let filling: Promise<FillResult> | null = null;
function completeCopy(): Promise<FillResult> {
  filling ??= fillCache(precache.strategy.cacheName, entries(), fillEnv).finally(() => (filling = null));
  return filling;
}

self.addEventListener('install', (event) => {
  // An update caches everything before it waits for the user; the first install only the shell.
  if (self.registration.active) void precache.install(event);
  else event.waitUntil(fillCache(precache.strategy.cacheName, entries(SHELL), fillEnv).then(() => undefined));
});

self.addEventListener('activate', (event) => {
  void precache.activate(event); // drops files the current build no longer has
  // Take the page that installed us, so it can reload into isolation (and its lazy chunks come
  // from here). An update activates only once the user accepted it; its pages reload anyway.
  event.waitUntil(self.clients.claim());
  // Not awaited: fetches wait until activation is over. Pages keep the pass alive (message below).
  void completeCopy();
});

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  if (type === FILL_REQUEST) {
    const port = event.ports[0];
    event.waitUntil(completeCopy().then((result) => port?.postMessage({ type: 'PRECACHE_DONE', result } satisfies FillReply)));
  }
});

cleanupOutdatedCaches();
registerRoute(new PrecacheRoute(precache));
// Every navigation inside the scope (`./?autorun=0`, `./?backend=wasm`) is the app shell.
registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('index.html')));
// Anything else of ours that is not precached still gets the headers: a worker script without
// COEP would be refused by an isolated page. Other origins are never fetched (CSP).
registerRoute(({ url }) => url.origin === self.location.origin, new NetworkOnly({ plugins: [isolate] }));
