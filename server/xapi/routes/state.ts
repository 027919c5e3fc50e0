/** Communication §2.3 State Resource: a learner's documents per Activity (and registration). */
import type { FastifyInstance } from 'fastify';

import { registerDocumentResource } from './document-routes.ts';

export default async function stateRoutes(app: FastifyInstance): Promise<void> {
  registerDocumentResource(app, { path: '/xapi/activities/state', resource: 'state', kind: 'state', scope: 'state' });
}
