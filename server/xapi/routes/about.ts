/** Communication §2.8 About Resource: the versions this LRS speaks; no credentials needed. */
import type { FastifyInstance } from 'fastify';

import { describeAbout } from '../about.ts';
import { readXapiRequest, XAPI_ROUTE_CONFIG } from './xapi-request.ts';

export default async function aboutRoutes(app: FastifyInstance): Promise<void> {
  app.route({
    method: ['GET', 'HEAD', 'POST'],
    url: '/xapi/about',
    config: XAPI_ROUTE_CONFIG,
    schema: { hide: true },
    handler: async (request, reply) => {
      const xapiRequest = readXapiRequest(request, true);
      if (xapiRequest.method !== 'GET' && xapiRequest.method !== 'HEAD') {
        return reply.status(405).header('allow', 'GET, HEAD').send({ code: 'method_not_allowed', message: `${xapiRequest.method}: not allowed on /xapi/about`, requestId: request.id });
      }
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(describeAbout()));
    },
  });
}
