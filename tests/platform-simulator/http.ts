import type { IncomingMessage, ServerResponse } from 'node:http';

import { BODY_SIZE_MAX_BYTES } from './limits.ts';

/** Thrown inside a handler to answer with a status and the problems found (never a 500). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly problems: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(problems.join('; '));
  }
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > BODY_SIZE_MAX_BYTES) throw new HttpProblem(413, [`body larger than ${BODY_SIZE_MAX_BYTES} bytes`]);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The media type of a request without parameters, lower case ('' when absent). */
export function mediaTypeOf(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** A form post; anything but application/x-www-form-urlencoded is refused (OIDC form_post, RFC 6749 §4.4). */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  if (mediaTypeOf(request) !== 'application/x-www-form-urlencoded') {
    throw new HttpProblem(415, [`expected application/x-www-form-urlencoded, got "${request.headers['content-type'] ?? ''}"`]);
  }
  return new URLSearchParams(await readBody(request));
}

export async function readJson(request: IncomingMessage, mediaType: string): Promise<unknown> {
  if (mediaTypeOf(request) !== mediaType) {
    throw new HttpProblem(415, [`expected Content-Type ${mediaType}, got "${request.headers['content-type'] ?? ''}"`]);
  }
  try {
    return JSON.parse(await readBody(request)) as unknown;
  } catch {
    throw new HttpProblem(400, ['body is not JSON']);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, mediaType = 'application/json', headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': `${mediaType}; charset=utf-8`, 'cache-control': 'no-store', ...headers });
  response.end(text);
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A minimal accessible page for the browser-facing endpoints. */
export function htmlPage(title: string, bodyHtml: string, script = ''): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body><main>${bodyHtml}</main>`,
    script === '' ? '' : `<script>${script}</script>`,
    '</body></html>',
  ].join('\n');
}

/** `Authorization: Bearer <token>` (RFC 6750 §2.1), or undefined. */
export function bearerTokenOf(request: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** Whether an Accept header admits the media type (absent or wildcard headers do). */
export function accepts(request: IncomingMessage, mediaType: string): boolean {
  const accept = request.headers.accept;
  if (accept === undefined || accept === '') return true;
  return accept
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .some((type) => type === mediaType || type === '*/*' || type === 'application/*');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
