import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

import type { Database } from './index.ts';

const dialect = new PgDialect();

/**
 * Rows of a raw SQL statement run as a prepared statement: PostgreSQL parses and plans it once
 * per connection instead of at every launch (planning the launch statements cost more than
 * running them). The statement text must not vary between calls, only its parameters.
 *
 * Through drizzle's session, as its query builders' `.prepare()` does; rows come back as arrays
 * from either driver and are named here by `columns`, in the order of the select list.
 */
export async function selectPreparedRows<Row extends Record<string, unknown>>(
  db: Database,
  name: string,
  columns: ReadonlyArray<keyof Row & string>,
  query: SQL,
): Promise<Row[]> {
  const nameColumns = (rows: unknown[][]) => rows.map((values) => Object.fromEntries(columns.map((column, index) => [column, values[index]])) as Row);
  const prepared = db._.session.prepareQuery<{ execute: Row[]; all: unknown; values: unknown }>(dialect.sqlToQuery(query), undefined, name, true, nameColumns);
  return prepared.execute();
}
