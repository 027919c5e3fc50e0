import type { IncomingMessage } from 'node:http';

import { bearerTokenOf, HttpProblem } from './http.ts';
import type { AccessToken, PlatformState } from './platform-state.ts';

/**
 * RFC 6750 §3.1: no or a bad token is 401 with a WWW-Authenticate challenge; a good token
 * without any of the scopes the operation accepts is 403 insufficient_scope.
 */
export function authorizeService(state: PlatformState, request: IncomingMessage, acceptedScopes: readonly string[]): AccessToken {
  const token = bearerTokenOf(request);
  const grant = token === undefined ? undefined : state.accessTokens.get(token);
  if (grant === undefined || grant.expiresAtMs <= Date.now()) {
    const reason = token === undefined ? 'no bearer token' : grant === undefined ? 'unknown access token' : 'access token expired';
    throw new HttpProblem(401, [reason], { 'www-authenticate': `Bearer error="invalid_token", error_description="${reason}"` });
  }
  if (!acceptedScopes.some((scope) => grant.scopes.includes(scope))) {
    throw new HttpProblem(403, [`token lacks every scope this operation accepts: ${acceptedScopes.join(' ')}`], {
      'www-authenticate': `Bearer error="insufficient_scope", scope="${acceptedScopes.join(' ')}"`,
    });
  }
  return grant;
}
