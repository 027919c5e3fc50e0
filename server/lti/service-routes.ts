import { randomBytes } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { and, asc, eq } from 'drizzle-orm';
import { Type, type Static } from 'typebox';

import { buildDeepLinkingFormHtml, LtiError } from '../../lti/index.ts';
import { enrolments, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { prepareDeepLinkingResponse, redeemDeepLinkingResponse, DEEP_LINK_ITEMS_MAX } from './deep-linking.ts';
import { sendLaunchRefusal } from './pages/launch-pages.ts';
import { bindResourceLink } from './bind-resource-link.ts';
import { syncRoster } from './services/sync-roster.ts';

const ContentId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
const BindBody = Type.Object({ courseId: ContentId, moduleId: Type.Optional(ContentId) }, { additionalProperties: false });
const DeepLinkingBody = Type.Object(
  { items: Type.Array(Type.Object({ courseId: ContentId, moduleId: Type.Optional(ContentId) }, { additionalProperties: false }), { minItems: 1, maxItems: DEEP_LINK_ITEMS_MAX }) },
  { additionalProperties: false },
);

/** Routes a launch session uses to talk to its platform: content selection and the roster. */
export default async function ltiServiceRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: Static<typeof DeepLinkingBody> }>(
    '/api/lti/deep-linking/response',
    { schema: { tags: ['lti'], summary: 'Return the chosen courses or modules to the LMS (Deep Linking)', security: [{ bearer: [] }], body: DeepLinkingBody } },
    async (request) => {
      const session = await request.requireSession(['trainer', 'staff']);
      const { code } = await prepareDeepLinkingResponse(app.db, { session, selection: request.body.items, publicUrl: app.config.publicUrl, contentDirectory: app.contentDirectory });
      return { continueUrl: `/lti/deep-linking/return?code=${encodeURIComponent(code)}` };
    },
  );

  // The page that posts the signed response to the platform. Its own CSP allows a form post to
  // exactly the platform's return URL origin, which the web app's static CSP could not.
  app.get('/lti/deep-linking/return', { schema: { hide: true } }, async (request, reply) => {
    const code = (request.query as Record<string, unknown>).code;
    const response = typeof code === 'string' ? await redeemDeepLinkingResponse(app.db, code) : undefined;
    if (response === undefined) {
      return sendLaunchRefusal(request, reply, { code: 'deep_link_expired', message: 'This selection has expired. Choose the content again.', status: 410 });
    }
    const nonce = randomBytes(16).toString('base64');
    reply.header(
      'content-security-policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}' 'unsafe-inline'; form-action ${new URL(response.returnUrl).origin}; base-uri 'none'; frame-ancestors ${request.frameAncestors}`,
    );
    reply.header('cache-control', 'no-store');
    try {
      return reply.type('text/html; charset=utf-8').send(buildDeepLinkingFormHtml({ returnUrl: response.returnUrl, jwt: response.jwt, scriptNonce: nonce }));
    } catch (error) {
      if (error instanceof LtiError) return sendLaunchRefusal(request, reply, { code: error.code, message: error.message, status: error.status });
      throw error;
    }
  });

  app.post<{ Body: Static<typeof BindBody> }>(
    '/api/trainer/resource-link',
    { schema: { tags: ['trainer'], summary: 'Bind the launched activity to a course or module (once, by the first trainer)', security: [{ bearer: [] }], body: BindBody } },
    async (request) => {
      const session = await request.requireSession(['trainer']);
      if (session.resourceLinkId === undefined) throw new AppError('bad_request', 'This launch has no activity to bind.');
      return bindResourceLink(app.db, { resourceLinkId: session.resourceLinkId, courseId: request.body.courseId, moduleId: request.body.moduleId, contentDirectory: app.contentDirectory });
    },
  );

  app.get('/api/trainer/roster', { schema: { tags: ['trainer'], summary: 'Members of the launch context (from launches and NRPS)', security: [{ bearer: [] }] } }, async (request) => {
    const session = await request.requireSession(['trainer', 'staff']);
    if (session.contextId === undefined) throw new AppError('bad_request', 'This launch has no course context.');
    const rows = await app.db
      .select({ userId: users.id, name: users.name, face: enrolments.face, status: enrolments.status, source: enrolments.source, lastLaunchAt: enrolments.lastLaunchAt })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .where(and(eq(enrolments.contextId, session.contextId)))
      .orderBy(asc(users.name));
    return { members: rows };
  });

  app.post('/api/trainer/roster/refresh', { schema: { tags: ['trainer'], summary: 'Read the roster from the LMS now (NRPS)', security: [{ bearer: [] }] } }, async (request) => {
    const session = await request.requireSession(['trainer', 'staff']);
    if (session.contextId === undefined) throw new AppError('bad_request', 'This launch has no course context.');
    return syncRoster(app.db, app.platformAccess, session.contextId);
  });
}
