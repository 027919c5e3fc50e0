import { afterEach, describe, expect, it } from 'vitest';
import { requestPlatform } from './platform-http.ts';
import { startTestServer } from './test-helpers.ts';
import type { TestServer } from './test-helpers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('requestPlatform', () => {
  it('gives up after the timeout when the platform does not answer', async () => {
    server = await startTestServer(() => undefined);
    const started = Date.now();
    await expect(requestPlatform({ fetch, url: `${server.url}/hang`, timeoutMs: 200, purpose: 'test' })).rejects.toMatchObject({ code: 'platform_error' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an answer over the size limit, declared or streamed', async () => {
    server = await startTestServer((request, response) => {
      if (request.url === '/declared') {
        response.writeHead(200, { 'content-length': '2000' });
        response.end('x'.repeat(2000));
      } else {
        response.writeHead(200);
        response.write('x'.repeat(600));
        response.end('x'.repeat(600));
      }
    });
    await expect(requestPlatform({ fetch, url: `${server.url}/declared`, bodyBytesMax: 1000, purpose: 'test' })).rejects.toMatchObject({ code: 'platform_error' });
    await expect(requestPlatform({ fetch, url: `${server.url}/chunked`, bodyBytesMax: 1000, purpose: 'test' })).rejects.toMatchObject({ code: 'platform_error' });
    await expect(requestPlatform({ fetch, url: `${server.url}/chunked`, bodyBytesMax: 1200, purpose: 'test' })).resolves.toMatchObject({ status: 200 });
  });

  it('does not follow a redirect (a bearer token must not travel elsewhere)', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(302, { location: '/elsewhere' });
      response.end();
    });
    await expect(requestPlatform({ fetch, url: `${server.url}/start`, headers: { authorization: 'Bearer t' }, purpose: 'test' })).rejects.toMatchObject({ code: 'platform_error' });
    expect(server.requests.map((request) => request.url)).toEqual(['/start']);
  });
});
