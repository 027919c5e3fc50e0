import { jwtVerify } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_EXPIRY_MARGIN_MS, AccessTokenCache } from './access-token-cache.ts';
import { CLIENT_ASSERTION_LIFETIME_SECONDS, CLIENT_ASSERTION_TYPE, buildClientAssertion, requestAccessToken } from './request-access-token.ts';
import type { AccessToken } from './request-access-token.ts';
import { AGS_SCOPE_SCORE, NRPS_SCOPE_CONTEXT_MEMBERSHIP_READONLY } from './service-scopes.ts';
import { sendJson, startTestServer } from './test-helpers.ts';
import type { TestServer } from './test-helpers.ts';
import { generateToolKey } from './tool-keys.ts';
import type { ToolKey } from './tool-keys.ts';

let toolKey: ToolKey;
let server: TestServer | undefined;
beforeAll(async () => {
  toolKey = await generateToolKey();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A token endpoint that checks the client assertion as a platform must (Security Framework §4.1.1). */
async function startTokenEndpoint(expectedAudience?: string): Promise<TestServer> {
  const seenJtis = new Set<string>();
  const started = await startTestServer((request, response) => {
    const form = new URLSearchParams(request.body);
    const tokenUrl = `${started.url}/token`;
    if (form.get('grant_type') !== 'client_credentials' || form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) {
      sendJson(response, 400, { error: 'unsupported_grant_type' });
      return;
    }
    jwtVerify(form.get('client_assertion') ?? '', toolKey.publicJwk, { algorithms: ['RS256'], issuer: 'client-1', subject: 'client-1', audience: expectedAudience ?? tokenUrl })
      .then(({ payload }) => {
        if (typeof payload.jti !== 'string' || seenJtis.has(payload.jti)) throw new Error('replayed jti');
        seenJtis.add(payload.jti);
        sendJson(response, 200, { access_token: `token-${seenJtis.size}`, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') });
      })
      .catch(() => sendJson(response, 401, { error: 'invalid_client' }));
  });
  return started;
}

describe('buildClientAssertion', () => {
  it('sets iss = sub = client_id, aud = token endpoint, a jti, iat and a short exp', async () => {
    const nowSeconds = 1_900_000_000;
    const jwt = await buildClientAssertion({ clientId: 'c', tokenEndpoint: 'https://lms.example.org/token', key: toolKey, nowMs: nowSeconds * 1000 });
    const { payload, protectedHeader } = await jwtVerify(jwt, toolKey.publicJwk, { currentDate: new Date(nowSeconds * 1000) });
    expect(protectedHeader.kid).toBe(toolKey.kid);
    expect(payload).toMatchObject({ iss: 'c', sub: 'c', aud: 'https://lms.example.org/token', iat: nowSeconds, exp: nowSeconds + CLIENT_ASSERTION_LIFETIME_SECONDS });
    expect(typeof payload.jti).toBe('string');
  });
});

describe('requestAccessToken', () => {
  it('gets a token for only the scopes asked, authenticated by private_key_jwt', async () => {
    server = await startTokenEndpoint();
    const nowMs = Date.now();
    const token = await requestAccessToken({ clientId: 'client-1', tokenEndpoint: `${server.url}/token`, key: toolKey, scopes: [AGS_SCOPE_SCORE], fetch, nowMs });
    expect(token).toEqual({ accessToken: 'token-1', scopes: [AGS_SCOPE_SCORE], expiresAtMs: nowMs + 3600 * 1000 });
    expect(new URLSearchParams(server.requests[0]?.body).get('scope')).toBe(AGS_SCOPE_SCORE);
  });

  it('uses the platform audience for the assertion when one is given', async () => {
    server = await startTokenEndpoint('https://lms.example.org/oauth2/aud');
    await expect(requestAccessToken({ clientId: 'client-1', tokenEndpoint: `${server.url}/token`, audience: 'https://lms.example.org/oauth2/aud', key: toolKey, scopes: [AGS_SCOPE_SCORE], fetch })).resolves.toMatchObject({ accessToken: 'token-1' });
  });

  it('refuses when the platform rejects the assertion or answers without a token', async () => {
    server = await startTokenEndpoint();
    const otherKey = await generateToolKey();
    await expect(requestAccessToken({ clientId: 'client-1', tokenEndpoint: `${server.url}/token`, key: otherKey, scopes: [AGS_SCOPE_SCORE], fetch })).rejects.toMatchObject({ code: 'platform_error' });
    await server.close();
    server = await startTestServer((_request, response) => sendJson(response, 200, { token_type: 'Bearer' }));
    await expect(requestAccessToken({ clientId: 'client-1', tokenEndpoint: `${server.url}/token`, key: toolKey, scopes: [AGS_SCOPE_SCORE], fetch })).rejects.toMatchObject({ code: 'platform_error' });
  });
});

describe('AccessTokenCache', () => {
  it('keeps a token per (platform, scopes) until shortly before it expires', async () => {
    const time = { nowMs: 0 };
    const cache = new AccessTokenCache({ now: () => time.nowMs });
    let requests = 0;
    const request = async (): Promise<AccessToken> => {
      requests += 1;
      return { accessToken: `t${requests}`, scopes: [AGS_SCOPE_SCORE], expiresAtMs: time.nowMs + 3600_000 };
    };
    const key = { tokenEndpoint: 'https://lms/token', clientId: 'c', scopes: [AGS_SCOPE_SCORE, NRPS_SCOPE_CONTEXT_MEMBERSHIP_READONLY] };
    expect((await cache.getOrRequest(key, request)).accessToken).toBe('t1');
    expect((await cache.getOrRequest({ ...key, scopes: [...key.scopes].reverse() }, request)).accessToken).toBe('t1');
    expect((await cache.getOrRequest({ ...key, scopes: [AGS_SCOPE_SCORE] }, request)).accessToken).toBe('t2');
    time.nowMs = 3600_000 - ACCESS_TOKEN_EXPIRY_MARGIN_MS - 1;
    expect((await cache.getOrRequest(key, request)).accessToken).toBe('t1');
    time.nowMs += 1;
    expect((await cache.getOrRequest(key, request)).accessToken).toBe('t3');
    cache.invalidate(key);
    expect((await cache.getOrRequest(key, request)).accessToken).toBe('t4');
  });

  it('shares one request between concurrent callers and forgets a failed one', async () => {
    const cache = new AccessTokenCache();
    let requests = 0;
    const key = { tokenEndpoint: 'https://lms/token', clientId: 'c', scopes: [AGS_SCOPE_SCORE] };
    const slow = async (): Promise<AccessToken> => {
      requests += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { accessToken: 'shared', scopes: [], expiresAtMs: Date.now() + 3600_000 };
    };
    await Promise.all([cache.getOrRequest(key, slow), cache.getOrRequest(key, slow)]);
    expect(requests).toBe(1);
    const other = { ...key, clientId: 'd' };
    await expect(cache.getOrRequest(other, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect((await cache.getOrRequest(other, slow)).accessToken).toBe('shared');
  });
});
