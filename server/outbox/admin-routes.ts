import type { FastifyInstance } from 'fastify';
import { desc, inArray } from 'drizzle-orm';
import { Type, type Static } from 'typebox';

import { requireCsrf, requireRole, requireSession } from '../admin/guards.ts';
import { outbox } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { retryOutboxItem } from './outbox.ts';

/** Items shown at most: the ones that need a person (dead) or are retrying after a failure. */
export const OUTBOX_VIEW_ITEMS_MAX = 200;

const RetryParams = Type.Object({ itemId: Type.Integer({ minimum: 1 }) });

/**
 * What crosses to other systems and keeps failing (grades to LMS gradebooks, roster reads,
 * forwarding): dead items after the last attempt, and items retrying after an error, with the
 * error; an administrator can send one again now.
 */
export default async function outboxAdminRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['admin: deliveries'];

  app.get('/api/admin/outbox', { schema: { tags, summary: 'Deliveries to other systems that failed or keep failing' } }, async (request) => {
    requireRole(requireSession(request), 'admin');
    const failing = await app.db
      .select({ id: outbox.id, topic: outbox.topic, key: outbox.key, status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError, runAfter: outbox.runAfter, updatedAt: outbox.updatedAt })
      .from(outbox)
      .where(inArray(outbox.status, ['dead', 'pending']))
      .orderBy(desc(outbox.updatedAt))
      .limit(OUTBOX_VIEW_ITEMS_MAX);
    return { items: failing.filter((item) => item.status === 'dead' || item.attempts > 0) };
  });

  app.post<{ Params: Static<typeof RetryParams> }>(
    '/api/admin/outbox/:itemId/retry',
    { schema: { tags, summary: 'Send a failed delivery again now', params: RetryParams } },
    async (request) => {
      const session = requireSession(request);
      requireCsrf(request, session);
      requireRole(session, 'admin');
      if (!(await retryOutboxItem(app.db, request.params.itemId))) throw new AppError('not_found', 'No failed delivery has this number.');
      return { retried: true };
    },
  );
}
