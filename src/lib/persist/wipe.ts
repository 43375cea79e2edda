/**
 * "Delete all local data": this app's IndexedDB databases, the caches its service worker made,
 * and that service worker's registration (so the next visit installs a fresh offline copy —
 * a worker whose precache is gone would otherwise serve nothing offline until the next deploy).
 * Other apps on the same origin (GitHub Pages: one origin per user) are never touched: names
 * and the scope decide (names.ts).
 *
 * The browser is reached through `WipeEnv`, so the choice of what to delete is unit-tested.
 */
import { SESSION_DB_NAME, isAppCache, isAppDatabase } from './names';
import { MODEL_DB_NAME } from '../ml/model-store';

export type DeleteOutcome = 'deleted' | 'blocked' | 'failed';

export interface WipeEnv {
  /** Every database name on the origin, or null when the browser cannot list them. */
  listDatabases(): Promise<string[] | null>;
  deleteDatabase(name: string): Promise<DeleteOutcome>;
  /** Cache Storage names, or null when there is no Cache Storage. */
  cacheNames(): Promise<string[] | null>;
  deleteCache(name: string): Promise<boolean>;
  /** This app's service-worker scope (absolute URL). */
  readonly scope: string;
  /** Unregisters the registration whose scope is exactly `scope`; false when there is none. */
  unregister(scope: string): Promise<boolean>;
}

export interface WipeReport {
  readonly databases: readonly string[];
  readonly blocked: readonly string[];
  readonly failed: readonly string[];
  readonly caches: readonly string[];
  readonly serviceWorker: boolean;
}

/** Databases this app is known to create, for browsers without `indexedDB.databases()`. */
export const KNOWN_DATABASES: readonly string[] = [SESSION_DB_NAME, MODEL_DB_NAME];

export async function wipeLocalData(env: WipeEnv): Promise<WipeReport> {
  const listed = await env.listDatabases().catch(() => null);
  const names = (listed ?? [...KNOWN_DATABASES]).filter(isAppDatabase);
  const databases: string[] = [];
  const blocked: string[] = [];
  const failed: string[] = [];
  for (const name of [...new Set(names)].sort()) {
    const outcome = await env.deleteDatabase(name).catch((): DeleteOutcome => 'failed');
    if (outcome === 'deleted') databases.push(name);
    else if (outcome === 'blocked') blocked.push(name);
    else failed.push(name);
  }
  const caches: string[] = [];
  for (const name of ((await env.cacheNames().catch(() => null)) ?? []).filter((n) => isAppCache(n, env.scope)).sort()) {
    if (await env.deleteCache(name).catch(() => false)) caches.push(name);
  }
  const serviceWorker = await env.unregister(env.scope).catch(() => false);
  return { databases, blocked, failed, caches, serviceWorker };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What was removed, in words. */
export function wipeSummary(r: WipeReport): string {
  const parts: string[] = [];
  if (r.databases.length > 0) parts.push(`${plural(r.databases.length, 'database', 'databases')} (${r.databases.join(', ')})`);
  if (r.caches.length > 0) parts.push(`${plural(r.caches.length, 'cache', 'caches')} of the offline copy`);
  if (r.serviceWorker) parts.push('the offline service worker (it is installed again on your next visit)');
  let text = parts.length > 0 ? `Deleted ${parts.join(', ')}.` : 'There was nothing of this app stored in this browser.';
  if (r.blocked.length > 0) text += ` Still open in another tab, deleted once it closes: ${r.blocked.join(', ')}.`;
  if (r.failed.length > 0) text += ` Could not delete: ${r.failed.join(', ')}.`;
  return `${text} Nothing else on this site was touched.`;
}

/** Waits for a delete request; `blocked` when another tab keeps it open for `blockedMs`. */
function deleteDb(idb: IDBFactory, name: string, blockedMs: number): Promise<DeleteOutcome> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const req = idb.deleteDatabase(name);
    req.onsuccess = () => {
      clearTimeout(timer);
      resolve('deleted');
    };
    req.onerror = () => {
      clearTimeout(timer);
      resolve('failed');
    };
    req.onblocked = () => {
      timer ??= setTimeout(() => resolve('blocked'), blockedMs);
    };
  });
}

/** This app's service-worker scope: the base URL it is served from. */
export function appScope(): string {
  return new URL(import.meta.env.BASE_URL, location.href).href;
}

/** The real browser. */
export function browserWipeEnv(scope: string = appScope()): WipeEnv {
  return {
    scope,
    async listDatabases() {
      if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
      const dbs = await indexedDB.databases();
      return dbs.map((d) => d.name).filter((n): n is string => typeof n === 'string');
    },
    async deleteDatabase(name) {
      if (typeof indexedDB === 'undefined') return 'failed';
      return deleteDb(indexedDB, name, 3000);
    },
    async cacheNames() {
      if (typeof caches === 'undefined') return null;
      return caches.keys();
    },
    deleteCache(name) {
      return caches.delete(name);
    },
    async unregister(s) {
      if (!('serviceWorker' in navigator)) return false;
      // getRegistration(url) may answer a registration of a *parent* scope (another app on the
      // origin): only ours, with exactly our scope, is unregistered.
      const reg = await navigator.serviceWorker.getRegistration(s);
      if (!reg || reg.scope !== s) return false;
      return reg.unregister();
    },
  };
}
