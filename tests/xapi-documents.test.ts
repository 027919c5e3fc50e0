import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../server/db/index.ts';
import { createLrsCredential } from '../server/xapi/auth/lrs-credentials.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';

type Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

describe.each(databaseKinds())('xAPI documents over HTTP on %s', (kind) => {
  let context: TestApp;
  let admin: string;

  async function credential(scopes: Parameters<typeof createLrsCredential>[1]['scopes'], organisationId: string | null = null): Promise<string> {
    const created = await createLrsCredential(context.database.db, { name: 'test', organisationId, scopes, createdBy: null });
    return `Basic ${Buffer.from(`${created.credential.key}:${created.secret}`).toString('base64')}`;
  }

  const send = (method: Method, url: string, options: { body?: string; type?: string; headers?: Record<string, string>; auth?: string; version?: string } = {}) =>
    context.app.inject({
      method,
      url,
      headers: {
        'x-experience-api-version': options.version ?? '2.0.0',
        authorization: options.auth ?? admin,
        ...(options.body === undefined ? {} : { 'content-type': options.type ?? 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { payload: options.body }),
    });

  function stateUrl(stateId?: string, extra: Record<string, string> = {}): string {
    const params = new URLSearchParams({
      activityId: 'https://example.org/activities/course',
      agent: JSON.stringify({ mbox: 'mailto:ana@example.org' }),
      ...(stateId === undefined ? {} : { stateId }),
      ...extra,
    });
    return `/xapi/activities/state?${params.toString()}`;
  }

  beforeAll(async () => {
    context = await createTestApp(kind);
    admin = await credential(['all']);
  });
  afterAll(async () => {
    await context.close();
  });

  it('stores State with PUT, returns it with ETag and Last-Modified, and enforces If-Match / If-None-Match', async () => {
    const url = stateUrl(`bookmark-${randomUUID()}`);
    expect((await send('GET', url)).statusCode).toBe(404);
    expect((await send('PUT', url, { body: '{"lesson":1}' })).statusCode).toBe(204);
    const read = await send('GET', url);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ lesson: 1 });
    expect(read.headers['content-type']).toBe('application/json');
    const etag = String(read.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(read.headers['last-modified']).toBeDefined();
    expect((await send('HEAD', url)).headers.etag).toBe(etag);

    // xAPI 2.0: no blind overwrite of an existing document.
    expect((await send('PUT', url, { body: '{"lesson":2}' })).statusCode).toBe(409);
    expect((await send('PUT', url, { body: '{"lesson":2}', headers: { 'if-match': '"stale"' } })).statusCode).toBe(412);
    expect((await send('PUT', url, { body: '{"lesson":2}', headers: { 'if-none-match': '*' } })).statusCode).toBe(412);
    expect((await send('PUT', url, { body: '{"lesson":2}', headers: { 'if-match': etag } })).statusCode).toBe(204);
    // xAPI 1.0.3 did not require the headers for State.
    expect((await send('PUT', url, { body: '{"lesson":3}', version: '1.0.3' })).statusCode).toBe(204);
    expect((await send('GET', url)).json()).toEqual({ lesson: 3 });
  });

  it('lets exactly one of two concurrent writers with the same If-Match win', async () => {
    const url = stateUrl(`race-${randomUUID()}`);
    await send('PUT', url, { body: '{"n":0}' });
    const etag = String((await send('GET', url)).headers.etag);
    const outcomes = await Promise.all(
      [1, 2, 3, 4].map((n) => send('PUT', url, { body: JSON.stringify({ n }), headers: { 'if-match': etag } })),
    );
    const statuses = outcomes.map((outcome) => outcome.statusCode).sort();
    expect(statuses).toEqual([204, 412, 412, 412]);
  });

  it('merges JSON with POST, refuses to merge non-JSON, lists ids with since, and deletes one or all', async () => {
    const registration = randomUUID();
    const extra = { registration };
    const before = new Date(Date.now() - 1000).toISOString();
    expect((await send('POST', stateUrl('a', extra), { body: '{"x":1,"y":{"z":1}}' })).statusCode).toBe(204);
    expect((await send('POST', stateUrl('a', extra), { body: '{"y":{"w":2}}' })).statusCode).toBe(204);
    expect((await send('GET', stateUrl('a', extra))).json()).toEqual({ x: 1, y: { w: 2 } });
    expect((await send('PUT', stateUrl('b', extra), { body: 'plain text', type: 'text/plain' })).statusCode).toBe(204);
    expect((await send('GET', stateUrl('b', extra))).body).toBe('plain text');
    const refused = await send('POST', stateUrl('b', extra), { body: '{"x":1}' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('document:');
    expect((await send('GET', stateUrl(undefined, extra))).json()).toEqual(['a', 'b']);
    expect((await send('GET', stateUrl(undefined, { ...extra, since: new Date(Date.now() + 60_000).toISOString() }))).json()).toEqual([]);
    expect((await send('GET', stateUrl(undefined, { ...extra, since: before }))).json()).toEqual(['a', 'b']);
    expect((await send('DELETE', stateUrl('a', extra))).statusCode).toBe(204);
    expect((await send('GET', stateUrl(undefined, extra))).json()).toEqual(['b']);
    expect((await send('DELETE', stateUrl(undefined, extra))).statusCode).toBe(204);
    expect((await send('GET', stateUrl(undefined, extra))).json()).toEqual([]);
  });

  it('refuses bad parameters with 400 naming them, and needs the state scope', async () => {
    const noAgent = await send('GET', '/xapi/activities/state?activityId=https%3A%2F%2Fexample.org%2Fa&stateId=s');
    expect(noAgent.statusCode).toBe(400);
    expect(noAgent.json().message).toBe('agent: is required');
    expect((await send('GET', stateUrl('s', { registration: 'not-a-uuid' }))).json().message).toBe('registration: must be a UUID');
    const readOnly = await credential(['statements/read']);
    expect((await send('GET', stateUrl('s'), { auth: readOnly })).statusCode).toBe(403);
  });

  it('keeps Activity and Agent Profiles, with the 1.0.3 rule that a PUT names its precondition', async () => {
    const activityProfile = `/xapi/activities/profile?activityId=${encodeURIComponent('https://example.org/activities/course')}&profileId=settings`;
    expect((await send('PUT', activityProfile, { body: '{"theme":"dark"}' })).statusCode).toBe(204);
    expect((await send('GET', activityProfile)).json()).toEqual({ theme: 'dark' });
    expect((await send('PUT', activityProfile, { body: '{"theme":"light"}' })).statusCode).toBe(409);
    const fresh = activityProfile.replace('settings', 'fresh');
    expect((await send('PUT', fresh, { body: '{}', version: '1.0.3' })).statusCode).toBe(400);
    expect((await send('PUT', fresh, { body: '{}', version: '1.0.3', headers: { 'if-none-match': '*' } })).statusCode).toBe(204);

    const agent = encodeURIComponent(JSON.stringify({ account: { homePage: 'https://example.org', name: 'ana' } }));
    const agentProfile = `/xapi/agents/profile?agent=${agent}&profileId=preferences`;
    expect((await send('POST', agentProfile, { body: '{"locale":"sr"}' })).statusCode).toBe(204);
    expect((await send('GET', `/xapi/agents/profile?agent=${agent}`)).json()).toEqual(['preferences']);
    expect((await send('DELETE', agentProfile)).statusCode).toBe(204);
    expect((await send('GET', agentProfile)).statusCode).toBe(404);
  });

  it('never shows one organisation the documents of another', async () => {
    const [row] = await context.database.db.insert(schema.organisations).values({ name: 'East LGA', kind: 'lga' }).returning({ id: schema.organisations.id });
    const east = await credential(['all'], row?.id ?? null);
    const url = stateUrl(`private-${randomUUID()}`);
    expect((await send('PUT', url, { body: '{"secret":true}', auth: east })).statusCode).toBe(204);
    expect((await send('GET', url, { auth: east })).statusCode).toBe(200);
    expect((await send('GET', url)).statusCode).toBe(404);
  });
});
