import type { FastifyBaseLogger } from 'fastify';

import type { Database } from '../db/index.ts';
import { claimOutboxItems, completeOutboxItem, failOutboxItem, type OutboxItem } from './outbox.ts';

/** How often an idle worker looks for due items. */
export const OUTBOX_POLL_INTERVAL_MS = 2000;
/** Items one worker handles per round. */
export const OUTBOX_WORKER_BATCH = 20;

export type OutboxHandler = (item: OutboxItem) => Promise<void>;

/**
 * Runs one round: claims due items of the handled topics and runs each handler. A handler that
 * throws gets its item retried later; handlers must be idempotent (an item can run twice when
 * a worker dies after the other system accepted it but before `done` was written).
 */
export async function runOutboxRound(db: Database, handlers: ReadonlyMap<string, OutboxHandler>, log: FastifyBaseLogger): Promise<number> {
  const items = await claimOutboxItems(db, [...handlers.keys()], OUTBOX_WORKER_BATCH);
  for (const item of items) {
    const handler = handlers.get(item.topic);
    try {
      if (handler === undefined) throw new Error(`no handler for ${item.topic}`);
      await handler(item);
      await completeOutboxItem(db, item);
    } catch (error) {
      const outcome = await failOutboxItem(db, item, error);
      log[outcome === 'dead' ? 'error' : 'warn']({ outboxId: item.id, topic: item.topic, attempts: item.attempts, err: error }, `outbox item ${outcome}`);
    }
  }
  return items.length;
}

/** Polls until stopped; returns the stop function (awaits the round in progress). */
export function startOutboxWorker(db: Database, handlers: ReadonlyMap<string, OutboxHandler>, log: FastifyBaseLogger): () => Promise<void> {
  let isStopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (isStopped) return;
    current = runOutboxRound(db, handlers, log)
      .catch((error: unknown) => log.error({ err: error }, 'outbox round failed'))
      .then((count) => {
        if (!isStopped) timer = setTimeout(tick, typeof count === 'number' && count > 0 ? 0 : OUTBOX_POLL_INTERVAL_MS);
      });
  };
  timer = setTimeout(tick, 0);
  return async () => {
    isStopped = true;
    if (timer !== undefined) clearTimeout(timer);
    await current;
  };
}
