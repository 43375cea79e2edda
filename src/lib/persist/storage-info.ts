/**
 * The browser's storage manager (`navigator.storage`): how much the origin uses, its quota, and
 * whether its storage is persistent (not evicted under storage pressure). The estimate covers
 * the whole origin — on GitHub Pages that includes the user's other sites — so it is shown as
 * "this site", not as "this app".
 */
export interface StorageEstimateInfo {
  readonly usage: number | null;
  readonly quota: number | null;
}

function manager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

export async function estimateStorage(): Promise<StorageEstimateInfo> {
  const m = manager();
  if (!m || typeof m.estimate !== 'function') return { usage: null, quota: null };
  try {
    const e = await m.estimate();
    return { usage: e.usage ?? null, quota: e.quota ?? null };
  } catch {
    return { usage: null, quota: null };
  }
}

/** Whether storage is already persistent (null: the browser cannot say). */
export async function isPersisted(): Promise<boolean | null> {
  const m = manager();
  if (!m || typeof m.persisted !== 'function') return null;
  try {
    return await m.persisted();
  } catch {
    return null;
  }
}

/** Asks for persistent storage (the browser may grant it silently, prompt, or refuse). */
export async function requestPersistence(): Promise<boolean | null> {
  const m = manager();
  if (!m || typeof m.persist !== 'function') return null;
  try {
    return await m.persist();
  } catch {
    return null;
  }
}
