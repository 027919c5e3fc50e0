import { createHash, randomUUID } from 'node:crypto';

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../server/db/index.ts';
import { buildMultipart, parseMultipart, parseMultipartBoundary } from '../server/xapi/attachments/multipart.ts';
import { createLrsCredential, type LrsScope } from '../server/xapi/auth/lrs-credentials.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';

type Json = Record<string, unknown>;
const VERSION = { 'x-experience-api-version': '2.0.0' };

function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

function statement(overrides: Json = {}): Json {
  return {
    actor: { objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.org` },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: `https://example.org/activities/${randomUUID()}` },
    ...overrides,
  };
}

describe.each(databaseKinds())('xAPI statements over HTTP on %s', (kind) => {
  let context: TestApp;
  let admin: string;

  async function credential(scopes: LrsScope[], organisationId: string | null = null): Promise<string> {
    const created = await createLrsCredential(context.database.db, { name: 'test', organisationId, scopes, createdBy: null });
    return basic(created.credential.key, created.secret);
  }

  async function organisation(name: string): Promise<string> {
    const [row] = await context.database.db.insert(schema.organisations).values({ name, kind: 'lga' }).returning({ id: schema.organisations.id });
    return row?.id ?? '';
  }

  const request = (method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE', url: string, options: { payload?: unknown; headers?: Record<string, string>; auth?: string } = {}) =>
    context.app.inject({
      method,
      url,
      headers: { ...VERSION, authorization: options.auth ?? admin, ...(options.payload === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      ...(options.payload === undefined ? {} : { payload: typeof options.payload === 'string' || Buffer.isBuffer(options.payload) ? options.payload : JSON.stringify(options.payload) }),
    });

  const post = async (body: unknown, auth?: string): Promise<LightMyRequestResponse> => request('POST', '/xapi/statements', { payload: body, ...(auth === undefined ? {} : { auth }) });

  beforeAll(async () => {
    context = await createTestApp(kind);
    admin = await credential(['all']);
  });
  afterAll(async () => {
    await context.close();
  });

  it('serves About without credentials or version header, and echoes the version on every answer', async () => {
    const about = await context.app.inject({ method: 'GET', url: '/xapi/about' });
    expect(about.statusCode).toBe(200);
    expect(about.json()).toEqual({ version: ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '2.0.0'] });
    expect(about.headers['x-experience-api-version']).toBe('2.0.0');
    const old = await request('GET', '/xapi/statements?limit=1', { headers: { 'x-experience-api-version': '1.0.2' } });
    expect(old.statusCode).toBe(200);
    expect(old.headers['x-experience-api-version']).toBe('1.0.3');
  });

  it('refuses a missing or unknown version header with 400 naming it', async () => {
    const missing = await context.app.inject({ method: 'GET', url: '/xapi/statements', headers: { authorization: admin } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('X-Experience-API-Version');
    expect((await request('GET', '/xapi/statements', { headers: { 'x-experience-api-version': '0.9' } })).statusCode).toBe(400);
  });

  it('answers 401 with a Basic challenge without valid credentials, and 403 without the scope', async () => {
    const anonymous = await context.app.inject({ method: 'GET', url: '/xapi/statements', headers: VERSION });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="xAPI"');
    expect((await request('GET', '/xapi/statements', { auth: basic('nobody', 'wrong-secret-value') })).statusCode).toBe(401);
    const stateOnly = await credential(['state']);
    expect((await post(statement(), stateOnly)).statusCode).toBe(403);
    expect((await request('GET', '/xapi/statements', { auth: stateOnly })).statusCode).toBe(403);
  });

  it('stores a statement with POST and returns it by id with Last-Modified and Consistent-Through; HEAD has no body', async () => {
    const sent = statement();
    const response = await post(sent);
    expect(response.statusCode).toBe(200);
    const [id] = response.json() as string[];
    const read = await request('GET', `/xapi/statements?statementId=${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ ...sent, id, version: '2.0.0' });
    expect(read.json().authority).toMatchObject({ objectType: 'Agent' });
    expect(read.headers['last-modified']).toBeDefined();
    expect(Date.parse(String(read.headers['x-experience-api-consistent-through']))).not.toBeNaN();
    const head = await request('HEAD', `/xapi/statements?statementId=${id}`);
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    const missing = await request('GET', `/xapi/statements?statementId=${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-experience-api-consistent-through']).toBeDefined();
  });

  it('PUT stores under the given id; the same again is accepted, a different one is 409', async () => {
    const id = randomUUID();
    const sent = statement();
    expect((await request('PUT', `/xapi/statements?statementId=${id}`, { payload: sent })).statusCode).toBe(204);
    expect((await request('PUT', `/xapi/statements?statementId=${id}`, { payload: sent })).statusCode).toBe(204);
    const different = await request('PUT', `/xapi/statements?statementId=${id}`, { payload: { ...sent, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } } });
    expect(different.statusCode).toBe(409);
    expect((await request('PUT', '/xapi/statements', { payload: sent })).json().message).toBe('statementId: is required');
    const mismatch = await request('PUT', `/xapi/statements?statementId=${randomUUID()}`, { payload: { ...sent, id: randomUUID() } });
    expect(mismatch.json().message).toBe('statement.id: must equal the statementId parameter');
  });

  it('rejects a batch with one invalid statement with 400 naming the field, storing nothing', async () => {
    const good = { ...statement(), id: randomUUID() };
    const bad = statement({ actor: { mbox: 'ana@example.org' } });
    const response = await post([good, bad]);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('statements[1].actor.mbox: must be a mailto IRI');
    expect((await request('GET', `/xapi/statements?statementId=${String(good.id)}`)).statusCode).toBe(404);
    const duplicate = { ...statement(), id: randomUUID() };
    expect((await post([duplicate, duplicate])).json().message).toContain('appears more than once');
    expect((await post('{not json')).json().message).toBe('statements: the body is not valid JSON');
    expect((await request('POST', '/xapi/statements', { payload: 'x', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(400);
    expect((await request('GET', '/xapi/statements?colour=red')).json().message).toBe('colour: is not a parameter of GET /statements');
  });

  it('voids: the voided statement is found only as voidedStatementId', async () => {
    const [id] = (await post(statement())).json() as string[];
    const voiding = statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id } });
    expect((await post(voiding)).statusCode).toBe(200);
    expect((await request('GET', `/xapi/statements?statementId=${id}`)).statusCode).toBe(404);
    expect((await request('GET', `/xapi/statements?voidedStatementId=${id}`)).json().id).toBe(id);
  });

  it('pages a query with an opaque `more` cursor, ascending and descending, and formats ids', async () => {
    const verb = `https://example.org/verbs/${randomUUID()}`;
    const ids = (await post([1, 2, 3].map(() => statement({ verb: { id: verb, display: { en: 'x' } } })))).json() as string[];
    const first = await request('GET', `/xapi/statements?verb=${encodeURIComponent(verb)}&limit=2&ascending=true`);
    const page = first.json() as { statements: Json[]; more: string };
    expect(page.statements.map((item) => item.id)).toEqual(ids.slice(0, 2));
    expect(page.more).toMatch(/^\/xapi\/statements\?more=[\w-]+$/);
    const second = (await request('GET', page.more)).json() as { statements: Json[]; more: string };
    expect(second.statements.map((item) => item.id)).toEqual(ids.slice(2));
    expect(second.more).toBe('');
    const descending = (await request('GET', `/xapi/statements?verb=${encodeURIComponent(verb)}&format=ids`)).json() as { statements: Json[] };
    expect(descending.statements.map((item) => item.id)).toEqual([...ids].reverse());
    expect(descending.statements[0]?.verb).toEqual({ id: verb });
    expect((await request('GET', '/xapi/statements?more=garbage')).statusCode).toBe(400);
  });

  it('stores attachments from multipart/mixed, checks their SHA-2, and returns them with attachments=true', async () => {
    const content = Buffer.from('a certificate of attendance');
    const sha2 = createHash('sha256').update(content).digest('hex');
    const sent = statement({
      attachments: [{ usageType: 'https://example.org/usage/certificate', display: { en: 'Certificate' }, contentType: 'text/plain', length: content.length, sha2 }],
    });
    const boundary = 'test-boundary';
    const body = (data: Buffer) =>
      buildMultipart([{ contentType: 'application/json', body: JSON.stringify(sent) }, { contentType: 'text/plain', body: data, headers: { 'X-Experience-API-Hash': sha2, 'Content-Transfer-Encoding': 'binary' } }], boundary);
    const headers = { 'content-type': `multipart/mixed; boundary=${boundary}` };
    const wrong = await request('POST', '/xapi/statements', { payload: body(Buffer.from('tampered')), headers });
    expect(wrong.statusCode).toBe(400);
    expect((await post(sent)).json().message).toContain('no part with this sha2');
    const stored = await request('POST', '/xapi/statements', { payload: body(content), headers });
    expect(stored.statusCode).toBe(200);
    const [id] = stored.json() as string[];
    const read = await request('GET', `/xapi/statements?statementId=${id}&attachments=true`);
    const responseBoundary = parseMultipartBoundary(String(read.headers['content-type']));
    expect(responseBoundary).toBeDefined();
    const parts = parseMultipart(read.rawPayload, responseBoundary ?? '');
    expect(parts.ok && parts.parts.map((part) => part.headers['x-experience-api-hash'])).toEqual([undefined, sha2]);
    expect(parts.ok && parts.parts[1]?.body.toString()).toBe(content.toString());
  });

  it('accepts the 1.0.3 alternate request syntax and refuses it in 2.0', async () => {
    const [id] = (await post(statement())).json() as string[];
    const form = new URLSearchParams({ 'X-Experience-API-Version': '1.0.3', Authorization: admin, statementId: id ?? '' }).toString();
    const alternate = await context.app.inject({ method: 'POST', url: '/xapi/statements?method=GET', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
    expect(alternate.statusCode).toBe(200);
    expect(alternate.json().id).toBe(id);
    expect(alternate.headers['x-experience-api-version']).toBe('1.0.3');
    const modern = await request('POST', '/xapi/statements?method=GET', { payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(modern.statusCode).toBe(400);
    expect(modern.json().message).toContain('method:');
  });

  it('keeps organisations apart, and statements/read/mine to its own statements', async () => {
    const [north, south] = [await organisation('North LGA'), await organisation('South LGA')];
    const northCredential = await credential(['all'], north);
    const southCredential = await credential(['all'], south);
    const verb = `https://example.org/verbs/${randomUUID()}`;
    const [northId] = (await post(statement({ verb: { id: verb } }), northCredential)).json() as string[];
    const [southId] = (await post(statement({ verb: { id: verb } }), southCredential)).json() as string[];
    const query = `/xapi/statements?verb=${encodeURIComponent(verb)}`;
    const idsSeenBy = async (auth: string) => ((await request('GET', query, { auth })).json() as { statements: Json[] }).statements.map((item) => item.id);
    expect(await idsSeenBy(northCredential)).toEqual([northId]);
    expect(await idsSeenBy(southCredential)).toEqual([southId]);
    expect(await idsSeenBy(admin)).toEqual([southId, northId]);
    expect((await request('GET', `/xapi/statements?statementId=${northId}`, { auth: southCredential })).statusCode).toBe(404);

    const mine = await credential(['statements/write', 'statements/read/mine']);
    const [mineId] = (await post(statement({ verb: { id: verb } }), mine)).json() as string[];
    expect(await idsSeenBy(mine)).toEqual([mineId]);
  });

  it('returns canonical Activity definitions merged across statements, and the Person of an Agent', async () => {
    const id = `https://example.org/activities/${randomUUID()}`;
    await post(statement({ object: { id, definition: { name: { 'en-US': 'Meeting' } } } }));
    await post(statement({ object: { id, definition: { name: { 'sr-Latn': 'Sastanak' } } } }));
    const activity = await request('GET', `/xapi/activities?activityId=${encodeURIComponent(id)}`);
    expect(activity.json()).toEqual({ objectType: 'Activity', id, definition: { name: { 'en-US': 'Meeting', 'sr-Latn': 'Sastanak' } } });
    const agent = { objectType: 'Agent', name: 'Ana', mbox: 'mailto:ana@example.org' };
    const person = await request('GET', `/xapi/agents?agent=${encodeURIComponent(JSON.stringify(agent))}`);
    expect(person.json()).toEqual({ objectType: 'Person', name: ['Ana'], mbox: ['mailto:ana@example.org'] });
    expect((await request('GET', '/xapi/agents?agent=%7B%7D')).statusCode).toBe(400);
  });
});
