import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleAgs } from './ags-endpoints.ts';
import { handleAuth } from './auth-endpoint.ts';
import { handleDeepLinkReturn } from './deep-link-return.ts';
import { describeOpenIdConfiguration } from './discovery.ts';
import { sendEmbedPage } from './embed-page.ts';
import { htmlPage, HttpProblem, readForm, sendHtml, sendJson } from './http.ts';
import { handleMemberships } from './nrps-endpoint.ts';
import type { PlatformState } from './platform-state.ts';
import { handleRegistration } from './registration-endpoint.ts';
import { handleToken } from './token-endpoint.ts';

async function route(state: PlatformState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', state.baseUrl);
  const method = request.method ?? 'GET';
  const path = url.pathname;
  if (path === '/.well-known/openid-configuration' && method === 'GET') return sendJson(response, 200, describeOpenIdConfiguration(state));
  if (path === '/jwks' && method === 'GET') {
    state.jwksRequestCount += 1;
    return sendJson(response, 200, state.keys.jwks(), 'application/json', { 'cache-control': 'max-age=300' });
  }
  if (path === '/auth') return handleAuth(state, request, response, url, method === 'POST' ? await readForm(request) : undefined);
  if (path === '/token') return handleToken(state, request, response);
  if (path === '/registration') return handleRegistration(state, request, response);
  if (path.startsWith('/ags/')) return handleAgs(state, request, response, url);
  if (path.startsWith('/nrps/')) return handleMemberships(state, request, response, url);
  if (path === '/deep-link-return') return handleDeepLinkReturn(state, request, response, url);
  if (path === '/embed' && method === 'GET') return sendEmbedPage(state, response, url);
  if (path === '/return' && method === 'GET') return sendHtml(response, 200, htmlPage('Back in the course', '<h1>Back in the course</h1>'));
  throw new HttpProblem(404, [`no route for ${method} ${path}`]);
}

/** The request listener: problems become their status, anything else a 500 that names the error. */
export function createRequestListener(state: PlatformState): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    route(state, request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.end();
      if (error instanceof HttpProblem) return sendJson(response, error.status, { error: 'request_refused', problems: error.problems }, 'application/json', error.headers);
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 500, { error: 'simulator_error', message });
    });
  };
}
