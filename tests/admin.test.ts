import fs from 'node:fs';
import path from 'node:path';

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { issueSetupLink, SETUP_LINK_FILE_NAME } from '../server/admin/setup-link.ts';
import { schema } from '../server/db/index.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const PASSWORD = 'correct horse battery staple';

function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'eacademy_admin');
  if (cookie === undefined) throw new Error('no session cookie set');
  return `eacademy_admin=${cookie.value}`;
}

describe.each(databaseKinds())('tool administrators on %s', (kind) => {
  let context: TestApp;
  let setupToken: string;

  beforeAll(async () => {
    context = await createTestApp(kind);
    const link = await issueSetupLink(context.database.db, context.config.publicUrl, context.config.dataDir);
    setupToken = new URL(link ?? '').hash.replace('#token=', '');
  });
  afterAll(async () => {
    await context.close();
  });

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    context.app.inject({ method: 'POST', url, payload, headers: { origin: ORIGIN, ...headers } });

  it('writes the one-time setup link to DATA_DIR, readable by its owner only, with the token in the fragment', () => {
    const file = path.join(context.config.dataDir, SETUP_LINK_FILE_NAME);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(`${ORIGIN}/admin/setup#token=${setupToken}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('stores only a hash of the setup token', async () => {
    const rows = await context.database.db.select().from(schema.setupTokens);
    expect(rows.map((row) => row.tokenHash)).not.toContain(setupToken);
  });

  it('refuses setup with a forged token and with a weak password, creating nothing', async () => {
    const forged = await post('/api/admin/setup', { token: 'forged', name: 'Ana', email: 'ana@nalas.example', password: PASSWORD });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().message).toMatch(/setup link is not valid/);
    const weak = await post('/api/admin/setup', { token: setupToken, name: 'Ana', email: 'ana@nalas.example', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/at least 12 characters/);
    expect(await context.database.db.select().from(schema.accounts)).toHaveLength(0);
    expect((await context.app.inject({ method: 'GET', url: '/api/admin/setup' })).json()).toEqual({ isSetupNeeded: true });
  });

  let adminCookie: string;
  let adminCsrf: string;

  it('creates the first administrator once, signed in with a strict first-party cookie', async () => {
    const response = await post('/api/admin/setup', { token: setupToken, name: 'Ana Admin', email: 'Ana@NALAS.example', password: PASSWORD });
    expect(response.statusCode).toBe(201);
    expect(response.json().account).toMatchObject({ email: 'ana@nalas.example', role: 'admin', name: 'Ana Admin' });
    const cookie = response.cookies.find((candidate) => candidate.name === 'eacademy_admin');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/admin' });
    adminCookie = sessionCookie(response);
    adminCsrf = response.json().csrfToken;
    const again = await post('/api/admin/setup', { token: setupToken, name: 'Eve', email: 'eve@example.org', password: PASSWORD });
    expect(again.statusCode).toBe(403);
    expect((await context.app.inject({ method: 'GET', url: '/api/admin/setup' })).json()).toEqual({ isSetupNeeded: false });
  });

  it('stores the password with scrypt, never in clear', async () => {
    const [account] = await context.database.db.select().from(schema.accounts);
    expect(account?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(account?.passwordHash).not.toContain(PASSWORD);
  });

  it('issues no further setup link once an administrator exists', async () => {
    expect(await issueSetupLink(context.database.db, context.config.publicUrl, context.config.dataDir)).toBeUndefined();
    expect(fs.existsSync(path.join(context.config.dataDir, SETUP_LINK_FILE_NAME))).toBe(false);
  });

  it('signs in with the right password only, with the same answer for unknown emails', async () => {
    const wrong = await post('/api/admin/session', { email: 'ana@nalas.example', password: 'not the password' });
    const unknown = await post('/api/admin/session', { email: 'nobody@nalas.example', password: PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe(wrong.json().message);
    const right = await post('/api/admin/session', { email: 'ANA@nalas.example', password: PASSWORD });
    expect(right.statusCode).toBe(200);
    expect(right.json().account.role).toBe('admin');
  });

  it('rejects unknown fields in a sign-in body', async () => {
    const response = await post('/api/admin/session', { email: 'ana@nalas.example', password: PASSWORD, isAdmin: true });
    expect(response.statusCode).toBe(400);
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    const account = { email: 'sam@nalas.example', name: 'Sam Staff', role: 'staff', password: PASSWORD };
    const noToken = await post('/api/admin/accounts', account, { cookie: adminCookie });
    expect(noToken.statusCode).toBe(403);
    const foreign = await post('/api/admin/accounts', account, { cookie: adminCookie, 'x-csrf-token': adminCsrf, origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(await context.database.db.select().from(schema.accounts)).toHaveLength(1);
  });

  let staffCookie: string;

  it('lets an administrator add a staff account, who can sign in but not manage accounts', async () => {
    const account = { email: 'sam@nalas.example', name: 'Sam Staff', role: 'staff', password: PASSWORD };
    const created = await post('/api/admin/accounts', account, { cookie: adminCookie, 'x-csrf-token': adminCsrf });
    expect(created.statusCode).toBe(201);
    const duplicate = await post('/api/admin/accounts', account, { cookie: adminCookie, 'x-csrf-token': adminCsrf });
    expect(duplicate.statusCode).toBe(409);
    const list = await context.app.inject({ method: 'GET', url: '/api/admin/accounts', headers: { cookie: adminCookie } });
    expect(list.json().accounts.map((entry: { email: string }) => entry.email)).toEqual(['ana@nalas.example', 'sam@nalas.example']);
    const signIn = await post('/api/admin/session', { email: 'sam@nalas.example', password: PASSWORD });
    staffCookie = sessionCookie(signIn);
    const forbidden = await context.app.inject({ method: 'GET', url: '/api/admin/accounts', headers: { cookie: staffCookie } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('answers 401 without a session and after signing out', async () => {
    expect((await context.app.inject({ method: 'GET', url: '/api/admin/accounts' })).statusCode).toBe(401);
    const session = await context.app.inject({ method: 'GET', url: '/api/admin/session', headers: { cookie: staffCookie } });
    const signOut = await context.app.inject({
      method: 'DELETE',
      url: '/api/admin/session',
      headers: { cookie: staffCookie, 'x-csrf-token': session.json().csrfToken, origin: ORIGIN },
    });
    expect(signOut.statusCode).toBe(204);
    const after = await context.app.inject({ method: 'GET', url: '/api/admin/session', headers: { cookie: staffCookie } });
    expect(after.statusCode).toBe(401);
  });

  it('limits sign-in attempts per client', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await context.app.inject({
        method: 'POST',
        url: '/api/admin/session',
        payload: { email: 'nobody@nalas.example', password: 'x' },
        remoteAddress: '203.0.113.9',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
