import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import { readHtmlPages, sendHtmlPage, type HtmlPage } from './html-pages.ts';

export const WEB_BUILD_DIRECTORY = fileURLToPath(new URL('../../build/web', import.meta.url));
const SPA_FALLBACK_FILE = '200.html';
const SPA_FALLBACK_PATH = '/200';
/** Paths owned by the server: never answered with the web app's fallback page. */
const SERVER_PATH_PREFIXES = ['/api/', '/lti/', '/xapi', '/.well-known/', '/healthz'];
const IMMUTABLE_ASSET_PREFIX = '/_app/immutable/';
const IMMUTABLE_MAX_AGE_S = 365 * 24 * 60 * 60;
// No `public`: requests for assets carry no Authorization header, so shared caches keep them anyway.
const IMMUTABLE_CACHE_CONTROL = `max-age=${IMMUTABLE_MAX_AGE_S}, immutable`;
// Hashed scripts are ES modules, which a browser always reads as UTF-8: RFC 9239's name says all
// there is to say, in 22 bytes less than the file-type table's on each script of a first screen.
const MODULE_SCRIPT_TYPE = 'text/javascript';
const IMMUTABLE_ASSET_HEADERS_UNUSED = ['etag', 'last-modified', 'accept-ranges'];

/**
 * Serves the SvelteKit static build (build/web): prerendered pages, hashed assets (cached for a
 * year), pre-compressed .br/.gz variants, and 200.html for any other page path so the
 * client-side router takes over.
 */
async function staticSite(app: FastifyInstance, options: { root?: string }): Promise<void> {
  const root = options.root ?? WEB_BUILD_DIRECTORY;
  const isBuilt = fs.existsSync(path.join(root, SPA_FALLBACK_FILE));
  if (!isBuilt) app.log.warn({ root }, 'the web app is not built: run `npm run build`');

  if (isBuilt) {
    await app.register(fastifyStatic, {
      root,
      // Prerendered pages (`/launch` → launch.html) are served by the not-found handler below:
      // @fastify/static skips the pre-compressed variants of files it finds by extension.
      preCompressed: true,
      index: ['index.html'],
      redirect: false,
      cacheControl: false,
      // @fastify/static passes its reply here, whatever the type says.
      setHeaders(response: unknown, filePath: string) {
        const reply = response as FastifyReply;
        const relative = `/${path.relative(root, filePath).split(path.sep).join('/')}`;
        const isImmutable = relative.startsWith(IMMUTABLE_ASSET_PREFIX);
        reply.header('cache-control', isImmutable ? IMMUTABLE_CACHE_CONTROL : 'no-cache');
        // A hashed file is never revalidated nor fetched in parts: its validators and range
        // support are ~100 bytes of headers on each of the first screen's dozen scripts.
        if (isImmutable) for (const name of IMMUTABLE_ASSET_HEADERS_UNUSED) reply.removeHeader(name);
        // The logo is shown by LMSs on their own pages (logo_uri of the registration).
        if (relative === '/logo.svg') reply.header('cross-origin-resource-policy', 'cross-origin');
      },
    });
  }

  // Hashed scripts go out as module scripts. Here, not in setHeaders: @fastify/static names the
  // type of a pre-compressed file after calling it.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    const isScript = String(reply.getHeader('content-type')).startsWith('application/javascript');
    if (isScript && request.url.startsWith(IMMUTABLE_ASSET_PREFIX)) reply.header('content-type', MODULE_SCRIPT_TYPE);
  });

  // Prerendered pages (`/launch` → launch.html, also `admin.html` beside an `admin/` folder)
  // and the fallback, for any Accept header, compressed like every other file.
  const pages = isBuilt ? readHtmlPages(root) : new Map<string, HtmlPage>();

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    const page = pages.get(pathname);
    if (isRead && page !== undefined && pathname !== SPA_FALLBACK_PATH) return sendHtmlPage(request, reply, page);
    const isPageRequest = isRead && !SERVER_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix)) && (request.headers.accept ?? '').includes('text/html');
    if (!isPageRequest) {
      return reply.status(404).send({ code: 'not_found', message: `No route for ${request.method} ${pathname}`, requestId: request.id });
    }
    const fallback = pages.get(SPA_FALLBACK_PATH);
    if (fallback === undefined) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The web app is not built yet. Run `npm run build` and reload.');
    }
    return sendHtmlPage(request, reply, fallback);
  });
}

export default fp(staticSite, { name: 'static-site' });
