/**
 * One shape for every LRS request, whatever way it arrived: an ordinary request, or the 1.0.3
 * alternate request syntax (Communication §1.3: a POST with `?method=` and a form carrying the
 * headers, the parameters and the content). Resources see only this shape, so the alternate
 * syntax is handled once, here, before versioning and authentication.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { AppError } from '../../errors.ts';
import { parseAlternateRequest, type AlternateMethod } from '../alternate-request.ts';
import { resolveXapiCaller, type XapiCaller } from '../auth/resolve-caller.ts';
import type { XapiVersionFamily } from '../types.ts';
import { parseVersionHeader, RESPONSE_VERSION } from '../version.ts';

export type XapiMethod = AlternateMethod;

export interface XapiRequest {
  /** GET also stands for HEAD: the answer is the same minus the body. */
  method: XapiMethod;
  query: Readonly<Record<string, string>>;
  /** Lower-cased names; for an alternate request the form's header fields win. */
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
  contentType: string | undefined;
  version: string;
  family: XapiVersionFamily;
}

export type XapiHandler = (request: XapiRequest, caller: XapiCaller, reply: FastifyReply) => Promise<unknown>;
export type XapiHandlers = Partial<Record<Exclude<XapiMethod, 'HEAD'>, XapiHandler>>;

/** What the response hooks need to know about a request once it has been read. */
interface RequestFacts {
  family: XapiVersionFamily;
  /** An alternate request with method=HEAD: the body must be dropped by hand. */
  isAlternateHead: boolean;
}

const requestFacts = new WeakMap<FastifyRequest, RequestFacts>();

/** The version header value of the answer to this request (Communication §3.3). */
export function responseVersion(request: FastifyRequest): string {
  return RESPONSE_VERSION[requestFacts.get(request)?.family ?? '2.0'];
}

export function isAlternateHead(request: FastifyRequest): boolean {
  return requestFacts.get(request)?.isAlternateHead === true;
}

/** Query parameters, one value each: a repeated parameter is ambiguous, so it is refused. */
function singleValued(query: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new AppError('bad_request', `${key}: must be given once`);
    result[key] = value;
  }
  return result;
}

function lowerCaseHeaders(request: FastifyRequest): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function bodyOf(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/** Unpacks the request; throws 400 for a malformed alternate request or a bad version header. */
export function readXapiRequest(request: FastifyRequest, isAboutResource = false): XapiRequest {
  const query = singleValued(request.query);
  const headers = lowerCaseHeaders(request);
  const outerVersion = parseVersionHeader(headers['x-experience-api-version']);
  const alternate = parseAlternateRequest({
    httpMethod: request.method,
    query,
    contentType: headers['content-type'],
    body: query.method === undefined ? '' : bodyOf(request).toString('utf8'),
    // A form-only client puts the version in the form: the outer request is then 1.0.3 syntax.
    version: outerVersion.ok ? outerVersion.family : '1.0',
  });
  if (alternate.kind === 'error') {
    requestFacts.set(request, { family: outerVersion.ok ? outerVersion.family : '2.0', isAlternateHead: false });
    throw new AppError('bad_request', alternate.message);
  }
  const unpacked =
    alternate.kind === 'none'
      ? { method: request.method.toUpperCase() as XapiMethod, query, headers, body: bodyOf(request) }
      : {
          method: alternate.request.method,
          query: alternate.request.params,
          headers: { ...headers, 'content-type': undefined, ...alternate.request.headers },
          body: Buffer.from(alternate.request.content ?? '', 'utf8'),
        };
  const version = parseVersionHeader(unpacked.headers['x-experience-api-version'], isAboutResource);
  const family = version.ok ? version.family : '2.0';
  requestFacts.set(request, { family, isAlternateHead: alternate.kind === 'alternate' && unpacked.method === 'HEAD' });
  if (!version.ok) throw new AppError('bad_request', version.message);
  return { ...unpacked, contentType: unpacked.headers['content-type'], version: version.version, family };
}

/**
 * The route handler of one resource: reads the request, authenticates the caller, and runs the
 * handler of the method (HEAD runs GET's). A method the resource lacks is a 405.
 */
export function dispatchXapi(app: FastifyInstance, handlers: XapiHandlers) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const xapiRequest = readXapiRequest(request);
    const handler = handlers[xapiRequest.method === 'HEAD' ? 'GET' : xapiRequest.method];
    const caller = await resolveXapiCaller(app, requestWithAuthorization(request, xapiRequest));
    if (handler === undefined) {
      reply.header('allow', allowedMethods(handlers));
      return reply.status(405).send({ code: 'method_not_allowed', message: `${xapiRequest.method}: not allowed on this resource`, requestId: request.id });
    }
    return handler(xapiRequest, caller, reply);
  };
}

function allowedMethods(handlers: XapiHandlers): string {
  const methods = Object.keys(handlers);
  return (methods.includes('GET') ? [...methods, 'HEAD'] : methods).join(', ');
}

/** resolveXapiCaller reads the Authorization header; for an alternate request it is in the form. */
function requestWithAuthorization(request: FastifyRequest, xapiRequest: XapiRequest): FastifyRequest {
  const authorization = xapiRequest.headers.authorization;
  if (authorization === request.headers.authorization) return request;
  request.headers.authorization = authorization;
  return request;
}

/** Parameter names a resource method accepts; anything else is a 400 naming it. */
export function rejectUnknownParameters(request: XapiRequest, allowed: readonly string[]): void {
  const unknown = Object.keys(request.query).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw new AppError('bad_request', `${unknown}: is not a parameter of ${request.method} on this resource`);
}


/** Requests per client address per minute to the LRS: a classroom behind one address sends many. */
export const XAPI_REQUESTS_PER_MINUTE_MAX = 20_000;
/** Route options every LRS route shares. */
export const XAPI_ROUTE_CONFIG = { rateLimit: { max: XAPI_REQUESTS_PER_MINUTE_MAX, timeWindow: '1 minute' } };
export const XAPI_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const;
