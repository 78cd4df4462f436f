/**
 * Where autosave records live: IndexedDB (one object store, records keyed by roiStorageKey).
 * Every failure is a rejected promise with a message a user can act on; nothing is swallowed here.
 */
export interface RecordStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
}

const DB_NAME = 'hcc-response';
const STORE = 'rois';
const DB_VERSION = 1;

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export async function openIndexedDbStore(): Promise<RecordStore> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('IndexedDB is not available in this browser (private mode or blocked by a policy?)');
  const open = indexedDB.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this app holding an older version open'));
  });
  return {
    get: (key) => requestDone(db.transaction(STORE, 'readonly').objectStore(STORE).get(key)),
    put: (key, value) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).put(value, key);
        // Resolved on commit, not on the request: only then is the record on disk.
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write was aborted (storage quota full?)'));
      }),
  };
}
