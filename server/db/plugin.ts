import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import type { Database, DatabaseHandle, DatabaseKind } from './index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    databaseKind: DatabaseKind;
  }
}

/** Exposes the database opened by the caller (main.ts or a test); the caller also closes it. */
async function databasePlugin(app: FastifyInstance, options: { handle: DatabaseHandle }): Promise<void> {
  app.decorate('db', options.handle.db);
  app.decorate('databaseKind', options.handle.kind);
}

export default fp(databasePlugin, { name: 'database' });
