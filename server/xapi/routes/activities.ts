/** Communication §2.5 Activities Resource: the LRS's definition of an Activity. */
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';

import type { Database } from '../../db/index.ts';
import { xapiActivities } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { LrsScope } from '../auth/lrs-credentials.ts';
import { hasScope } from '../auth/resolve-caller.ts';
import { parseDocumentParams } from '../documents/document-params.ts';
import type { Activity, ActivityDefinition } from '../types.ts';
import { dispatchXapi, XAPI_METHODS, XAPI_ROUTE_CONFIG } from './xapi-request.ts';

/**
 * The Activity with the definition last stored for it in this organisation's scope; an Activity
 * the LRS has not seen is answered with its id alone (§2.5: the LRS returns what it knows).
 */
export async function describeActivity(db: Database, scopeKey: string, activityId: string): Promise<Activity> {
  const [row] = await db
    .select({ definition: xapiActivities.definition })
    .from(xapiActivities)
    .where(and(eq(xapiActivities.scopeKey, scopeKey), eq(xapiActivities.activityId, activityId)))
    .limit(1);
  const activity: Activity = { objectType: 'Activity', id: activityId };
  if (row !== undefined) activity.definition = row.definition as ActivityDefinition;
  return activity;
}

/** Any credential that reads statements or keeps documents about Activities may read definitions. */
const ACTIVITY_READER_SCOPES: readonly LrsScope[] = ['statements/read', 'statements/read/mine', 'define', 'profile', 'state'];

export default async function activitiesRoutes(app: FastifyInstance): Promise<void> {
  app.route({
    method: [...XAPI_METHODS],
    url: '/xapi/activities',
    config: XAPI_ROUTE_CONFIG,
    schema: { hide: true },
    handler: dispatchXapi(app, {
      GET: async (request, caller, reply) => {
        const parsed = parseDocumentParams('activities', 'GET', request.query, request.family);
        if (!parsed.ok) throw new AppError('bad_request', parsed.message);
        if (caller.session === undefined && !ACTIVITY_READER_SCOPES.some((scope) => hasScope(caller, scope, true))) {
          throw new AppError('forbidden', 'These credentials lack a scope that reads Activities.');
        }
        const activity = await describeActivity(app.db, caller.organisationId ?? '', parsed.params.activityId ?? '');
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(activity));
      },
    }),
  });
}
