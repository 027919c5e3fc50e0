import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

import { StartupError } from '../startup-error.ts';
import { lockDataDir } from './data-dir.ts';
import * as schema from './schema.ts';

/**
 * The only module that knows whether the database is the embedded PGlite or PostgreSQL through
 * postgres.js. Everything else receives a `Database` (drizzle) and writes portable queries.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseKind;
  /** Applies the committed migrations; safe when several instances start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export { schema };

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
const PGLITE_SUBDIRECTORY = 'pglite';
const POSTGRES_POOL_SIZE_MAX = 10;
const POSTGRES_CONNECT_TIMEOUT_S = 10;
const POSTGRES_IDLE_TIMEOUT_S = 30;
/** Arbitrary constant naming the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_ID = 7_310_224_901;

export async function openDatabase(options: { dataDir: string; databaseUrl: string | undefined }): Promise<DatabaseHandle> {
  if (options.databaseUrl !== undefined) return openPostgresDatabase(options.databaseUrl);
  const releaseLock = lockDataDir(options.dataDir);
  try {
    const client = await PGlite.create({ dataDir: path.join(options.dataDir, PGLITE_SUBDIRECTORY) });
    return wrapPglite(client, releaseLock);
  } catch (error) {
    releaseLock();
    throw new StartupError(`The embedded database in ${options.dataDir} could not be opened: ${describe(error)}`);
  }
}

/** An in-memory PGlite, optionally from a dump (`dumpDataDir`) of an already migrated one: tests. */
export async function openMemoryDatabase(loadDataDir?: Blob | File): Promise<DatabaseHandle & { client: PGlite }> {
  const client = await PGlite.create(loadDataDir === undefined ? {} : { loadDataDir });
  return { ...wrapPglite(client, () => {}), client };
}

function wrapPglite(client: PGlite, release: () => void): DatabaseHandle {
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

export async function openPostgresDatabase(databaseUrl: string): Promise<DatabaseHandle & { sql: postgres.Sql }> {
  const sql = postgres(databaseUrl, {
    max: POSTGRES_POOL_SIZE_MAX,
    connect_timeout: POSTGRES_CONNECT_TIMEOUT_S,
    idle_timeout: POSTGRES_IDLE_TIMEOUT_S,
    onnotice: () => {},
    // Short queries over many partitions look costly to the planner, which would JIT-compile
    // them: compiling takes seconds, running them milliseconds.
    connection: { jit: 'off' },
  });
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw new StartupError(`Cannot connect to PostgreSQL at ${describeUrl(databaseUrl)}: ${describe(error)}. Check DATABASE_URL.`);
  }
  const db = drizzlePostgres({ client: sql, schema });
  return {
    db,
    kind: 'postgres',
    sql,
    async migrate() {
      // Instances starting together on one PostgreSQL take turns; the advisory lock is held by a
      // reserved connection while drizzle migrates through the pool.
      const lockConnection = await sql.reserve();
      try {
        await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
        lockConnection.release();
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return 'code' in error && typeof error.code === 'string' ? `${error.code} ${error.message}` : error.message;
  return String(error);
}

/** host:port/database only: the password never reaches a log line. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

/**
 * Rows of a raw SQL query. The two drivers answer `execute` differently (PGlite: `{ rows }`,
 * postgres.js: an array), and only this module may know that.
 */
export async function selectRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}
