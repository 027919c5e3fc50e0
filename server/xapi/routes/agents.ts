/** Communication §2.4 Agents Resource: the Person object the LRS knows for an Agent. */
import type { FastifyInstance } from 'fastify';

import { AppError } from '../../errors.ts';
import { personFromAgents, serializePerson } from '../agents/person-from-agents.ts';
import { parseDocumentParams } from '../documents/document-params.ts';
import { dispatchXapi, XAPI_METHODS, XAPI_ROUTE_CONFIG } from './xapi-request.ts';

export default async function agentsRoutes(app: FastifyInstance): Promise<void> {
  app.route({
    method: [...XAPI_METHODS],
    url: '/xapi/agents',
    config: XAPI_ROUTE_CONFIG,
    schema: { hide: true },
    handler: dispatchXapi(app, {
      GET: async (request, _caller, reply) => {
        const parsed = parseDocumentParams('agents', 'GET', request.query, request.family);
        if (!parsed.ok || parsed.params.agent === undefined) throw new AppError('bad_request', parsed.ok ? 'agent: is required' : parsed.message);
        // This LRS links no identities across Agents: the Person is the queried Agent (§2.4.s4).
        const person = serializePerson(personFromAgents([parsed.params.agent]));
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(person));
      },
    }),
  });
}
