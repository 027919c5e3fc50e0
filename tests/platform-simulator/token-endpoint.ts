import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { readForm, sendJson } from './http.ts';
import { CLIENT_ASSERTION_LIFETIME_MAX_S, CLOCK_SKEW_S } from './limits.ts';
import type { PlatformState } from './platform-state.ts';
import { unverifiedIssuer, verifyToolJwt } from './tool-jwt.ts';
import { CLIENT_ASSERTION_TYPE } from './vocabulary.ts';

interface Grant {
  clientId: string | undefined;
  scopesRequested: string[];
  scopesGranted: string[];
  problems: string[];
  /** RFC 6749 §5.2 error code when refused. */
  error: 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type' | undefined;
}

/** Checks the client credentials grant with a JWT client assertion (Security Framework §4.1, RFC 7523 §3). */
async function checkTokenRequest(state: PlatformState, form: URLSearchParams): Promise<Grant> {
  const scopesRequested = (form.get('scope') ?? '').split(' ').filter((scope) => scope !== '');
  const refuse = (error: Grant['error'], problems: string[], clientId?: string): Grant => ({ clientId, scopesRequested, scopesGranted: [], problems, error });
  if (form.get('grant_type') !== 'client_credentials') return refuse('unsupported_grant_type', [`grant_type must be client_credentials, got ${JSON.stringify(form.get('grant_type'))}`]);
  if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) return refuse('invalid_request', [`client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`]);
  const assertion = form.get('client_assertion') ?? '';
  const clientId = unverifiedIssuer(assertion);
  const tool = state.tools.get(clientId);
  if (tool === undefined) return refuse('invalid_client', [`client assertion iss ${JSON.stringify(clientId)} is not a registered client_id`]);
  const tokenUrl = state.endpoint('/token');
  const verified = await verifyToolJwt(assertion, tool, { issuer: clientId, audience: tokenUrl, subject: clientId });
  if (verified.payload === undefined) return refuse('invalid_client', verified.problems, clientId);
  const { jti, exp, iat } = verified.payload;
  if (typeof jti !== 'string' || jti === '') return refuse('invalid_client', ['client assertion has no jti'], clientId);
  if (state.usedAssertionIds.has(jti)) return refuse('invalid_client', [`client assertion jti ${jti} was already used`], clientId);
  if (exp !== undefined && iat !== undefined && exp - iat > CLIENT_ASSERTION_LIFETIME_MAX_S) return refuse('invalid_client', ['client assertion lives longer than an hour'], clientId);
  const formClientId = form.get('client_id');
  if (formClientId !== null && formClientId !== clientId) return refuse('invalid_client', ['client_id parameter differs from the assertion'], clientId);
  for (const [usedJti, expiresAtMs] of state.usedAssertionIds) if (expiresAtMs + CLOCK_SKEW_S * 1000 < Date.now()) state.usedAssertionIds.delete(usedJti);
  state.usedAssertionIds.set(jti, (exp ?? 0) * 1000);
  if (scopesRequested.length === 0) return refuse('invalid_scope', ['no scope requested'], clientId);
  // Only what was asked and is allowed (RFC 6749 §3.3); an entirely disallowed request is refused.
  const scopesGranted = scopesRequested.filter((scope) => tool.scopesAllowed.includes(scope));
  if (scopesGranted.length === 0) return refuse('invalid_scope', [`none of the requested scopes is allowed: ${scopesRequested.join(' ')}`], clientId);
  return { clientId, scopesRequested, scopesGranted, problems: [], error: undefined };
}

export async function handleToken(state: PlatformState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'POST') {
    sendJson(response, 405, { error: 'invalid_request', error_description: 'the token endpoint takes POST' }, 'application/json', { allow: 'POST' });
    return;
  }
  const grant = await checkTokenRequest(state, await readForm(request));
  const status = grant.error === undefined ? 200 : grant.error === 'invalid_client' ? 401 : 400;
  state.tokenRequests.push({ clientId: grant.clientId, scopesRequested: grant.scopesRequested, scopesGranted: grant.scopesGranted, status, problems: grant.problems, atMs: Date.now() });
  if (grant.error !== undefined || grant.clientId === undefined) {
    sendJson(response, status, { error: grant.error, error_description: grant.problems.join('; ') });
    return;
  }
  const accessToken = randomBytes(32).toString('base64url');
  state.accessTokens.set(accessToken, { clientId: grant.clientId, scopes: grant.scopesGranted, expiresAtMs: Date.now() + state.accessTokenLifetimeS * 1000 });
  sendJson(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: state.accessTokenLifetimeS, scope: grant.scopesGranted.join(' ') });
}
