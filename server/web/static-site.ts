import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const WEB_BUILD_DIRECTORY = fileURLToPath(new URL('../../build/web', import.meta.url));
const SPA_FALLBACK_FILE = '200.html';
/** Paths owned by the server: never answered with the web app's fallback page. */
const SERVER_PATH_PREFIXES = ['/api/', '/lti/', '/xapi', '/.well-known/', '/healthz'];
const IMMUTABLE_ASSET_PREFIX = '/_app/immutable/';
const IMMUTABLE_MAX_AGE_S = 365 * 24 * 60 * 60;
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
      extensions: ['html'],
      preCompressed: true,
      index: ['index.html'],
      redirect: false,
      cacheControl: false,
      // @fastify/static passes its reply here, whatever the type says.
      setHeaders(response: unknown, filePath: string) {
        const reply = response as FastifyReply;
        const relative = `/${path.relative(root, filePath).split(path.sep).join('/')}`;
        const isImmutable = relative.startsWith(IMMUTABLE_ASSET_PREFIX);
        reply.header('cache-control', isImmutable ? `public, max-age=${IMMUTABLE_MAX_AGE_S}, immutable` : 'no-cache');
        // A hashed file is never revalidated nor fetched in parts: its validators and range
        // support are ~100 bytes of headers on each of the first screen's dozen scripts.
        if (isImmutable) for (const name of IMMUTABLE_ASSET_HEADERS_UNUSED) reply.removeHeader(name);
        // The logo is shown by LMSs on their own pages (logo_uri of the registration).
        if (relative === '/logo.svg') reply.header('cross-origin-resource-policy', 'cross-origin');
      },
    });
  }

  // A prerendered page whose path is also a folder (`admin.html` beside `admin/`) is not found by
  // @fastify/static, which looks into the folder: serve it here, for any Accept header.
  const prerenderedPages = isBuilt ? listPrerenderedPages(root) : new Set<string>();

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if ((request.method === 'GET' || request.method === 'HEAD') && prerenderedPages.has(pathname)) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(`${pathname.slice(1)}.html`);
    }
    const isPageRequest =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !SERVER_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix)) &&
      (request.headers.accept ?? '').includes('text/html');
    if (!isPageRequest) {
      return reply.status(404).send({ code: 'not_found', message: `No route for ${request.method} ${pathname}`, requestId: request.id });
    }
    if (!isBuilt) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The web app is not built yet. Run `npm run build` and reload.');
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile(SPA_FALLBACK_FILE);
  });
}

/** `/admin` for `admin.html`, `/admin/setup` for `admin/setup.html`, … */
function listPrerenderedPages(root: string, directory = ''): Set<string> {
  const pages = new Set<string>();
  for (const entry of fs.readdirSync(path.join(root, directory), { withFileTypes: true })) {
    const relative = path.posix.join(directory, entry.name);
    if (entry.isDirectory() && !relative.startsWith('_app') && !relative.startsWith('content')) {
      for (const page of listPrerenderedPages(root, relative)) pages.add(page);
    } else if (entry.isFile() && entry.name.endsWith('.html')) {
      pages.add(`/${relative.slice(0, -'.html'.length)}`);
    }
  }
  return pages;
}

export default fp(staticSite, { name: 'static-site' });
