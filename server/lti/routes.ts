import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

import { describeToolConfiguration } from './describe-tool-configuration.ts';
import { listPublishedKeys } from './tool-keys.ts';

/** Platforms cache our keys; an hour keeps rotation (next key published first) well ahead. */
const JWKS_CACHE_MAX_AGE_S = 3600;

const Jwks = Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) });

export default async function ltiRoutes(app: FastifyInstance): Promise<void> {
  const sendJwks = async (_request: unknown, reply: { header: (name: string, value: string) => unknown }) => {
    reply.header('cache-control', `public, max-age=${JWKS_CACHE_MAX_AGE_S}`);
    return { keys: await listPublishedKeys(app.db) };
  };
  app.get('/lti/jwks', { schema: { tags: ['lti'], summary: "The tool's public keys (JWKS)", response: { 200: Jwks } } }, sendJwks);
  app.get('/.well-known/jwks.json', { schema: { hide: true, response: { 200: Jwks } } }, sendJwks);

  app.get(
    '/lti/config',
    { schema: { tags: ['lti'], summary: 'Every URL and value an LMS administrator needs to register the tool' } },
    async () => describeToolConfiguration(app.config.publicUrl),
  );
}
