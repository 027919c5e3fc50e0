import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import { listPlatformOrigins } from '../lti/list-platform-origins.ts';

/** How long the list of registered platform origins is reused before it is read again. */
const FRAME_ANCESTORS_CACHE_TTL_MS = 30_000;

const IMMUTABLE_ASSET_PREFIX = '/_app/immutable/';
const COURSE_CONTENT_PREFIX = '/content/';

/**
 * Helmet's headers that only a page uses: Origin-Agent-Cluster and Strict-Transport-Security are
 * taken from the page's own response (HSTS from any response over HTTPS, and the page is one), and
 * a module script without Referrer-Policy fetches with its page's policy, which is this same one.
 */
const DOCUMENT_ONLY_HEADERS = ['origin-agent-cluster', 'referrer-policy', 'strict-transport-security'];

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

  // Document headers go on documents (pages, API answers, media that a browser may open as one).
  // Hashed scripts, styles and images and the course content JSON keep nosniff and
  // Cross-Origin-Resource-Policy only: a first screen loads a dozen of them, on slow rural lines.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (isSubresource(request.url.split('?')[0] ?? '/')) {
      for (const name of DOCUMENT_ONLY_HEADERS) reply.removeHeader(name);
      return;
    }
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', `frame-ancestors ${request.frameAncestors}; object-src 'none'; base-uri 'self'`);
    }
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  });
}

/** Paths never rendered as a document: hashed build assets and course content JSON. */
function isSubresource(path: string): boolean {
  return path.startsWith(IMMUTABLE_ASSET_PREFIX) || (path.startsWith(COURSE_CONTENT_PREFIX) && path.endsWith('.json'));
}

export default fp(securityHeaders, { name: 'security-headers', dependencies: ['database'] });
