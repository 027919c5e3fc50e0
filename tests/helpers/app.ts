import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { FastifyInstance } from 'fastify';

import { buildApp } from '../../server/app.ts';
import { readConfig, type Config } from '../../server/config.ts';
import type { DatabaseKind } from '../../server/db/index.ts';
import { ensureToolKeys } from '../../server/lti/tool-keys.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/**
 * The real app on a database of its own, set up as main.ts does (keys generated), for tests
 * through `app.inject` or, after `app.listen`, over real HTTP.
 */
export async function createTestApp(
  kind: DatabaseKind,
  environment: Record<string, string> = {},
  options: { webRoot?: string } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eacademy-app-'));
  const config = readConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...environment }, process.cwd());
  const database = await openTestDatabase(kind);
  await ensureToolKeys(database.db);
  const app = await buildApp(config, database, options.webRoot === undefined ? {} : { webRoot: options.webRoot });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
