import fs from 'node:fs';
import http from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * A folder served over HTTP as the tool serves its web build: brotli or gzip at the strongest
 * settings (as the build pre-compresses), by the browser's Accept-Encoding, for text types only;
 * `no-cache` with an ETag, so a second request for a file is answered 304 without a body.
 * Compressed files are kept in memory, so only the first request for a file pays for compressing.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
};
/** Types worth compressing; fonts (woff, woff2) and images are compressed already. */
const COMPRESSIBLE_EXTENSIONS = new Set(['.html', '.js', '.css', '.json', '.svg', '.ttf', '.otf', '.eot']);

export interface StaticFolderServer {
  url: string;
  close(): Promise<void>;
}

export async function startStaticFolderServer(root: string): Promise<StaticFolderServer> {
  const compressed = new Map<string, Buffer>();
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    // Nothing outside the folder, whatever the path says.
    if (!file.startsWith(path.resolve(root) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    const stat = fs.statSync(file);
    const etag = `W/"${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag, 'cache-control': 'no-cache' }).end();
      return;
    }
    const extension = path.extname(file).toLowerCase();
    const encoding = COMPRESSIBLE_EXTENSIONS.has(extension) ? chooseEncoding(String(request.headers['accept-encoding'] ?? '')) : undefined;
    const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag, vary: 'accept-encoding' };
    let body: Buffer = fs.readFileSync(file);
    if (encoding !== undefined) {
      const key = `${encoding}:${file}`;
      body = compressed.get(key) ?? compress(body, encoding);
      compressed.set(key, body);
      headers['content-encoding'] = encoding;
    }
    response.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function chooseEncoding(acceptEncoding: string): 'br' | 'gzip' | undefined {
  const accepted = acceptEncoding.split(',').map((part) => part.split(';')[0]?.trim());
  if (accepted.includes('br')) return 'br';
  return accepted.includes('gzip') ? 'gzip' : undefined;
}

function compress(body: Buffer, encoding: 'br' | 'gzip'): Buffer {
  return encoding === 'br' ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }) : zlib.gzipSync(body, { level: 9 });
}
