import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';

import type { Database } from '../../db/index.ts';
import { forwardTargets, statements } from '../../db/schema.ts';
import type { OutboxItem } from '../../outbox/outbox.ts';

export const FORWARD_TOPIC = 'xapi.forward';
/** Statements per POST to an external LRS. */
export const FORWARD_BATCH_SIZE = 100;
/** How long one outbox run keeps sending before it yields (the rest goes in the next run). */
export const FORWARD_RUN_TIME_MAX_MS = 20_000;
const FORWARD_TIMEOUT_MS = 15_000;
const FORWARD_VERSION_HEADER = '2.0.0';

export type ForwardTarget = typeof forwardTargets.$inferSelect;

/**
 * After statements are stored, wakes every enabled target (in the storing transaction): one
 * outbox item per target, which sends everything after the target's cursor. An item waiting
 * (or backing off after a failure) is left alone, without taking its row lock, so concurrent
 * writers do not queue behind one another here. An item being sent right now is marked to run
 * again (its attempts reset, so the running send cannot mark it done): the statements of this
 * transaction may be past what that send can see.
 */
export async function wakeForwardTargets(db: Database): Promise<void> {
  await db.execute(forwardingWake());
}

/** The wake as one SQL statement, to run inside the statement that stores (see insertStatements). */
export function forwardingWake(): SQL {
  return sql`insert into outbox (topic, key, payload)
    select ${FORWARD_TOPIC}, t.id::text, jsonb_build_object('targetId', t.id) from forward_targets t
    where t.is_enabled and not exists (
      select 1 from outbox o where o.topic = ${FORWARD_TOPIC} and o.key = t.id::text and o.status = 'pending' and o.locked_until is null)
    on conflict (topic, key) do update set status = 'pending', attempts = 0, run_after = now(), last_error = null, updated_at = now()
    where outbox.status = 'done' or (outbox.status = 'pending' and outbox.locked_until is not null)`;
}

function targetFilter(target: ForwardTarget): SQL[] {
  const conditions: SQL[] = [
    sql`(${statements.txid}, ${statements.seq}) > (${target.forwardedThroughTxid}, ${target.forwardedThroughSeq})`,
    // Only what no running transaction can still add to: anything stored later gets a higher txid.
    sql`${statements.txid} < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
  ];
  if (target.organisationId !== null) conditions.push(eq(statements.organisationId, target.organisationId));
  if (target.verbIds.length > 0) conditions.push(inArray(statements.verbId, target.verbIds));
  return conditions;
}

/**
 * Outbox handler: sends the target's statements in storage order (of the storing transactions,
 * then of seq), in batches, and advances its cursor after each accepted batch, so a target that
 * was down catches up in order and a statement whose transaction commits late is not skipped.
 * Re-sending is harmless: an LRS accepts a statement it already has with the same id (xAPI Data
 * §2.3). Statements of transactions still running are left for the next run.
 */
export async function forwardStatements(db: Database, item: OutboxItem, fetchFunction: typeof fetch = globalThis.fetch): Promise<void> {
  const { targetId } = item.payload as { targetId: string };
  const [target] = await db.select().from(forwardTargets).where(eq(forwardTargets.id, targetId)).limit(1);
  if (target === undefined || !target.isEnabled) return;
  let cursor = { forwardedThroughTxid: target.forwardedThroughTxid, forwardedThroughSeq: target.forwardedThroughSeq };
  const deadline = Date.now() + FORWARD_RUN_TIME_MAX_MS;
  while (Date.now() < deadline) {
    const rows = await db
      .select({ txid: statements.txid, seq: statements.seq, statement: statements.statement })
      .from(statements)
      .where(and(...targetFilter({ ...target, ...cursor })))
      .orderBy(asc(statements.txid), asc(statements.seq))
      .limit(FORWARD_BATCH_SIZE);
    const last = rows.at(-1);
    if (last === undefined) return;
    await postBatch(target, rows.map((row) => row.statement), fetchFunction);
    cursor = { forwardedThroughTxid: Number(last.txid), forwardedThroughSeq: Number(last.seq) };
    await db.update(forwardTargets).set({ ...cursor, lastError: null }).where(eq(forwardTargets.id, target.id));
  }
  // Still catching up when the time was up: the retry continues from the cursor.
  throw new Error(`${target.name}: still catching up after ${FORWARD_RUN_TIME_MAX_MS / 1000} s`);
}

async function postBatch(target: ForwardTarget, batch: unknown[], fetchFunction: typeof fetch): Promise<void> {
  const endpoint = `${target.endpoint.replace(/\/+$/, '')}/statements`;
  let response: Response;
  try {
    response = await fetchFunction(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-experience-api-version': FORWARD_VERSION_HEADER,
        authorization: `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`,
      },
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`${target.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) {
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    throw new Error(`${target.name} answered ${response.status}: ${detail}`);
  }
}

export const forwardTargetColumns = {
  id: forwardTargets.id,
  name: forwardTargets.name,
  endpoint: forwardTargets.endpoint,
  username: forwardTargets.username,
  organisationId: forwardTargets.organisationId,
  verbIds: forwardTargets.verbIds,
  isEnabled: forwardTargets.isEnabled,
  forwardedThroughTxid: forwardTargets.forwardedThroughTxid,
  forwardedThroughSeq: forwardTargets.forwardedThroughSeq,
  lastError: forwardTargets.lastError,
  createdAt: forwardTargets.createdAt,
};

