import { randomBytes } from 'node:crypto';

import postgres from 'postgres';

import { openPostgresDatabase } from '../../server/db/index.ts';

/** A URL for another database on the same server as `baseUrl`. */
export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.href;
}

function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

async function withAdminConnection<T>(baseUrl: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function createEmptyPostgresDatabase(baseUrl: string, prefix = 'eacademy_empty'): Promise<string> {
  const name = uniqueName(prefix);
  await withAdminConnection(baseUrl, (sql) => sql.unsafe(`create database "${name}"`));
  return name;
}

export async function createPostgresTemplate(baseUrl: string): Promise<string> {
  const name = await createEmptyPostgresDatabase(baseUrl, 'eacademy_template');
  const handle = await openPostgresDatabase(databaseUrl(baseUrl, name));
  await handle.migrate();
  await handle.close();
  return name;
}

/** A fresh, migrated database copied from the template; PostgreSQL copies it in milliseconds. */
export async function createPostgresTestDatabase(baseUrl: string, templateName: string): Promise<string> {
  const name = uniqueName('eacademy_test');
  await withAdminConnection(baseUrl, (sql) => sql.unsafe(`create database "${name}" template "${templateName}"`));
  return name;
}

export async function dropPostgresDatabase(baseUrl: string, name: string): Promise<void> {
  await withAdminConnection(baseUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}
