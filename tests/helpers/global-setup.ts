import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { openMemoryDatabase } from '../../server/db/index.ts';
import { createPostgresTemplate, dropPostgresDatabase } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplateName: string | undefined;
  }
}

/**
 * Once per run: migrate one PGlite and dump it, so every test file gets a migrated database in
 * a fraction of a second (loadDataDir); with TEST_DATABASE_URL, also a migrated PostgreSQL
 * template database that each test file copies (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eacademy-test-'));
  const templatePath = path.join(directory, 'pglite-template.tar');
  const template = await openMemoryDatabase();
  await template.migrate();
  const dump = await template.client.dumpDataDir('none');
  fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await template.close();
  project.provide('pgliteTemplatePath', templatePath);

  const postgresUrl = process.env.TEST_DATABASE_URL;
  const postgresTemplateName = postgresUrl === undefined || postgresUrl === '' ? undefined : await createPostgresTemplate(postgresUrl);
  project.provide('postgresTemplateName', postgresTemplateName);

  return async () => {
    fs.rmSync(directory, { recursive: true, force: true });
    if (postgresUrl !== undefined && postgresTemplateName !== undefined) await dropPostgresDatabase(postgresUrl, postgresTemplateName);
  };
}
