/**
 * A tiny key → record store. Every write is one `put` in one IndexedDB transaction: it commits
 * whole or not at all, so a failed write (e.g. `QuotaExceededError`) leaves the previous record
 * under that key exactly as it was.
 *
 * Values go to IndexedDB as they are (structured clone): a Blob or an ArrayBuffer is never turned
 * into text on the main thread. The connection is opened per operation and closed right after,
 * so "Delete all local data" is never blocked by this tab.
 */

export interface RecordStore {
  /** The value under `key`, or undefined. */
  get(key: string): Promise<unknown>;
  /** Replaces the value under `key` atomically; on failure the previous value stays. */
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

const STORE = 'records';
const DB_VERSION = 1;

export class IdbRecordStore implements RecordStore {
  constructor(
    readonly dbName: string,
    private readonly factory: () => IDBFactory | undefined = () => (typeof indexedDB === 'undefined' ? undefined : indexedDB),
  ) {}

  #open(): Promise<IDBDatabase> {
    const idb = this.factory();
    if (!idb) return Promise.reject(new Error('IndexedDB is not available in this browser (private mode?)'));
    return new Promise((resolve, reject) => {
      const req = idb.open(this.dbName, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab deleting or upgrading the database: let it.
        db.onversionchange = () => db.close();
        resolve(db);
      };
      req.onerror = () => reject(req.error ?? new Error(`Could not open IndexedDB "${this.dbName}"`));
      req.onblocked = () => reject(new Error(`IndexedDB "${this.dbName}" is blocked by another tab`));
    });
  }

  async #run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.#open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        let result: T;
        let failed: unknown = null;
        tx.oncomplete = () => resolve(result);
        // A quota failure usually arrives here: the transaction aborted, nothing was written.
        tx.onabort = tx.onerror = () => reject(failed ?? tx.error ?? new Error('IndexedDB transaction failed'));
        try {
          const req = op(tx.objectStore(STORE));
          req.onsuccess = () => (result = req.result);
        } catch (err) {
          // `put` can also throw at once (DataCloneError, or a quota error): abort so nothing
          // of this transaction commits, and report that error rather than the abort.
          failed = err;
          try {
            tx.abort();
          } catch {
            reject(err);
          }
        }
      });
    } finally {
      db.close();
    }
  }

  get(key: string): Promise<unknown> {
    return this.#run('readonly', (s) => s.get(key));
  }

  async put(key: string, value: unknown): Promise<void> {
    await this.#run('readwrite', (s) => s.put(value, key));
  }

  async delete(key: string): Promise<void> {
    await this.#run('readwrite', (s) => s.delete(key));
  }
}
