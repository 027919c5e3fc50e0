/**
 * Data §2.4.11 and Communication §1.5.2: `multipart/mixed` bodies carrying Statements and their
 * Attachments. The whole body is in memory (bounded by the route's body limit); parts are split
 * on the boundary, each with its own headers.
 */

/** Parts in one request: the Statements part and at most this many Attachments. */
export const MULTIPART_PARTS_MAX = 101;
/** Header bytes of one part; real parts need a few hundred. */
export const MULTIPART_PART_HEADER_BYTES_MAX = 8_192;
/** RFC 2046 §5.1.1: a boundary is 1–70 characters. */
export const MULTIPART_BOUNDARY_LENGTH_MAX = 70;

export interface MultipartPart {
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Buffer;
}

export type MultipartResult = { ok: true; parts: MultipartPart[] } | { ok: false; message: string };

/** The boundary parameter of a `multipart/mixed` Content-Type, or undefined if it is another type. */
export function parseMultipartBoundary(contentType: string): string | undefined {
  const [type, ...parameters] = contentType.split(';');
  if (type?.trim().toLowerCase() !== 'multipart/mixed') return undefined;
  for (const parameter of parameters) {
    const [name, ...rest] = parameter.split('=');
    if (name?.trim().toLowerCase() !== 'boundary') continue;
    const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    if (value.length >= 1 && value.length <= MULTIPART_BOUNDARY_LENGTH_MAX) return value;
  }
  return undefined;
}

function parseHeaders(text: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function parsePart(raw: Buffer): MultipartPart | string {
  const separator = raw.indexOf('\r\n\r\n');
  const headerEnd = raw.subarray(0, 2).toString() === '\r\n' ? 0 : separator;
  if (headerEnd === -1) return 'a part has no blank line after its headers';
  if (headerEnd > MULTIPART_PART_HEADER_BYTES_MAX) return 'a part has too many header bytes';
  const headers = parseHeaders(raw.subarray(0, headerEnd).toString('utf8'));
  if (headers === undefined) return 'a part has a malformed header line';
  const bodyStart = headerEnd === 0 ? 2 : headerEnd + 4;
  return { headers, body: raw.subarray(bodyStart) };
}

/**
 * Splits a body into parts. The preamble (anything before the first delimiter, including the
 * CRLF some clients start with) and the epilogue are ignored (RFC 2046 §5.1.1).
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartResult {
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position === -1) return { ok: false, message: 'multipart body: no boundary delimiter found' };
  const parts: MultipartPart[] = [];
  for (;;) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return { ok: true, parts };
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), afterDelimiter);
    if (next === -1) return { ok: false, message: 'multipart body: missing closing boundary' };
    if (parts.length === MULTIPART_PARTS_MAX) return { ok: false, message: `multipart body: more than ${MULTIPART_PARTS_MAX} parts` };
    const lineEnd = body.indexOf('\r\n', afterDelimiter);
    const part = parsePart(body.subarray(lineEnd + 2, next));
    if (typeof part === 'string') return { ok: false, message: `multipart body: ${part}` };
    parts.push(part);
    position = next + 2;
  }
}

export interface BuildPart {
  contentType: string;
  body: Buffer | string;
  headers?: Record<string, string>;
}

/** Builds a `multipart/mixed` body (CRLF line ends, closing delimiter, no preamble). */
export function buildMultipart(parts: readonly BuildPart[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headerLines = [`--${boundary}`, `Content-Type: ${part.contentType}`];
    for (const [name, value] of Object.entries(part.headers ?? {})) headerLines.push(`${name}: ${value}`);
    chunks.push(Buffer.from(`${headerLines.join('\r\n')}\r\n\r\n`));
    chunks.push(typeof part.body === 'string' ? Buffer.from(part.body, 'utf8') : part.body);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
