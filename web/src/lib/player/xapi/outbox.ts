import type { Statement } from './statement-types.ts';
import type { QueuedStatement, StatementStore } from './statement-store.ts';

// Statements go to the IndexedDB outbox first and are sent from there: a learner on a dropped
// connection loses nothing. Statement ids are made in the browser, so sending a batch again after
// an unclear failure is safe (the LRS keeps one statement per id).

/** Statements per POST; the LRS accepts larger batches, small ones keep a retry cheap. */
export const FLUSH_BATCH_SIZE_MAX = 50;
/** Batches per flush, so one flush ends even if statements keep arriving. */
export const FLUSH_BATCHES_MAX = 20;
export const XAPI_VERSION = '2.0.0';
export const STATEMENTS_PATH = '/xapi/statements';

export type FlushOutcome =
  /** Everything queued was stored by the LRS. */
  | 'sent'
  /** No network: try again when the browser is back online. */
  | 'offline'
  /** The LRS answered but did not store them (not there yet, busy, session expired…): kept. */
  | 'kept';

export interface FlushDependencies {
  store: StatementStore;
  /** The launch session token; without one nothing can be sent and everything is kept. */
  token: string | undefined;
  fetch: typeof fetch;
}

export async function enqueueStatements(store: StatementStore, statements: Statement[], now = Date.now()): Promise<void> {
  // Distinct queuedAt values keep the order of a batch queued in the same millisecond.
  const items: QueuedStatement[] = statements.map((statement, index) => ({ id: statement.id, statement, queuedAt: now + index / 1000 }));
  await store.put(items);
}

/**
 * Sends what is queued, oldest first, in batches. A batch is removed only after a 2xx answer;
 * anything else (404 while the LRS is not deployed, 401, 5xx, a network error) keeps it queued.
 */
export async function flushOutbox({ store, token, fetch }: FlushDependencies): Promise<FlushOutcome> {
  for (let batchNumber = 0; batchNumber < FLUSH_BATCHES_MAX; batchNumber += 1) {
    const batch = await store.oldest(FLUSH_BATCH_SIZE_MAX);
    if (batch.length === 0) return 'sent';
    if (token === undefined) return 'kept';
    let response: Response;
    try {
      response = await fetch(STATEMENTS_PATH, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-experience-api-version': XAPI_VERSION },
        body: JSON.stringify(batch.map((item) => item.statement)),
        keepalive: true,
      });
    } catch {
      return 'offline';
    }
    if (!response.ok) return 'kept';
    await store.remove(batch.map((item) => item.id));
  }
  return (await store.count()) === 0 ? 'sent' : 'kept';
}
