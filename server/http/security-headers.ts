import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import { listPlatformOrigins } from '../lti/list-platform-origins.ts';

/** How long the list of registered platform origins is reused before it is read again. */
const FRAME_ANCESTORS_CACHE_TTL_MS = 30_000;

const IMMUTABLE_ASSET_PREFIX = '/_app/immutable/';

/** Paths that are never framed, not even by a registered LMS. */
const UNFRAMEABLE_PATH_PREFIXES = ['/admin', '/api/admin', '/api/docs'];

declare module 'fastify' {
  interface FastifyInstance {
    /** Forget the cached platform origins, e.g. after a platform was registered. */
    invalidateFrameAncestors(): void;
  }
  interface FastifyRequest {
    frameAncestors: string;
  }
}

/**
 * Headers for a tool that LMSs frame: `Content-Security-Policy: frame-ancestors` lists the
 * registered platforms' origins and nothing else (no X-Frame-Options, which cannot express an
 * allow-list). Script and style sources of the web app are set by its own <meta> policy with
 * hashes (svelte.config.js); this header adds what a <meta> policy cannot carry.
 */
async function securityHeaders(app: FastifyInstance): Promise<void> {
  let cached: { value: string; expiresAtMs: number } | undefined;

  app.decorate('invalidateFrameAncestors', () => {
    cached = undefined;
  });
  app.decorateRequest('frameAncestors', "'self'");

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const path = request.url.split('?')[0] ?? '/';
    if (UNFRAMEABLE_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
      request.frameAncestors = "'none'";
      return;
    }
    if (cached === undefined || cached.expiresAtMs < Date.now()) {
      const origins = await listPlatformOrigins(app.db);
      cached = { value: ["'self'", ...origins].join(' '), expiresAtMs: Date.now() + FRAME_ANCESTORS_CACHE_TTL_MS };
    }
    request.frameAncestors = cached.value;
  });

  await app.register(helmet, {
    // Set below: frame-ancestors depends on the request and on the database.
    contentSecurityPolicy: false,
    // Superseded by frame-ancestors; its single-origin form cannot express several LMSs.
    frameguard: false,
    // The tool is opened by LMSs in frames and pop-ups that talk to it with postMessage
    // (dynamic registration's close message, platform storage); isolation would cut that link.
    crossOriginOpenerPolicy: false,
    crossOriginEmbedderPolicy: false,
    // `no-referrer` would make Chromium send `Origin: null` on our own form posts.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Headers for browsers long gone (IE's X-Download-Options and X-XSS-Protection, Flash's
    // cross-domain policies, DNS prefetch control): on a slow line every response pays for them.
    xDownloadOptions: false,
    xXssProtection: false,
    xPermittedCrossDomainPolicies: false,
    xDnsPrefetchControl: false,
  });

  // frame-ancestors and the permissions policy act on documents only; hashed scripts, styles and
  // images do without them (dozens of requests per first screen on slow rural lines).
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith(IMMUTABLE_ASSET_PREFIX)) return;
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', `frame-ancestors ${request.frameAncestors}; object-src 'none'; base-uri 'self'`);
    }
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  });
}

export default fp(securityHeaders, { name: 'security-headers', dependencies: ['database'] });
