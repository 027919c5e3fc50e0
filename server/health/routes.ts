import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';

import { AppError } from '../errors.ts';

const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
});

/** `GET /healthz` (public contract): 200 once migrations ran and the app serves. */
export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: HealthResponse } }, config: { rateLimit: false } },
    async (_request, reply) => {
      try {
        await app.db.execute(sql`select 1`);
      } catch {
        throw new AppError('unavailable', 'The database is not reachable.');
      }
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const, database: app.databaseKind };
    },
  );
}
