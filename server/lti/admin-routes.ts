import type { FastifyInstance } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { Type, type Static } from 'typebox';

import { requireCsrf, requireRole, requireSession } from '../admin/guards.ts';
import { deployments, organisations, platforms, toolKeys } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { createRegistrationInvitation } from './registration-invitations.ts';
import { addDeployment, savePlatform } from './save-platform.ts';
import { rotateToolKeys } from './tool-keys.ts';
import { rotateToolSecrets } from '../session/tool-secrets.ts';

const HttpUrl = Type.String({ minLength: 8, maxLength: 2048, pattern: '^https?://' });
const Id = Type.String({ minLength: 1, maxLength: 255 });
const Uuid = Type.String({ format: 'uuid' });
const OrganisationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([Type.Literal('nalas'), Type.Literal('lga'), Type.Literal('training_centre'), Type.Literal('other')]),
    economy: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false },
);
const PlatformBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    issuer: HttpUrl,
    clientId: Id,
    authUrl: HttpUrl,
    tokenUrl: HttpUrl,
    jwksUrl: HttpUrl,
    tokenAudience: Type.Optional(Type.String({ maxLength: 2048 })),
    deploymentIds: Type.Array(Id, { maxItems: 100 }),
    organisationId: Type.Optional(Uuid),
    isNalas: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const PlatformPatch = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    organisationId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    isNalas: Type.Optional(Type.Boolean()),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
const InvitationBody = Type.Object(
  { organisationId: Type.Optional(Uuid), isNalas: Type.Optional(Type.Boolean()), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
const PlatformParams = Type.Object({ platformId: Uuid });
const RenewSecretsBody = Type.Object({ endPrevious: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

/** Tool administrators manage organisations, platforms, invitations and keys. */
export default async function ltiAdminRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['admin: platforms'];

  app.get('/api/admin/organisations', { schema: { tags, summary: 'List organisations' } }, async (request) => {
    requireRole(requireSession(request), 'admin');
    return { organisations: await app.db.select().from(organisations).orderBy(asc(organisations.name)) };
  });

  app.post<{ Body: Static<typeof OrganisationBody> }>('/api/admin/organisations', { schema: { tags, summary: 'Add an organisation (NALAS, an LGA, a training centre)', body: OrganisationBody } }, async (request, reply) => {
    const session = requireSession(request);
    requireCsrf(request, session);
    requireRole(session, 'admin');
    const [organisation] = await app.db.insert(organisations).values({ ...request.body, economy: request.body.economy ?? null }).returning();
    return reply.status(201).send({ organisation });
  });

  app.get('/api/admin/platforms', { schema: { tags, summary: 'List registered platforms with their deployments' } }, async (request) => {
    requireRole(requireSession(request), 'admin');
    const rows = await app.db.select().from(platforms).orderBy(asc(platforms.createdAt));
    const deploymentRows = await app.db.select().from(deployments);
    return {
      platforms: rows.map(({ registration: _registration, ...platform }) => ({
        ...platform,
        deploymentIds: deploymentRows.filter((row) => row.platformId === platform.id).map((row) => row.deploymentId),
      })),
    };
  });

  app.post<{ Body: Static<typeof PlatformBody> }>('/api/admin/platforms', { schema: { tags, summary: 'Register a platform by hand', body: PlatformBody } }, async (request, reply) => {
    const session = requireSession(request);
    requireCsrf(request, session);
    requireRole(session, 'admin');
    const { tokenAudience, organisationId, isNalas, ...rest } = request.body;
    const saved = await savePlatform(app.db, {
      ...rest,
      tokenAudience: tokenAudience ?? null,
      organisationId: organisationId ?? null,
      isNalas: isNalas ?? false,
      registrationMethod: 'manual',
      productFamilyCode: null,
      registration: null,
    });
    app.invalidateFrameAncestors();
    return reply.status(201).send({ platform: saved });
  });

  app.patch<{ Params: Static<typeof PlatformParams>; Body: Static<typeof PlatformPatch> }>(
    '/api/admin/platforms/:platformId',
    { schema: { tags, summary: 'Disable or re-enable a platform, or change its organisation', params: PlatformParams, body: PlatformPatch } },
    async (request) => {
      const session = requireSession(request);
      requireCsrf(request, session);
      requireRole(session, 'admin');
      const updated = await app.db.update(platforms).set({ ...request.body, updatedAt: new Date() }).where(eq(platforms.id, request.params.platformId)).returning({ id: platforms.id });
      if (updated.length === 0) throw new AppError('not_found', 'No such platform.');
      app.invalidateFrameAncestors();
      return { platform: updated[0] };
    },
  );

  app.post<{ Params: Static<typeof PlatformParams>; Body: { deploymentId: string } }>(
    '/api/admin/platforms/:platformId/deployments',
    { schema: { tags, summary: 'Add a deployment id to a platform', params: PlatformParams, body: Type.Object({ deploymentId: Id }, { additionalProperties: false }) } },
    async (request, reply) => {
      const session = requireSession(request);
      requireCsrf(request, session);
      requireRole(session, 'admin');
      await addDeployment(app.db, request.params.platformId, request.body.deploymentId);
      return reply.status(201).send({ deploymentId: request.body.deploymentId });
    },
  );

  app.post<{ Body: Static<typeof InvitationBody> }>('/api/admin/registration-invitations', { schema: { tags, summary: 'A one-time dynamic registration link for an LMS administrator', body: InvitationBody } }, async (request, reply) => {
    const session = requireSession(request);
    requireCsrf(request, session);
    requireRole(session, 'admin');
    const { code, expiresAt } = await createRegistrationInvitation(app.db, {
      organisationId: request.body.organisationId ?? null,
      isNalas: request.body.isNalas ?? false,
      note: request.body.note ?? null,
      createdBy: session.account.id,
    });
    return reply.status(201).send({ registrationUrl: `${app.config.publicUrl}/lti/register?code=${code}`, expiresAt: expiresAt.toISOString() });
  });

  app.get('/api/admin/tool-keys', { schema: { tags, summary: "The tool's keys (public parts) and their status" } }, async (request) => {
    requireRole(requireSession(request), 'admin');
    const rows = await app.db
      .select({ kid: toolKeys.kid, status: toolKeys.status, createdAt: toolKeys.createdAt, activatedAt: toolKeys.activatedAt, retiredAt: toolKeys.retiredAt })
      .from(toolKeys)
      .orderBy(asc(toolKeys.createdAt));
    return { keys: rows };
  });

  app.post('/api/admin/tool-keys/rotate', { schema: { tags, summary: 'Publish the next key, or (when one is published) start signing with it' } }, async (request) => {
    const session = requireSession(request);
    requireCsrf(request, session);
    requireRole(session, 'admin');
    const result = await rotateToolKeys(app.db);
    request.log.info(result, 'tool key rotation');
    return result;
  });

  app.post<{ Body: Static<typeof RenewSecretsBody> }>(
    '/api/admin/tool-secrets/renew',
    {
      schema: {
        tags,
        summary: "Renew the tool's own secrets (login states, session tokens)",
        description:
          'Routinely, what the previous secrets signed stays valid for its lifetime (login states 10 minutes, sessions 2 hours), and a renewal within that time is refused (409). ' +
          'With `endPrevious` (a copy of the database may have gone astray) the previous secrets stop working at once: open sign-ins and sessions end.',
        body: RenewSecretsBody,
      },
    },
    async (request) => {
      const session = requireSession(request);
      requireCsrf(request, session);
      requireRole(session, 'admin');
      const secrets = [...app.renewableSecrets];
      const endPrevious = request.body.endPrevious === true;
      const outcome = await rotateToolSecrets(app.db, secrets, { endingPrevious: endPrevious });
      if (outcome === 'too_soon') {
        throw new AppError('conflict', 'The secrets were renewed recently: renewing them again now would end open sessions. Wait, or end every sign-in and session.');
      }
      // This instance signs with the new values at once; the others within a minute.
      await Promise.all(secrets.map((secret) => secret.reload()));
      request.log.info({ renewed: secrets.map((secret) => secret.name), endPrevious }, 'tool secrets renewed');
      return { renewed: secrets.map((secret) => ({ name: secret.name, previousAcceptedUntil: secret.previousAcceptedUntil?.toISOString() ?? null })) };
    },
  );
}
