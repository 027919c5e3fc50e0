/**
 * The Learning Record Store over HTTP at /xapi (xAPI 2.0, IEEE 9274.1.1, and 1.0.x clients). Its
 * own scope: bodies are read raw (statements are validated and hashed as sent, documents are
 * stored byte for byte), every answer carries the version header, and the rate limit is one an
 * LRS needs (a classroom behind one address sends many statements).
 */
import type { FastifyInstance } from 'fastify';

import { STATEMENTS_REQUEST_BYTES_MAX } from './limits.ts';
import { VERSION_HEADER } from '../version.ts';
import { isAlternateHead, responseVersion } from './xapi-request.ts';
import aboutRoutes from './about.ts';
import activitiesRoutes from './activities.ts';
import activityProfileRoutes from './activity-profile.ts';
import agentProfileRoutes from './agent-profile.ts';
import agentsRoutes from './agents.ts';
import stateRoutes from './state.ts';
import statementsRoutes from './statements.ts';

export default async function xapiRoutes(app: FastifyInstance): Promise<void> {
  // Every body arrives as a Buffer, whatever its type: the resources decide what it must be.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: STATEMENTS_REQUEST_BYTES_MAX }, (_request, body, done) => done(null, body));

  app.addHook('onSend', async (request, reply, payload) => {
    // Communication §3.3.s3: every answer says which version it speaks, errors included.
    reply.header(VERSION_HEADER, responseVersion(request));
    reply.header('cache-control', 'no-store');
    return isAlternateHead(request) ? '' : payload;
  });

  await app.register(aboutRoutes);
  await app.register(statementsRoutes);
  await app.register(stateRoutes);
  await app.register(activityProfileRoutes);
  await app.register(agentProfileRoutes);
  await app.register(activitiesRoutes);
  await app.register(agentsRoutes);
}
