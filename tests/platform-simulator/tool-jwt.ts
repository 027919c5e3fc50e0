import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

import { CLOCK_SKEW_S, TOOL_REQUEST_TIMEOUT_MS } from './limits.ts';
import type { ToolClient } from './records.ts';

/**
 * Fetches the tool's JWKS on every verification: a test platform has no reason to cache, and a
 * fresh fetch lets key-rotation tests see the tool's newly published key at once.
 */
async function fetchToolJwks(jwksUrl: string): Promise<JSONWebKeySet> {
  const response = await fetch(jwksUrl, { signal: AbortSignal.timeout(TOOL_REQUEST_TIMEOUT_MS), headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`tool JWKS at ${jwksUrl} answered ${response.status}`);
  const body = (await response.json()) as JSONWebKeySet;
  if (!Array.isArray(body.keys)) throw new Error(`tool JWKS at ${jwksUrl} has no keys array`);
  return body;
}

/** The unverified `iss` of a JWT, to find which client signed it ('' when unreadable). */
export function unverifiedIssuer(token: string): string {
  try {
    const issuer = decodeJwt(token).iss;
    return typeof issuer === 'string' ? issuer : '';
  } catch {
    return '';
  }
}

/**
 * Verifies a JWT the tool signed: RS256 only, a kid that its JWKS publishes, and the standard
 * claims asked for. Returns the payload or the reason it failed.
 */
export async function verifyToolJwt(
  token: string,
  tool: ToolClient,
  expected: { issuer: string; audience: string; subject?: string },
): Promise<{ payload: JWTPayload; problems: [] } | { payload: undefined; problems: string[] }> {
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'RS256') return { payload: undefined, problems: [`alg must be RS256 (Security Framework §5.4), got ${String(header.alg)}`] };
    if (typeof header.kid !== 'string' || header.kid === '') return { payload: undefined, problems: ['JWT header has no kid (Security Framework §6.3)'] };
    const jwks = await fetchToolJwks(tool.jwksUrl);
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      algorithms: ['RS256'],
      issuer: expected.issuer,
      audience: expected.audience,
      ...(expected.subject === undefined ? {} : { subject: expected.subject }),
      clockTolerance: CLOCK_SKEW_S,
      requiredClaims: ['exp', 'iat'],
    });
    return { payload, problems: [] };
  } catch (error) {
    return { payload: undefined, problems: [`JWT rejected: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`] };
  }
}
