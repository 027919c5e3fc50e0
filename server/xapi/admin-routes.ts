import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';

import { requireCsrf, requireRole, requireSession } from '../admin/guards.ts';
import { createLrsCredential, disableLrsCredential, listLrsCredentials, LRS_SCOPES } from './auth/lrs-credentials.ts';

const CredentialBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    organisationId: Type.Optional(Type.String({ format: 'uuid' })),
    scopes: Type.Array(Type.Union(LRS_SCOPES.map((scope) => Type.Literal(scope))), { minItems: 1, maxItems: LRS_SCOPES.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);
const CredentialParams = Type.Object({ credentialId: Type.String({ format: 'uuid' }) });

/** Tool administrators manage the LRS's Basic credentials; a secret is shown once, at creation. */
export default async function xapiAdminRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['admin: LRS'];
  app.get('/api/admin/lrs-credentials', { schema: { tags, summary: 'List active xAPI credentials (never their secrets)' } }, async (request) => {
    requireRole(requireSession(request), 'admin');
    return { credentials: await listLrsCredentials(app.db) };
  });

  app.post<{ Body: Static<typeof CredentialBody> }>('/api/admin/lrs-credentials', { schema: { tags, summary: 'Create an xAPI credential; the answer holds its secret, once', body: CredentialBody } }, async (request, reply) => {
    const session = requireSession(request);
    requireCsrf(request, session);
    requireRole(session, 'admin');
    const { credential, secret } = await createLrsCredential(app.db, {
      name: request.body.name,
      organisationId: request.body.organisationId ?? null,
      scopes: request.body.scopes,
      createdBy: session.account.id,
    });
    request.log.info({ credentialId: credential.id, scopes: credential.scopes }, 'LRS credential created');
    return reply.header('cache-control', 'no-store').status(201).send({ credential, secret, endpoint: `${app.config.publicUrl}/xapi` });
  });

  app.delete<{ Params: Static<typeof CredentialParams> }>('/api/admin/lrs-credentials/:credentialId', { schema: { tags, summary: 'Disable an xAPI credential', params: CredentialParams } }, async (request, reply) => {
    const session = requireSession(request);
    requireCsrf(request, session);
    requireRole(session, 'admin');
    await disableLrsCredential(app.db, request.params.credentialId);
    return reply.status(204).send();
  });
}
