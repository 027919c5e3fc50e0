import { generateKeyPairSync } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';
import { LtiError } from './errors.ts';
import { JWKS_CACHE_TTL_MS, JWKS_REFETCH_INTERVAL_MIN_MS, JWKS_RESPONSE_BYTES_MAX, JwksCache } from './jwks-cache.ts';
import { generatePlatformKey, sendJson, startTestServer } from './test-helpers.ts';
import type { TestServer } from './test-helpers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A platform whose published keys the test changes between requests, as in a key rotation. */
async function startRotatingPlatform(initialKeys: unknown[]) {
  const state = { keys: initialKeys };
  server = await startTestServer((_request, response) => sendJson(response, 200, { keys: state.keys }));
  return { state, jwksUrl: `${server.url}/jwks`, fetchCount: () => server?.requests.length ?? 0 };
}

function clock(startMs: number) {
  const time = { nowMs: startMs };
  return { time, now: () => time.nowMs };
}

describe('JwksCache', () => {
  it('returns the key for a kid and serves later lookups from the cache', async () => {
    const key = await generatePlatformKey('k1');
    const platform = await startRotatingPlatform([key.publicJwk]);
    const cache = new JwksCache({ fetch });
    const first = await cache.getKey(platform.jwksUrl, 'k1');
    expect(first.asymmetricKeyType).toBe('rsa');
    await cache.getKey(platform.jwksUrl, 'k1');
    expect(platform.fetchCount()).toBe(1);
  });

  it('re-fetches once on an unknown kid and finds a rotated key', async () => {
    const oldKey = await generatePlatformKey('old');
    const newKey = await generatePlatformKey('new');
    const { time, now } = clock(1_000_000);
    const platform = await startRotatingPlatform([oldKey.publicJwk]);
    const cache = new JwksCache({ fetch, now });
    await cache.getKey(platform.jwksUrl, 'old');
    platform.state.keys = [oldKey.publicJwk, newKey.publicJwk];
    time.nowMs += JWKS_REFETCH_INTERVAL_MIN_MS;
    await expect(cache.getKey(platform.jwksUrl, 'new')).resolves.toBeDefined();
    expect(platform.fetchCount()).toBe(2);
  });

  it('re-fetches only once for a kid that stays unknown, and not again within the interval', async () => {
    const key = await generatePlatformKey('k1');
    const { time, now } = clock(1_000_000);
    const platform = await startRotatingPlatform([key.publicJwk]);
    const cache = new JwksCache({ fetch, now });
    await cache.getKey(platform.jwksUrl, 'k1');
    time.nowMs += JWKS_REFETCH_INTERVAL_MIN_MS;
    await expect(cache.getKey(platform.jwksUrl, 'made-up')).rejects.toMatchObject({ code: 'kid_unknown' });
    expect(platform.fetchCount()).toBe(2);
    await expect(cache.getKey(platform.jwksUrl, 'made-up-2')).rejects.toMatchObject({ code: 'kid_unknown' });
    expect(platform.fetchCount()).toBe(2);
  });

  it('fetches a key set it has never seen only once, even when the kid is missing', async () => {
    const key = await generatePlatformKey('k1');
    const platform = await startRotatingPlatform([key.publicJwk]);
    await expect(new JwksCache({ fetch }).getKey(platform.jwksUrl, 'absent')).rejects.toMatchObject({ code: 'kid_unknown' });
    expect(platform.fetchCount()).toBe(1);
  });

  it('fetches again once the TTL has passed', async () => {
    const key = await generatePlatformKey('k1');
    const { time, now } = clock(5_000_000);
    const platform = await startRotatingPlatform([key.publicJwk]);
    const cache = new JwksCache({ fetch, now });
    await cache.getKey(platform.jwksUrl, 'k1');
    time.nowMs += JWKS_CACHE_TTL_MS - 1;
    await cache.getKey(platform.jwksUrl, 'k1');
    expect(platform.fetchCount()).toBe(1);
    time.nowMs += 1;
    platform.state.keys = [];
    await expect(cache.getKey(platform.jwksUrl, 'k1')).rejects.toMatchObject({ code: 'kid_unknown' });
    expect(platform.fetchCount()).toBe(2);
  });

  it('shares one fetch between concurrent lookups', async () => {
    const key = await generatePlatformKey('k1');
    const platform = await startRotatingPlatform([key.publicJwk]);
    const cache = new JwksCache({ fetch });
    await Promise.all([cache.getKey(platform.jwksUrl, 'k1'), cache.getKey(platform.jwksUrl, 'k1'), cache.getKey(platform.jwksUrl, 'k1')]);
    expect(platform.fetchCount()).toBe(1);
  });

  it('never uses symmetric, encryption or private keys even under the requested kid', async () => {
    const key = await generatePlatformKey('rsa');
    const platform = await startRotatingPlatform([
      { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' },
      { ...key.publicJwk, kid: 'enc', use: 'enc' },
      { ...key.publicJwk, kid: 'rs512', alg: 'RS512' },
    ]);
    const cache = new JwksCache({ fetch, refetchIntervalMinMs: Number.MAX_SAFE_INTEGER });
    for (const kid of ['hmac', 'enc', 'rs512']) {
      await expect(cache.getKey(platform.jwksUrl, kid)).rejects.toMatchObject({ code: 'kid_unknown' });
    }
  });

  it('never uses an RSA key shorter than 2048 bits, nor one with an exponent other than 65537', async () => {
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const oddExponent = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 }).publicKey;
    const platform = await startRotatingPlatform([
      { ...short.export({ format: 'jwk' }), kid: 'short', alg: 'RS256', use: 'sig' },
      { ...oddExponent.export({ format: 'jwk' }), kid: 'exponent-3', alg: 'RS256', use: 'sig' },
    ]);
    const cache = new JwksCache({ fetch, refetchIntervalMinMs: Number.MAX_SAFE_INTEGER });
    for (const kid of ['short', 'exponent-3']) {
      await expect(cache.getKey(platform.jwksUrl, kid)).rejects.toMatchObject({ code: 'kid_unknown' });
    }
  });

  it('refuses a key set larger than the size limit', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [], padding: 'x'.repeat(JWKS_RESPONSE_BYTES_MAX) }));
    });
    const error = await new JwksCache({ fetch }).getKey(`${server.url}/jwks`, 'k1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LtiError);
    expect((error as LtiError).code).toBe('jwks_unavailable');
  });

  it('refuses a platform that answers with an error or not JSON', async () => {
    server = await startTestServer((request, response) => {
      if (request.url === '/down') sendJson(response, 503, { error: 'maintenance' });
      else response.end('<html>login</html>');
    });
    await expect(new JwksCache({ fetch }).getKey(`${server.url}/down`, 'k1')).rejects.toMatchObject({ code: 'jwks_unavailable' });
    await expect(new JwksCache({ fetch }).getKey(`${server.url}/html`, 'k1')).rejects.toMatchObject({ code: 'jwks_unavailable' });
  });
});
