import { LtiError } from './errors.ts';
import type { LtiErrorCode } from './errors.ts';

/** The `fetch` the caller injects: the global one in production and tests, anything compatible. */
export type FetchFunction = typeof fetch;

/** A platform that hangs must not hold a launch or an outbox worker for long. */
export const PLATFORM_REQUEST_TIMEOUT_MS = 10_000;
/** Answers larger than this are refused before parsing (JWKS, token, AGS, NRPS pages). */
export const PLATFORM_RESPONSE_BYTES_MAX = 5 * 1024 * 1024;
/** How much of an error body is kept for the log detail. */
const ERROR_BODY_CHARS_MAX = 300;

export interface PlatformRequest {
  fetch: FetchFunction;
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  bodyBytesMax?: number;
  /** The code thrown when the platform cannot be reached or answers badly. */
  errorCode?: LtiErrorCode;
  /** Named in the log detail, e.g. "AGS score". */
  purpose: string;
}

export interface PlatformResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Makes one request to a platform with a timeout and a body size limit, and refuses non-2xx
 * answers with a readable error. Redirects are not followed: a bearer token must not travel to
 * wherever a platform (or an attacker controlling its DNS) points.
 */
export async function requestPlatform(request: PlatformRequest): Promise<PlatformResponse> {
  const errorCode = request.errorCode ?? 'platform_error';
  let response: Response;
  try {
    response = await request.fetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers ?? {},
      body: request.body ?? null,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs ?? PLATFORM_REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new LtiError(errorCode, `${request.purpose}: request to ${request.url} failed`, { cause: error });
  }
  const text = await readBodyLimited(response, request.bodyBytesMax ?? PLATFORM_RESPONSE_BYTES_MAX, errorCode, request.purpose);
  if (response.status < 200 || response.status > 299) {
    throw new LtiError(
      errorCode,
      `${request.purpose}: ${request.url} answered ${response.status}: ${text.slice(0, ERROR_BODY_CHARS_MAX)}`,
    );
  }
  return { status: response.status, headers: response.headers, text };
}

/** Requests and parses a JSON answer; a body that is not JSON is the platform's error. */
export async function requestPlatformJson(request: PlatformRequest): Promise<{ response: PlatformResponse; body: unknown }> {
  const response = await requestPlatform(request);
  try {
    return { response, body: JSON.parse(response.text) as unknown };
  } catch (error) {
    throw new LtiError(request.errorCode ?? 'platform_error', `${request.purpose}: answer is not JSON`, { cause: error });
  }
}

/**
 * Reads at most `bytesMax` bytes. Content-Length is checked first but not trusted: the stream is
 * counted as it arrives so a lying or chunked answer cannot exhaust memory.
 */
async function readBodyLimited(response: Response, bytesMax: number, errorCode: LtiErrorCode, purpose: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > bytesMax) {
    await response.body?.cancel();
    throw new LtiError(errorCode, `${purpose}: answer of ${declared} bytes exceeds ${bytesMax}`);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > bytesMax) {
        await reader.cancel();
        throw new LtiError(errorCode, `${purpose}: answer exceeds ${bytesMax} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof LtiError) throw error;
    throw new LtiError(errorCode, `${purpose}: reading the answer failed`, { cause: error });
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for hosts a test platform runs on; the only place plain http is accepted. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
