import { sql } from 'drizzle-orm';

import { selectRows, type Database } from '../../db/index.ts';

/**
 * Monthly partitions of `statements` (migrations/0001). Statements are stored with `stored` =
 * now, so the partitions of this month and the next few must exist ahead of time; rows that
 * land in `statements_default` (a clock far off, a partition not yet made) are moved into their
 * month's partition when it is created. Safe when several instances run it at once: they take
 * turns on an advisory lock.
 */
export const PARTITION_MONTHS_AHEAD = 2;
/** How often a running instance checks the partitions ahead (well under a month). */
export const PARTITION_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** Arbitrary constant naming the advisory lock that serialises partition changes. */
const PARTITION_LOCK_ID = 7_310_224_902;

export function partitionName(month: Date): string {
  return `statements_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

function monthStart(at: Date, monthsLater = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + monthsLater, 1));
}

/** Creates the partitions from `at`'s month to PARTITION_MONTHS_AHEAD months later; returns those created. */
export async function ensureStatementPartitions(db: Database, at: Date = new Date()): Promise<string[]> {
  const months = Array.from({ length: PARTITION_MONTHS_AHEAD + 1 }, (_, index) => monthStart(at, index));
  const existing = new Set(
    (await selectRows<{ name: string }>(db, sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'statements'`)).map(
      (row) => row.name,
    ),
  );
  const missing = months.filter((month) => !existing.has(partitionName(month)));
  if (missing.length === 0) return [];
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK_ID})`);
    const created: string[] = [];
    for (const month of missing) if (await createPartition(transaction, month)) created.push(partitionName(month));
    return created;
  });
}

/** One month's partition, with what the default partition holds of that month moved into it. */
async function createPartition(db: Database, month: Date): Promise<boolean> {
  const name = partitionName(month);
  const [row] = await selectRows<{ isPresent: boolean }>(db, sql`select to_regclass(${name}) is not null as "isPresent"`);
  if (row?.isPresent === true) return false;
  const from = month.toISOString();
  const to = monthStart(month, 1).toISOString();
  const table = sql.identifier(name);
  await db.execute(sql`create table ${table} (like statements including defaults)`);
  await db.execute(sql`with moved as (delete from statements_default where stored >= ${from}::timestamptz and stored < ${to}::timestamptz returning *) insert into ${table} select * from moved`);
  await db.execute(sql`alter table statements attach partition ${table} for values from (${sql.raw(`'${from}'`)}) to (${sql.raw(`'${to}'`)})`);
  return true;
}
