/** Communication §2.7 Activity Profile Resource: documents about an Activity. */
import type { FastifyInstance } from 'fastify';

import { registerDocumentResource } from './document-routes.ts';

export default async function activityProfileRoutes(app: FastifyInstance): Promise<void> {
  registerDocumentResource(app, { path: '/xapi/activities/profile', resource: 'activityProfile', kind: 'activity_profile', scope: 'profile' });
}
