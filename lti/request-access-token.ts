import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { LtiError } from './errors.ts';
import { isRecord, requestPlatformJson } from './platform-http.ts';
import type { FetchFunction } from './platform-http.ts';
import type { ToolKey } from './tool-keys.ts';

/** Lifetime of the client assertion JWT: it is used at once, so short (Security Framework §4.1.1). */
export const CLIENT_ASSERTION_LIFETIME_SECONDS = 300;
/** When the platform omits expires_in (RFC 6749 §5.1 makes it RECOMMENDED only), assume this. */
export const ACCESS_TOKEN_DEFAULT_LIFETIME_SECONDS = 3600;
/** Longest access token we keep; a bigger one is not a token. */
export const ACCESS_TOKEN_CHARS_MAX = 8192;
export const TOKEN_RESPONSE_BYTES_MAX = 64 * 1024;

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface ClientAssertionInput {
  clientId: string;
  tokenEndpoint: string;
  /** The platform's `authorization_server` / token audience when it differs from the endpoint. */
  audience?: string | undefined;
  key: ToolKey;
  nowMs?: number;
}

/**
 * The `private_key_jwt` client assertion (Security Framework §4.1.1, RFC 7523 §3): iss and sub
 * are our client_id, aud is the token endpoint (or the audience the platform names), jti is
 * unique so the platform can refuse a replay.
 */
export async function buildClientAssertion(input: ClientAssertionInput): Promise<string> {
  const nowSeconds = Math.floor((input.nowMs ?? Date.now()) / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: input.key.kid, typ: 'JWT' })
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.audience ?? input.tokenEndpoint)
    .setJti(randomUUID())
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + CLIENT_ASSERTION_LIFETIME_SECONDS)
    .sign(input.key.privateKey);
}

export interface AccessToken {
  accessToken: string;
  /** The scopes granted, which may be fewer than asked (RFC 6749 §3.3). */
  scopes: string[];
  expiresAtMs: number;
}

/**
 * Asks the platform's token endpoint for an access token with only `scopes` (least privilege:
 * a score poster never holds the roster scope), by the client credentials grant.
 */
export async function requestAccessToken(
  input: ClientAssertionInput & { scopes: readonly string[]; fetch: FetchFunction },
): Promise<AccessToken> {
  const nowMs = input.nowMs ?? Date.now();
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: await buildClientAssertion({ ...input, nowMs }),
    scope: input.scopes.join(' '),
  });
  const { body } = await requestPlatformJson({
    fetch: input.fetch,
    url: input.tokenEndpoint,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
    bodyBytesMax: TOKEN_RESPONSE_BYTES_MAX,
    purpose: 'access token',
  });
  if (!isRecord(body) || typeof body.access_token !== 'string' || body.access_token.length === 0 || body.access_token.length > ACCESS_TOKEN_CHARS_MAX) {
    throw new LtiError('platform_error', 'token endpoint answered without a usable access_token');
  }
  if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') {
    throw new LtiError('platform_error', `token_type ${body.token_type} is not Bearer`);
  }
  const lifetimeSeconds =
    typeof body.expires_in === 'number' && Number.isFinite(body.expires_in) && body.expires_in > 0
      ? body.expires_in
      : ACCESS_TOKEN_DEFAULT_LIFETIME_SECONDS;
  return {
    accessToken: body.access_token,
    scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter((scope) => scope.length > 0) : [...input.scopes],
    expiresAtMs: nowMs + lifetimeSeconds * 1000,
  };
}
