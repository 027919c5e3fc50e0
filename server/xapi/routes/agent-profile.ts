/** Communication §2.6 Agent Profile Resource: documents about an Agent. */
import type { FastifyInstance } from 'fastify';

import { registerDocumentResource } from './document-routes.ts';

export default async function agentProfileRoutes(app: FastifyInstance): Promise<void> {
  registerDocumentResource(app, { path: '/xapi/agents/profile', resource: 'agentProfile', kind: 'agent_profile', scope: 'profile' });
}
