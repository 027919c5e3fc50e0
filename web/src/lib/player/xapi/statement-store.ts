import type { Statement } from './statement-types.ts';

// A tiny promise wrapper over IndexedDB for the one store the outbox needs (the `idb` package is
// not a dependency of the project). When IndexedDB is unavailable (some private modes, blocked
// storage in a frame) the statements are kept in memory for the life of the page instead.

const DATABASE_NAME = 'eacademy-player';
const DATABASE_VERSION = 1;
const STORE_NAME = 'statements';

export interface QueuedStatement {
  id: string;
  statement: Statement;
  queuedAt: number;
}

export interface StatementStore {
  put(items: QueuedStatement[]): Promise<void>;
  /** The oldest `limit` statements, in the order they were queued. */
  oldest(limit: number): Promise<QueuedStatement[]>;
  remove(ids: string[]): Promise<void>;
  count(): Promise<number>;
}

function requestToPromise<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDatabase(): Promise<IDBDatabase> {
  const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
  request.onupgradeneeded = () => {
    const store = request.result.createObjectStore(STORE_NAME, { keyPath: 'id' });
    store.createIndex('queuedAt', 'queuedAt');
  };
  return requestToPromise(request);
}

function createIndexedDbStore(database: IDBDatabase): StatementStore {
  return {
    async put(items) {
      const transaction = database.transaction(STORE_NAME, 'readwrite');
      const store = transaction.objectStore(STORE_NAME);
      for (const item of items) store.put(item);
      await transactionDone(transaction);
    },
    async oldest(limit) {
      const transaction = database.transaction(STORE_NAME, 'readonly');
      const index = transaction.objectStore(STORE_NAME).index('queuedAt');
      return requestToPromise(index.getAll(null, limit) as IDBRequest<QueuedStatement[]>);
    },
    async remove(ids) {
      const transaction = database.transaction(STORE_NAME, 'readwrite');
      const store = transaction.objectStore(STORE_NAME);
      for (const id of ids) store.delete(id);
      await transactionDone(transaction);
    },
    async count() {
      const transaction = database.transaction(STORE_NAME, 'readonly');
      return requestToPromise(transaction.objectStore(STORE_NAME).count());
    },
  };
}

export function createMemoryStore(): StatementStore {
  const items = new Map<string, QueuedStatement>();
  return {
    async put(list) {
      for (const item of list) items.set(item.id, item);
    },
    async oldest(limit) {
      return [...items.values()].sort((a, b) => a.queuedAt - b.queuedAt).slice(0, limit);
    },
    async remove(ids) {
      for (const id of ids) items.delete(id);
    },
    async count() {
      return items.size;
    },
  };
}

let storePromise: Promise<StatementStore> | undefined;

export function openStatementStore(): Promise<StatementStore> {
  storePromise ??= (typeof indexedDB === 'undefined' ? Promise.reject(new Error('no IndexedDB')) : openDatabase().then(createIndexedDbStore)).catch(() =>
    createMemoryStore(),
  );
  return storePromise;
}
