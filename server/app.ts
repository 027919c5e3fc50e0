import path from 'node:path';

import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';

import { adminAuthPlugin } from './admin/guards.ts';
import adminRoutes from './admin/routes.ts';
import certificateRoutes from './certificates/routes.ts';
import type { Config } from './config.ts';
import { COURSE_CONTENT_DIRECTORY } from './courses/read-catalogue.ts';
import databasePlugin from './db/plugin.ts';
import type { DatabaseHandle } from './db/index.ts';
import healthRoutes from './health/routes.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { loggerOptions } from './http/logger.ts';
import { generateRequestId, REQUEST_ID_HEADER } from './http/request-id.ts';
import securityHeaders from './http/security-headers.ts';
import ltiAdminRoutes from './lti/admin-routes.ts';
import ltiRoutes from './lti/routes.ts';
import ltiServiceRoutes from './lti/service-routes.ts';
import outboxAdminRoutes from './outbox/admin-routes.ts';
import outboxPlugin from './outbox/plugin.ts';
import sessionPlugin from './session/plugin.ts';
import sessionRoutes from './session/routes.ts';
import staticSite from './web/static-site.ts';
import xapiAdminRoutes from './xapi/admin-routes.ts';
import forwardingAdminRoutes from './xapi/forwarding/admin-routes.ts';
import statementPartitions from './xapi/storage/partitions-plugin.ts';
import xapiRoutes from './xapi/routes/plugin.ts';

/** Largest request body accepted by default; routes that need more (xAPI attachments) say so. */
export const BODY_SIZE_MAX_BYTES = 1024 * 1024;
/** Requests per client address per minute, across the API (health checks excluded). */
export const REQUESTS_PER_MINUTE_MAX = 600;
const RATE_LIMITED_PREFIXES = ['/api/', '/lti/', '/xapi', '/.well-known/', '/healthz'];
const CONNECTION_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** Where the compiled courses are (build/web/content, or the test's own web root). */
    contentDirectory: string;
  }
}

export interface BuildAppOptions {
  /** Serve the web app from this build directory instead of build/web. */
  webRoot?: string;
}

/**
 * The table of contents of the server: every plugin and route module, registered by hand, in
 * order. Tests call this with their own database; main.ts with the configured one.
 */
export async function buildApp(config: Config, database: DatabaseHandle, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    genReqId: generateRequestId,
    requestIdHeader: false,
    bodyLimit: BODY_SIZE_MAX_BYTES,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: false },
    // Unknown fields are refused, never silently dropped: a client that sends them is wrong.
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('contentDirectory', options.webRoot === undefined ? COURSE_CONTENT_DIRECTORY : path.join(options.webRoot, 'content'));
  app.addHook('onSend', async (request, reply) => {
    // Hashed static files never need tracing; everything else carries its request id.
    if (!request.url.startsWith('/_app/immutable/')) reply.header(REQUEST_ID_HEADER, request.id);
  });
  installErrorHandler(app);

  // Infrastructure
  await app.register(databasePlugin, { handle: database });
  await app.register(securityHeaders);
  await app.register(rateLimit, {
    max: REQUESTS_PER_MINUTE_MAX,
    timeWindow: '1 minute',
    // Static files cost nothing to serve and a service worker fetches the whole app shell at
    // once; a municipality's staff often share one address. Only the server's own work is limited.
    allowList: (request) => !RATE_LIMITED_PREFIXES.some((prefix) => request.url.startsWith(prefix)),
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_SIZE_MAX_BYTES });
  await app.register(swagger, {
    openapi: {
      info: { title: 'e-Academy course runtime API', version: '0.1.0' },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Session token from a launch (POST /api/session)' },
          adminSession: { type: 'apiKey', in: 'cookie', name: 'eacademy_admin', description: 'Admin sign-in session' },
          xapiBasic: { type: 'http', scheme: 'basic', description: 'xAPI credentials' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(sessionPlugin);
  await app.register(adminAuthPlugin);
  await app.register(outboxPlugin);
  await app.register(statementPartitions);

  // Routes
  await app.register(healthRoutes);
  await app.register(ltiRoutes);
  await app.register(sessionRoutes);
  await app.register(adminRoutes);
  await app.register(ltiAdminRoutes);
  await app.register(ltiServiceRoutes);
  await app.register(certificateRoutes);
  await app.register(xapiAdminRoutes);
  await app.register(forwardingAdminRoutes);
  await app.register(outboxAdminRoutes);
  await app.register(xapiRoutes);

  // The web app last: its fallback answers what no route above did.
  await app.register(staticSite, options.webRoot === undefined ? {} : { root: options.webRoot });

  return app;
}
