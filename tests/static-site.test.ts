import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixtureWebRoot } from './helpers/fixture-content.ts';

/** The web app's pages go out compressed: they are the first bytes of every launch, on any line. */
describe('the web app pages', () => {
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
});
