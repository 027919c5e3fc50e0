import { SignJWT, calculateJwkThumbprint, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { LtiError } from './errors.ts';
import { buildJwks, exportToolKeyPem, generateToolKey, importToolKey } from './tool-keys.ts';

describe('tool keys', () => {
  it('generates an RSA-2048 key whose kid is the RFC 7638 thumbprint and whose public JWK is complete', async () => {
    const key = await generateToolKey();
    expect(key.publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: key.kid, e: 'AQAB' });
    expect(Buffer.from(key.publicJwk.n, 'base64url').length * 8).toBe(2048);
    expect('d' in key.publicJwk).toBe(false);
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty: 'RSA', n: key.publicJwk.n, e: key.publicJwk.e }));
  });

  it('round-trips through PKCS#8 PEM with the same kid, and signs what the public JWK verifies', async () => {
    const key = await generateToolKey();
    const pem = await exportToolKeyPem(key);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const restored = await importToolKey(pem);
    expect(restored.kid).toBe(key.kid);
    expect(restored.publicJwk).toEqual(key.publicJwk);
    const jwt = await new SignJWT({ hello: 'world' }).setProtectedHeader({ alg: 'RS256', kid: restored.kid }).sign(restored.privateKey);
    const { payload } = await jwtVerify(jwt, key.publicJwk);
    expect(payload.hello).toBe('world');
  });

  it('refuses a PEM that is not a private RSA key', async () => {
    const error = await importToolKey('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LtiError);
    expect((error as LtiError).code).toBe('key_invalid');
  });

  it('builds a JWKS with the current and the next key, once each', async () => {
    const current = await generateToolKey();
    const next = await generateToolKey();
    const jwks = buildJwks([current, next, current]);
    expect(jwks.keys.map((key) => key.kid)).toEqual([current.kid, next.kid]);
  });
});
