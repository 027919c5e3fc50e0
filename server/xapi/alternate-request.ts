/**
 * xAPI 1.0.3 Communication §1.3 Alternate Request Syntax (for clients that cannot set headers or
 * use methods other than POST): a POST with a single `method` query parameter and an
 * `application/x-www-form-urlencoded` body whose fields are the headers listed below, the
 * request `content`, and the resource's own parameters. xAPI 2.0 removed it; the 2.0 conformance
 * suite expects any `method` query parameter to be rejected, so for 2.0 requests it is a 400.
 */
import type { XapiVersionFamily } from './types.ts';

export const ALTERNATE_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const;
/** §1.3.s3.b7: form fields treated as request headers (compared case-insensitively). */
export const ALTERNATE_HEADER_FIELDS = [
  'Authorization', 'X-Experience-API-Version', 'Content-Type', 'Content-Length', 'If-Match', 'If-None-Match',
] as const;
/** A form body larger than this is refused before parsing. */
export const ALTERNATE_FORM_BYTES_MAX = 1_048_576;

export type AlternateMethod = (typeof ALTERNATE_METHODS)[number];

export interface AlternateRequest {
  method: AlternateMethod;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The resource's parameters, from the form. */
  params: Record<string, string>;
  /** The `content` field: the request body (Content-Type taken from the form's header field). */
  content: string | undefined;
}

export type AlternateRequestResult =
  | { kind: 'none' }
  | { kind: 'alternate'; request: AlternateRequest }
  | { kind: 'error'; message: string };

export interface AlternateRequestInput {
  httpMethod: string;
  query: Readonly<Record<string, string>>;
  contentType: string | undefined;
  body: string;
  version: XapiVersionFamily;
}

function splitForm(body: string): AlternateRequest | string {
  const request: AlternateRequest = { method: 'GET', headers: {}, params: {}, content: undefined };
  const headerNames = ALTERNATE_HEADER_FIELDS.map((name) => name.toLowerCase());
  for (const [name, value] of new URLSearchParams(body)) {
    if (name === 'content') request.content = value;
    else if (headerNames.includes(name.toLowerCase())) request.headers[name.toLowerCase()] = value;
    else if (name in request.params) return `${name}: appears more than once`;
    else request.params[name] = value;
  }
  return request;
}

/**
 * Recognises and unpacks an alternate request. `none` means an ordinary request. The version is
 * the one of the outer request; the form's own X-Experience-API-Version header is in `headers`.
 */
export function parseAlternateRequest(input: AlternateRequestInput): AlternateRequestResult {
  const method = input.query.method;
  if (method === undefined) return { kind: 'none' };
  if (input.version === '2.0') return { kind: 'error', message: 'method: alternate request syntax is not part of xAPI 2.0' };
  if (input.httpMethod.toUpperCase() !== 'POST') return { kind: 'error', message: 'method: alternate request syntax must be sent as POST' };
  if (!(ALTERNATE_METHODS as readonly string[]).includes(method)) {
    return { kind: 'error', message: `method: must be one of ${ALTERNATE_METHODS.join(', ')}` };
  }
  // §1.3.s3.b4: no other query parameters ("any extra information").
  const extra = Object.keys(input.query).find((key) => key !== 'method');
  if (extra !== undefined) return { kind: 'error', message: `${extra}: alternate request syntax allows only "method" in the query` };
  const formType = input.contentType?.split(';')[0]?.trim().toLowerCase();
  if (formType !== 'application/x-www-form-urlencoded') {
    return { kind: 'error', message: 'Content-Type: alternate request syntax needs application/x-www-form-urlencoded' };
  }
  if (Buffer.byteLength(input.body) > ALTERNATE_FORM_BYTES_MAX) return { kind: 'error', message: 'content: form is too large' };
  const parsed = splitForm(input.body);
  if (typeof parsed === 'string') return { kind: 'error', message: parsed };
  if ((method === 'PUT' || method === 'POST') && parsed.content === undefined) {
    return { kind: 'error', message: 'content: is required for PUT and POST' };
  }
  return { kind: 'alternate', request: { ...parsed, method: method as AlternateMethod } };
}
