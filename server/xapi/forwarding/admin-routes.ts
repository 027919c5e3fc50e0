import type { FastifyInstance } from 'fastify';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { Type, type Static } from 'typebox';

import { requireCsrf, requireRole, requireSession } from '../../admin/guards.ts';
import { forwardTargets, outbox } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { retryOutboxItem } from '../../outbox/outbox.ts';
import { FORWARD_TOPIC, forwardTargetColumns, wakeForwardTargets } from './forward-statements.ts';

const TargetBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    endpoint: Type.String({ minLength: 8, maxLength: 2048, pattern: '^https?://' }),
    username: Type.String({ minLength: 1, maxLength: 256 }),
    password: Type.String({ minLength: 1, maxLength: 512 }),
    organisationId: Type.Optional(Type.String({ format: 'uuid' })),
    verbIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 2048 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
const TargetParams = Type.Object({ targetId: Type.String({ format: 'uuid' }) });
const TargetPatch = Type.Object({ isEnabled: Type.Boolean() }, { additionalProperties: false });

/**
 * External LRSs that receive a copy of every stored statement. Passwords go in and never come
 * out. The dead-letter view lists forwarding that keeps failing, with its last error.
 */
export default async function forwardingAdminRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['admin: LRS'];
  const admin = (request: Parameters<typeof requireSession>[0], isWrite: boolean) => {
    const session = requireSession(request);
    if (isWrite) requireCsrf(request, session);
    requireRole(session, 'admin');
    return session;
  };

  app.get('/api/admin/forward-targets', { schema: { tags, summary: 'External LRSs that receive statements, with their progress and failures' } }, async (request) => {
    admin(request, false);
    const targets = await app.db.select(forwardTargetColumns).from(forwardTargets).orderBy(asc(forwardTargets.createdAt));
    const items = await app.db.select().from(outbox).where(eq(outbox.topic, FORWARD_TOPIC));
    return {
      targets: targets.map((target) => {
        const item = items.find((candidate) => candidate.key === target.id);
        return { ...target, delivery: item === undefined ? 'idle' : item.status, attempts: item?.attempts ?? 0, outboxId: item?.id, lastError: item?.lastError ?? target.lastError };
      }),
    };
  });

  app.post<{ Body: Static<typeof TargetBody> }>('/api/admin/forward-targets', { schema: { tags, summary: 'Add an external LRS (it receives every statement from now and from the start)', body: TargetBody } }, async (request, reply) => {
    admin(request, true);
    const [target] = await app.db
      .insert(forwardTargets)
      .values({ ...request.body, organisationId: request.body.organisationId ?? null, verbIds: request.body.verbIds ?? [] })
      .returning(forwardTargetColumns);
    await wakeForwardTargets(app.db);
    return reply.status(201).send({ target });
  });

  app.patch<{ Params: Static<typeof TargetParams>; Body: Static<typeof TargetPatch> }>(
    '/api/admin/forward-targets/:targetId',
    { schema: { tags, summary: 'Pause or resume forwarding to an external LRS', params: TargetParams, body: TargetPatch } },
    async (request) => {
      admin(request, true);
      const rows = await app.db.update(forwardTargets).set({ isEnabled: request.body.isEnabled }).where(eq(forwardTargets.id, request.params.targetId)).returning(forwardTargetColumns);
      if (rows.length === 0) throw new AppError('not_found', 'No such forwarding target.');
      if (request.body.isEnabled) await wakeForwardTargets(app.db);
      return { target: rows[0] };
    },
  );

  app.post<{ Params: Static<typeof TargetParams> }>(
    '/api/admin/forward-targets/:targetId/retry',
    { schema: { tags, summary: 'Send now a forwarding that failed for good (dead letter) or is waiting to retry', params: TargetParams } },
    async (request) => {
      admin(request, true);
      const [item] = await app.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.topic, FORWARD_TOPIC), eq(outbox.key, request.params.targetId), inArray(outbox.status, ['dead', 'pending'])));
      if (item === undefined || !(await retryOutboxItem(app.db, item.id))) throw new AppError('conflict', 'Nothing is waiting to be sent to this LRS.');
      return { retried: true };
    },
  );
}
