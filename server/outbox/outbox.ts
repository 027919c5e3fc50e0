import { and, asc, eq, inArray, lte, or, isNull, lt, sql } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { outbox } from '../db/schema.ts';

/** Attempts before an item is parked as 'dead' for an administrator to look at. */
export const OUTBOX_ATTEMPTS_MAX = 12;
/** First retry delay; doubled per attempt up to the ceiling below (1 min, 2 min, … 6 h). */
export const OUTBOX_BACKOFF_BASE_MS = 60_000;
export const OUTBOX_BACKOFF_MAX_MS = 6 * 60 * 60 * 1000;
/** A claimed item is invisible to other workers this long; a crashed worker's items come back after it. */
export const OUTBOX_CLAIM_LEASE_MS = 5 * 60 * 1000;
export const OUTBOX_CLAIM_BATCH_MAX = 100;
export const OUTBOX_ERROR_CHARS_MAX = 2000;

export type OutboxItem = typeof outbox.$inferSelect;

/**
 * Adds work for another system, in the caller's transaction so it exists exactly when its
 * cause was committed. Idempotent by (topic, key): the same key again replaces the payload of
 * a pending item (a later, better score supersedes an unsent one) and revives a done one.
 */
export async function enqueueOutbox(db: Database, item: { topic: string; key: string; payload: unknown; runAfter?: Date }): Promise<void> {
  const now = new Date();
  await db
    .insert(outbox)
    .values({ topic: item.topic, key: item.key, payload: item.payload, runAfter: item.runAfter ?? now })
    .onConflictDoUpdate({
      target: [outbox.topic, outbox.key],
      set: { payload: item.payload, status: 'pending', attempts: 0, runAfter: item.runAfter ?? now, lastError: null, updatedAt: now },
    });
}

/**
 * Claims due items of the given topics, oldest first, for one worker: `FOR UPDATE SKIP LOCKED`
 * lets any number of instances claim concurrently without taking the same item twice.
 */
export async function claimOutboxItems(db: Database, topics: readonly string[], limit: number, now = new Date()): Promise<OutboxItem[]> {
  const batch = Math.min(limit, OUTBOX_CLAIM_BATCH_MAX);
  return db.transaction(async (transaction) => {
    const due = await transaction
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, 'pending'),
          inArray(outbox.topic, [...topics]),
          lte(outbox.runAfter, now),
          or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(batch)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return transaction
      .update(outbox)
      .set({ lockedUntil: new Date(now.getTime() + OUTBOX_CLAIM_LEASE_MS), attempts: sql`${outbox.attempts} + 1`, updatedAt: now })
      .where(inArray(outbox.id, due.map((row) => row.id)))
      .returning();
  });
}

export async function completeOutboxItem(db: Database, item: OutboxItem): Promise<void> {
  const done = await db
    .update(outbox)
    .set({ status: 'done', lockedUntil: null, lastError: null, updatedAt: new Date() })
    .where(and(eq(outbox.id, item.id), eq(outbox.attempts, item.attempts)))
    .returning({ id: outbox.id });
  // Woken again while it ran (its attempts were reset): free it for the next round at once.
  if (done.length === 0) await db.update(outbox).set({ lockedUntil: null }).where(and(eq(outbox.id, item.id), eq(outbox.status, 'pending')));
}

/** Schedules a retry with exponential backoff, or parks the item as dead after the last attempt. */
export async function failOutboxItem(db: Database, item: OutboxItem, error: unknown, now = new Date()): Promise<'retry' | 'dead'> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, OUTBOX_ERROR_CHARS_MAX);
  const isDead = item.attempts >= OUTBOX_ATTEMPTS_MAX;
  const delayMs = Math.min(OUTBOX_BACKOFF_BASE_MS * 2 ** Math.max(0, item.attempts - 1), OUTBOX_BACKOFF_MAX_MS);
  await db
    .update(outbox)
    .set({
      status: isDead ? 'dead' : 'pending',
      lockedUntil: null,
      lastError: message,
      runAfter: new Date(now.getTime() + delayMs),
      updatedAt: now,
    })
    .where(and(eq(outbox.id, item.id), eq(outbox.attempts, item.attempts)));
  return isDead ? 'dead' : 'retry';
}

/** An administrator sends a dead (or waiting) item again now. */
export async function retryOutboxItem(db: Database, id: number): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, runAfter: new Date(), lockedUntil: null, updatedAt: new Date() })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ['dead', 'pending'])))
    .returning({ id: outbox.id });
  return rows.length === 1;
}
