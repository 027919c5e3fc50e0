import fs from 'node:fs';
import path from 'node:path';

import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The prerendered pages of the build (and the SPA fallback), read once with their pre-compressed
 * variants and sent from memory. They are the first thing a launch loads, on slow lines too:
 * @fastify/static would send `launch.html` uncompressed when it reaches it from a not-found
 * path (it has already tried, and crossed off, the encodings of `/launch` itself).
 */
export interface HtmlPage {
  identity: Buffer;
  br: Buffer | undefined;
  gzip: Buffer | undefined;
}

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** `/admin` → admin.html, `/admin/setup` → admin/setup.html, … (assets and content excluded). */
export function readHtmlPages(root: string, directory = '', pages = new Map<string, HtmlPage>()): Map<string, HtmlPage> {
  for (const entry of fs.readdirSync(path.join(root, directory), { withFileTypes: true })) {
    const relative = path.posix.join(directory, entry.name);
    if (entry.isDirectory() && !relative.startsWith('_app') && !relative.startsWith('content')) {
      readHtmlPages(root, relative, pages);
    } else if (entry.isFile() && entry.name.endsWith('.html')) {
      const file = path.join(root, relative);
      const page: HtmlPage = { identity: fs.readFileSync(file), br: undefined, gzip: undefined };
      for (const { name, suffix } of ENCODINGS) if (fs.existsSync(file + suffix)) page[name] = fs.readFileSync(file + suffix);
      pages.set(`/${relative.slice(0, -'.html'.length)}`, page);
    }
  }
  return pages;
}

/** The best encoding the client accepts (a `q=0` refuses one) that the page has. */
function chooseEncoding(acceptEncoding: string, page: HtmlPage): 'br' | 'gzip' | undefined {
  const accepted = new Map(
    acceptEncoding.split(',').map((part) => {
      const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
      const quality = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
      return [name.trim(), quality === undefined ? 1 : Number(quality)] as const;
    }),
  );
  return ENCODINGS.find(({ name }) => page[name] !== undefined && (accepted.get(name) ?? 0) > 0)?.name;
}

export function sendHtmlPage(request: FastifyRequest, reply: FastifyReply, page: HtmlPage): FastifyReply {
  const encoding = chooseEncoding(request.headers['accept-encoding'] ?? '', page);
  reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding').type('text/html; charset=utf-8');
  if (encoding !== undefined) reply.header('content-encoding', encoding);
  return reply.send(encoding === undefined ? page.identity : page[encoding]);
}
