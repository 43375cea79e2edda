/**
 * What this app calls its own storage. All GitHub Pages sites of one user share an origin
 * (DESIGN §6), so every IndexedDB database and every cache this app touches is recognised by
 * name, and nothing else is ever read or deleted.
 */

/** The prefix of every IndexedDB database of this app (`netflow-notebook/models`, `…/session`). */
export const APP_NAMESPACE = 'netflow-notebook';

/** The session: settings and, if the user opts in, the dataset file. */
export const SESSION_DB_NAME = `${APP_NAMESPACE}/session`;

/** The key under which the last model is autosaved in the model store (hidden from its list). */
export const SESSION_MODEL_KEY = '__session__';

/** Model names starting with this are the app's own (the user cannot save or see them). */
export const RESERVED_MODEL_PREFIX = '__';

export function isReservedModelKey(key: string): boolean {
  return key.startsWith(RESERVED_MODEL_PREFIX);
}

/** True for this app's IndexedDB databases: `netflow-notebook` or `netflow-notebook/…`. */
export function isAppDatabase(name: string): boolean {
  return name === APP_NAMESPACE || name.startsWith(`${APP_NAMESPACE}/`);
}

/**
 * True for a cache made by this app's service worker. Workbox names its caches
 * `workbox-<kind>-<registration scope>` (`workbox-precache-v2-https://u.github.io/repo/`), so the
 * scope — exactly ours, not a parent or a sibling path — tells whose cache it is.
 */
export function isAppCache(name: string, scope: string): boolean {
  return scope !== '' && name.startsWith('workbox-') && name.endsWith(`-${scope}`);
}
