import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixtureWebRoot } from './helpers/fixture-content.ts';

/**
 * The web app's pages and hashed assets go out compressed and with as few header bytes as will
 * do: they are the first bytes of every launch, on any line.
 */
describe('the web app pages and assets', () => {
  let web: ReturnType<typeof createFixtureWebRoot>;
  let context: TestApp;

  beforeAll(async () => {
    web = createFixtureWebRoot();
    context = await createTestApp('pglite', {}, { webRoot: web.webRoot });
  });
  afterAll(async () => {
    await context?.close();
    web?.remove();
  });

  it.each(['/launch', '/admin', '/learn/rivertown/basics/factors'])('sends %s with brotli or gzip, as the client accepts', async (url) => {
    const request = (acceptEncoding: string | undefined) =>
      context.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) } });
    const brotli = await request('gzip, br');
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toContain('accept-encoding');
    expect((await request('gzip, br;q=0')).headers['content-encoding']).toBe('gzip');
    const plain = await request(undefined);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('<!doctype html>');
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length);
  });

  it('sends a hashed script as a module script cached for a year, without validators', async () => {
    const entries = fs.readdirSync(path.join(web.webRoot, '_app', 'immutable', 'entry'));
    const start = entries.find((file) => file.startsWith('start.') && file.endsWith('.js'));
    for (const acceptEncoding of ['gzip, br', undefined]) {
      const script = await context.app.inject({ method: 'GET', url: `/_app/immutable/entry/${start}`, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toBe('text/javascript');
      expect(script.headers['content-encoding']).toBe(acceptEncoding === undefined ? undefined : 'br');
      expect(script.headers['cache-control']).toBe('max-age=31536000, immutable');
      for (const name of ['etag', 'last-modified', 'accept-ranges']) expect(script.headers[name], name).toBeUndefined();
    }
  });

  it('answers a missing hashed script with a JSON 404, not a script', async () => {
    const missing = await context.app.inject({ method: 'GET', url: '/_app/immutable/entry/missing.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/json');
  });
});
