import fs from 'node:fs';

import { inject } from 'vitest';

import { openMemoryDatabase, openPostgresDatabase, type DatabaseHandle, type DatabaseKind } from '../../server/db/index.ts';
import { createPostgresTestDatabase, databaseUrl, dropPostgresDatabase } from './postgres.ts';

/** Every database test runs on PGlite, and also on PostgreSQL when TEST_DATABASE_URL is set. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresTemplateName') === undefined ? ['pglite'] : ['pglite', 'postgres'];
}

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this test's own database (PostgreSQL only). */
  readonly url: string | undefined;
}

/** A migrated database of its own for one test file (or one test). Close it when done. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteTemplatePath'));
    const handle = await openMemoryDatabase(new Blob([dump]));
    return { ...handle, url: undefined };
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  const templateName = inject('postgresTemplateName');
  if (baseUrl === undefined || templateName === undefined) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  const name = await createPostgresTestDatabase(baseUrl, templateName);
  const url = databaseUrl(baseUrl, name);
  const handle = await openPostgresDatabase(url);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await dropPostgresDatabase(baseUrl, name);
    },
  };
}
