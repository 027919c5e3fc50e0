import { createLocalJWKSet, importPKCS8, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../server/db/index.ts';
import { databaseKinds } from './helpers/database.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

describe.each(databaseKinds())('foundation on %s', (kind) => {
  let context: TestApp;

  beforeAll(async () => {
    context = await createTestApp(kind, { PUBLIC_URL: 'https://tool.example.org' });
  });
  afterAll(async () => {
    await context.close();
  });

  it('answers /healthz with the database kind', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: kind });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serves the tool key as a JWKS with a kid, the same at both addresses', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/lti/jwks' });
    expect(response.statusCode).toBe(200);
    const { keys } = response.json<{ keys: Array<Record<string, string>> }>();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(keys[0]?.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys[0]).not.toHaveProperty('d');
    const wellKnown = await context.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(wellKnown.json()).toEqual(response.json());
  });

  it('publishes the key that matches the stored private key', async () => {
    const [row] = await context.database.db.select().from(schema.toolKeys);
    if (row === undefined) throw new Error('no key stored');
    const privateKey = await importPKCS8(row.privateKeyPem, 'RS256');
    const token = await new SignJWT({ probe: true }).setProtectedHeader({ alg: 'RS256', kid: row.kid }).sign(privateKey);
    const jwks = (await context.app.inject({ method: 'GET', url: '/lti/jwks' })).json();
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks));
    expect(payload.probe).toBe(true);
  });

  it('derives every registration URL from PUBLIC_URL', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/lti/config' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.urls).toMatchObject({
      registration: 'https://tool.example.org/lti/register',
      login: 'https://tool.example.org/lti/login',
      launch: 'https://tool.example.org/lti/launch',
      jwks: 'https://tool.example.org/lti/jwks',
      xapi: 'https://tool.example.org/xapi',
    });
    expect(body.toolConfiguration['https://purl.imsglobal.org/spec/lti-tool-configuration'].domain).toBe('tool.example.org');
    expect(body.toolConfiguration.scope).toContain('https://purl.imsglobal.org/spec/lti-ags/scope/score');
  });

  it('lets only the tool itself frame it while no platform is registered', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists registered platforms in frame-ancestors and never frames the admin face', async () => {
    const [organisation] = await context.database.db
      .insert(schema.organisations)
      .values({ name: 'NALAS', kind: 'nalas' })
      .returning();
    await context.database.db.insert(schema.platforms).values({
      issuer: 'https://academy.nalas.example',
      clientId: 'client-1',
      name: 'NALAS e-Academy',
      authUrl: 'https://auth.nalas.example/mod/lti/auth.php',
      tokenUrl: 'https://academy.nalas.example/mod/lti/token.php',
      jwksUrl: 'https://academy.nalas.example/mod/lti/certs.php',
      organisationId: organisation?.id,
      isNalas: true,
      registrationMethod: 'manual',
    });
    context.app.invalidateFrameAncestors();
    const page = await context.app.inject({ method: 'GET', url: '/lti/config' });
    expect(page.headers['content-security-policy']).toContain(
      "frame-ancestors 'self' https://academy.nalas.example https://auth.nalas.example;",
    );
    const admin = await context.app.inject({ method: 'GET', url: '/api/admin/setup' });
    expect(admin.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('keeps the request id a proxy sent when it is plain, and replaces one that is not', async () => {
    const kept = await context.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'lb-1234.abc' } });
    expect(kept.headers['x-request-id']).toBe('lb-1234.abc');
    const replaced = await context.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad\nvalue' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('answers unknown API paths with a JSON 404 naming the route', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/nothing-here?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found', message: 'No route for GET /api/nothing-here' });
  });

  it('refuses an oversized body with 413 and a readable message', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
  });

  it('serves the OpenAPI description of the JSON API at /api/docs', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/admin/session', '/api/admin/accounts', '/lti/jwks']));
    const ui = await context.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});
