import http from 'node:http';
import https from 'node:https';

import { siteOf, type CookieJar, type RequestSite } from './cookie-jar.ts';
import { RESPONSE_BODY_MAX_CHARS, TOOL_REQUEST_TIMEOUT_MS } from './limits.ts';

export interface BrowserResponse {
  url: string;
  status: number;
  headers: Headers;
  body: string;
  /** Cookies the jar refused to store from this response (e.g. unpartitioned third-party ones). */
  refusedCookies: string[];
}

export interface BrowserRequest {
  url: string;
  method: 'GET' | 'POST';
  form?: Record<string, string>;
  site: RequestSite;
  /** Sec-Fetch-Dest: the tool runs in the LMS iframe or in its own window. */
  destination: 'iframe' | 'document';
  /** The local address the browser connects from (e.g. 127.0.0.12: another learner's machine); the system's choice by default. */
  localAddress?: string;
  /** The browser's Accept-Language (its user's languages); none by default. */
  acceptLanguage?: string;
}

function fetchSite(initiatorOrigin: string, targetOrigin: string): string {
  if (initiatorOrigin === targetOrigin) return 'same-origin';
  return siteOf(initiatorOrigin) === siteOf(targetOrigin) ? 'same-site' : 'cross-site';
}

/**
 * One navigation as Chromium would send it: cookies from the jar for this context, Origin on
 * POST, Sec-Fetch-* metadata, no redirect following (the driver follows them itself, so it can
 * see each hop), and Set-Cookie stored back into the jar.
 */
export async function sendBrowserRequest(jar: CookieJar, request: BrowserRequest): Promise<BrowserResponse> {
  const target = new URL(request.url);
  const headers: Record<string, string> = {
    accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
    'user-agent': 'lti-platform-simulator (Chromium-like)',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-dest': request.destination,
    'sec-fetch-site': fetchSite(request.site.initiatorOrigin, target.origin),
  };
  const cookie = jar.header(request.url, request.site);
  if (cookie !== '') headers.cookie = cookie;
  if (request.acceptLanguage !== undefined) headers['accept-language'] = request.acceptLanguage;
  let body: string | undefined;
  if (request.method === 'POST') {
    headers.origin = request.site.initiatorOrigin;
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form ?? {}).toString();
  }
  const response = await navigate(target, request.method, headers, body, request.localAddress);
  const refusedCookies = jar.store(response.headers.getSetCookie(), request.url, request.site);
  return { url: request.url, status: response.status, headers: response.headers, body: response.body.slice(0, RESPONSE_BODY_MAX_CHARS), refusedCookies };
}

/**
 * A browser keeps its connections open: one keep-alive agent per scheme. node:http rather than
 * fetch, whose streams cost two to three times the CPU per request, which a benchmark's clients
 * would take from the tool on the same cores. Redirects are not followed (the driver follows
 * them itself, to see each hop).
 */
const agents = new Map<string, http.Agent>();

/** The keep-alive agent of a scheme and local address (one per simulated machine). */
function agentFor(isHttps: boolean, localAddress: string | undefined): http.Agent {
  const key = `${isHttps ? 'https' : 'http'} ${localAddress ?? ''}`;
  let agent = agents.get(key);
  if (agent === undefined) {
    agent = isHttps ? new https.Agent({ keepAlive: true, localAddress }) : new http.Agent({ keepAlive: true, localAddress });
    agents.set(key, agent);
  }
  return agent;
}

function navigate(target: URL, method: 'GET' | 'POST', headers: Record<string, string>, body: string | undefined, localAddress: string | undefined): Promise<{ status: number; headers: Headers; body: string }> {
  const isHttps = target.protocol === 'https:';
  const requestHeaders = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const outgoing = (isHttps ? https : http).request(target, { method, headers: requestHeaders, agent: agentFor(isHttps, localAddress), timeout: TOOL_REQUEST_TIMEOUT_MS }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: headersOf(incoming.rawHeaders), body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${target.href} took longer than ${TOOL_REQUEST_TIMEOUT_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Response headers as fetch would give them (`getSetCookie()` keeps each Set-Cookie apart). */
function headersOf(rawHeaders: string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) headers.append(rawHeaders[index] as string, rawHeaders[index + 1] as string);
  return headers;
}

function decodeHtmlAttribute(value: string): string {
  return value.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** The action and hidden fields of the first form in an HTML page (enough for auto-submit pages). */
export function readForm(html: string): { action: string; fields: Record<string, string> } | undefined {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (form === null) return undefined;
  const action = /\baction="([^"]*)"/i.exec(form[0])?.[1];
  if (action === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const input of form[1]?.matchAll(/<input\b[^>]*>/gi) ?? []) {
    const name = /\bname="([^"]*)"/i.exec(input[0])?.[1];
    const value = /\bvalue="([^"]*)"/i.exec(input[0])?.[1];
    if (name !== undefined) fields[decodeHtmlAttribute(name)] = decodeHtmlAttribute(value ?? '');
  }
  return { action: decodeHtmlAttribute(action), fields };
}
