import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixtureWebRoot } from './helpers/fixture-content.ts';

/** Helmet's headers that only a page uses (server/http/security-headers.ts). */
const DOCUMENT_ONLY_HEADERS = ['origin-agent-cluster', 'referrer-policy', 'strict-transport-security'];

// Pages and API answers carry every security header; the hashed build assets and the course
// content JSON, a dozen of them on each first screen, keep only what protects a subresource.
describe('security headers by kind of response', () => {
  let web: ReturnType<typeof createFixtureWebRoot>;
  let context: TestApp;
  let scriptPath: string;

  beforeAll(async () => {
    web = createFixtureWebRoot();
    context = await createTestApp('pglite', {}, { webRoot: web.webRoot });
    const entries = fs.readdirSync(path.join(web.webRoot, '_app', 'immutable', 'entry'));
    const start = entries.find((file) => file.startsWith('start.') && file.endsWith('.js'));
    if (start === undefined) throw new Error('the web build has no start entry: run `npm run build`');
    scriptPath = `/_app/immutable/entry/${start}`;
  });
  afterAll(async () => {
    await context?.close();
    web?.remove();
  });

  async function get(url: string, accept = '*/*'): Promise<Record<string, unknown>> {
    const response = await context.app.inject({ method: 'GET', url, headers: { accept, 'accept-encoding': 'br, gzip' } });
    expect(response.statusCode).toBe(200);
    return response.headers;
  }

  function expectDocumentHeaders(headers: Record<string, unknown>): void {
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(headers['origin-agent-cluster']).toBe('?1');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(headers['permissions-policy']).toContain('camera=()');
  }

  function expectSubresourceHeaders(headers: Record<string, unknown>): void {
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cross-origin-resource-policy']).toBe('same-origin');
    for (const name of [...DOCUMENT_ONLY_HEADERS, 'content-security-policy', 'permissions-policy']) expect(headers[name], name).toBeUndefined();
  }

  it('sends a page every security header', async () => {
    const headers = await get('/learn/rivertown/basics/factors', 'text/html');
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expectDocumentHeaders(headers);
  });

  it('sends an API answer every security header', async () => {
    expectDocumentHeaders(await get('/healthz', 'application/json'));
  });

  it('sends a hashed script nosniff and its resource policy, without the headers of a page', async () => {
    const headers = await get(scriptPath);
    expect(headers['content-encoding']).toBe('br');
    expect(headers['cache-control']).toContain('immutable');
    expectSubresourceHeaders(headers);
  });

  it('sends course content JSON nosniff and its resource policy, still revalidated', async () => {
    const headers = await get('/content/rivertown/en/course.json', 'application/json');
    expect(headers['cache-control']).toBe('no-cache');
    expect(headers.etag).toBeDefined();
    expectSubresourceHeaders(headers);
  });

  it('keeps the headers of a page on course media, which a browser may open as one', async () => {
    const headers = await get('/content/rivertown/media/map.png');
    expect(headers['content-type']).toBe('image/png');
    expectDocumentHeaders(headers);
  });
});
