import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { issueSetupLink } from '../server/admin/setup-link.ts';
import { schema } from '../server/db/index.ts';
import { findLoginPlatform } from '../server/lti/login-states.ts';
import { savePlatform } from '../server/lti/save-platform.ts';
import { recordLaunch, type LaunchRecord } from '../server/lti/record-launch.ts';
import { prepareHandoff } from '../server/session/launch-handoffs.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';
import { registerSimulatedPlatform } from './helpers/lti.ts';
import { findFreePort } from './helpers/server-process.ts';
import { ROLE, startPlatformSimulator, type LaunchResult, type PlatformSimulator } from './platform-simulator/index.ts';

const ADMIN_PASSWORD = 'correct horse battery staple';
/** Launches sent at once into one new context and link: more than the PostgreSQL pool's connections. */
const CONCURRENT_LAUNCHES = 16;

function handoffCode(body: string): string {
  const match = /\/launch#code=([A-Za-z0-9_-]+)/.exec(body);
  if (match?.[1] === undefined) throw new Error(`no hand-off in the answer:\n${body.slice(0, 500)}`);
  return match[1];
}

function refusalCode(result: LaunchResult): string | undefined {
  return /Reason: <code>([a-z_]+)<\/code>/.exec(result.body)?.[1];
}

/**
 * What a launch writes (one statement for the nonce, user, context, link, enrolment and hand-off),
 * and that the platform and its deployments are read as they are now at every login and launch:
 * an administrator's change applies to the very next request, on any instance.
 */
describe.each(databaseKinds())('LTI launch records on %s', (kind) => {
  let context: TestApp;
  let simulator: PlatformSimulator;
  let platformId: string;
  let admin: { cookie: string; csrfToken: string };

  const sessionOf = async (result: LaunchResult) => {
    expect(result.status).toBe(200);
    const exchange = await context.app.inject({ method: 'POST', url: '/api/session', payload: { code: handoffCode(result.body) } });
    expect(exchange.statusCode).toBe(200);
    return exchange.json().session;
  };
  const patchPlatform = (body: object) =>
    context.app.inject({
      method: 'PATCH',
      url: `/api/admin/platforms/${platformId}`,
      payload: body,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: context.config.publicUrl },
    });

  beforeAll(async () => {
    const port = await findFreePort();
    const toolUrl = `http://127.0.0.1:${port}`;
    context = await createTestApp(kind, { PUBLIC_URL: toolUrl });
    await context.app.listen({ port, host: '127.0.0.1' });
    simulator = await startPlatformSimulator({ issuerHost: 'localhost', toolUrl, clientId: 'tool-client-1', deploymentIds: ['deployment-1'] });
    await registerSimulatedPlatform(context.database.db, simulator);
    const [platform] = await context.database.db.select({ id: schema.platforms.id }).from(schema.platforms);
    platformId = platform?.id ?? '';
    const link = await issueSetupLink(context.database.db, context.config.publicUrl, context.config.dataDir);
    const setup = await context.app.inject({
      method: 'POST',
      url: '/api/admin/setup',
      payload: { token: new URL(link ?? '').hash.replace('#token=', ''), name: 'Ana Admin', email: 'ana@nalas.example', password: ADMIN_PASSWORD },
      headers: { origin: context.config.publicUrl },
    });
    const cookie = setup.cookies.find((candidate) => candidate.name === 'eacademy_admin');
    admin = { cookie: `eacademy_admin=${cookie?.value}`, csrfToken: setup.json().csrfToken };
  });
  afterAll(async () => {
    await simulator?.close();
    await context?.close();
  });

  it('records the user, context, link and enrolment, and updates them only with what a launch brings', async () => {
    const user = { id: 'records-user-1', name: 'Mila Jovanović', email: 'mila@example.org' };
    const first = await sessionOf(await simulator.launch({ roles: [ROLE.learner], user, context: { id: 'records-course', title: 'First title', label: 'REC1' }, resourceLink: { id: 'records-link', title: 'Link title' } }));
    expect(first.face).toBe('learner');
    expect(first.courseId).toBeUndefined();
    expect(first.contextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.resourceLinkId).toMatch(/^[0-9a-f-]{36}$/);

    // The LMS renames the course but sends no label, and the learner's name no longer.
    const second = await sessionOf(await simulator.launch({ roles: [ROLE.learner], user: { id: user.id }, context: { id: 'records-course', title: 'Second title' }, resourceLink: { id: 'records-link' } }));
    expect(second).toMatchObject({ sub: first.sub, contextId: first.contextId, resourceLinkId: first.resourceLinkId, registration: first.registration });
    const db = context.database.db;
    const [contextRow] = await db.select().from(schema.contexts).where(eq(schema.contexts.id, first.contextId));
    expect(contextRow).toMatchObject({ title: 'Second title', label: 'REC1' });
    const [linkRow] = await db.select().from(schema.resourceLinks).where(eq(schema.resourceLinks.id, first.resourceLinkId));
    expect(linkRow?.title).toBe('Link title');
    const [userRow] = await db.select().from(schema.users).where(eq(schema.users.id, first.sub));
    expect(userRow).toMatchObject({ subject: user.id, name: user.name, email: user.email });
    const enrolmentRows = await db.select().from(schema.enrolments).where(eq(schema.enrolments.userId, first.sub));
    expect(enrolmentRows).toEqual([expect.objectContaining({ contextId: first.contextId, face: 'learner', status: 'active', source: 'launch', roles: [ROLE.learner] })]);

    // A launch that brings nothing new writes neither the context nor the link.
    await sessionOf(await simulator.launch({ roles: [ROLE.learner], user: { id: user.id }, context: { id: 'records-course', title: 'Second title' }, resourceLink: { id: 'records-link' } }));
    const [contextAfter] = await db.select().from(schema.contexts).where(eq(schema.contexts.id, first.contextId));
    const [linkAfter] = await db.select().from(schema.resourceLinks).where(eq(schema.resourceLinks.id, first.resourceLinkId));
    expect(contextAfter?.updatedAt).toEqual(contextRow?.updatedAt);
    expect(linkAfter?.updatedAt).toEqual(linkRow?.updatedAt);
  });

  it('binds a deep-linked link to the course and module its custom parameters name, and keeps them', async () => {
    const launch = (custom: Record<string, string> | undefined) =>
      simulator.launch({ roles: [ROLE.learner], context: { id: 'records-course-2' }, resourceLink: { id: 'records-deep-link' }, ...(custom === undefined ? {} : { custom }) });
    expect(await sessionOf(await launch({ course: 'course-a', module: 'module-1' }))).toMatchObject({ courseId: 'course-a', moduleId: 'module-1' });
    expect(await sessionOf(await launch(undefined))).toMatchObject({ courseId: 'course-a', moduleId: 'module-1' });
    const wholeCourse = await sessionOf(await launch({ course: 'course-b' }));
    expect(wholeCourse).toMatchObject({ courseId: 'course-b' });
    expect(wholeCourse.moduleId).toBeUndefined();
  });

  it('records only the user of a launch outside any course', async () => {
    const session = await sessionOf(await simulator.launch({ roles: [ROLE.instructor], user: { id: 'records-site-admin' }, context: null }));
    expect(session.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.contextId).toBeUndefined();
    expect(session.resourceLinkId).toBeUndefined();
    expect(session.registration).toBeUndefined();
  });

  it('records many simultaneous first launches into one course as one context and one link', async () => {
    const results = await Promise.all(
      Array.from({ length: CONCURRENT_LAUNCHES }, (_, index) =>
        simulator.launch({ roles: [ROLE.learner], user: { id: `records-crowd-${index}` }, context: { id: 'records-crowd-course' }, resourceLink: { id: 'records-crowd-link' } }),
      ),
    );
    const sessions = await Promise.all(results.map(sessionOf));
    expect(new Set(sessions.map((session) => session.contextId)).size).toBe(1);
    expect(new Set(sessions.map((session) => session.resourceLinkId)).size).toBe(1);
    expect(new Set(sessions.map((session) => session.sub)).size).toBe(CONCURRENT_LAUNCHES);
    const enrolmentRows = await context.database.db.select().from(schema.enrolments).where(eq(schema.enrolments.contextId, sessions[0].contextId));
    expect(enrolmentRows).toHaveLength(CONCURRENT_LAUNCHES);
  });

  it('writes nothing but the nonce when the nonce was seen before, the platform changed or the deployment went', async () => {
    const db = context.database.db;
    const platform = await findLoginPlatform(db, { issuer: simulator.issuer, clientId: simulator.clientId, deploymentId: undefined });
    const record = (nonce: string, changes: { deploymentId?: string; platform?: Partial<typeof platform> } = {}): LaunchRecord => ({
      platform: { ...platform, ...changes.platform },
      launch: {
        messageType: 'LtiResourceLinkRequest',
        issuer: simulator.issuer,
        clientId: simulator.clientId,
        deploymentId: changes.deploymentId ?? 'deployment-1',
        subject: 'records-replayed-user',
        roles: [ROLE.learner],
        roleScopeMentor: [],
        targetLinkUri: simulator.tool.launchUrl,
        resourceLink: { id: 'records-replay-link', title: undefined, description: undefined },
        context: { id: 'records-replay-course', label: undefined, title: undefined, types: [] },
        platform: undefined,
        presentation: { documentTarget: undefined, returnUrl: undefined, locale: undefined, width: undefined, height: undefined },
        locale: undefined,
        custom: {},
        lis: undefined,
        ags: undefined,
        nrps: undefined,
        deepLinking: undefined,
        storageTarget: undefined,
        person: { name: undefined, givenName: undefined, familyName: undefined, middleName: undefined, email: undefined },
      },
      face: 'learner',
      nonce: { value: nonce, expiresAt: new Date(Date.now() + 60_000) },
      handoff: prepareHandoff(),
      session: { platformId, organisationId: undefined, face: 'learner', roles: [ROLE.learner], locale: undefined, name: undefined, messageType: 'LtiResourceLinkRequest', deepLinking: undefined },
    });
    const usedNonce = async (nonce: string) => (await db.select().from(schema.ltiUsedNonces).where(eq(schema.ltiUsedNonces.nonce, nonce))).length;
    const handoffsBefore = (await db.select().from(schema.launchHandoffs)).length;
    expect(await recordLaunch(db, record('records-nonce-used-once'))).toMatchObject({ userId: expect.any(String), contextId: expect.any(String), resourceLinkId: expect.any(String) });
    expect(await recordLaunch(db, record('records-nonce-used-once'))).toBe('nonce_replayed');
    // Refused for what changed since the login; the nonce is used up all the same.
    expect(await recordLaunch(db, record('records-nonce-2', { deploymentId: 'deployment-removed' }))).toBe('deployment_unknown');
    expect(await recordLaunch(db, record('records-nonce-2'))).toBe('nonce_replayed');
    expect(await recordLaunch(db, record('records-nonce-3', { platform: { jwksUrl: 'https://elsewhere.example/jwks' } }))).toBe('platform_changed');
    expect(await recordLaunch(db, record('records-nonce-4', { platform: { isNalas: !platform.isNalas } }))).toBe('platform_changed');
    expect(await recordLaunch(db, record('records-nonce-5', { platform: { id: '00000000-0000-4000-8000-000000000000' } }))).toBe('platform_inactive');
    expect(await usedNonce('records-nonce-3')).toBe(1);
    expect(await usedNonce('records-nonce-5')).toBe(0);
    expect(await db.select().from(schema.launchHandoffs)).toHaveLength(handoffsBefore + 1);
    expect(await db.select().from(schema.users).where(eq(schema.users.subject, 'records-replayed-user'))).toHaveLength(1);
  });

  it('uses the login state up whether the launch is accepted or refused', async () => {
    const nonceOfLastLaunch = async () => {
      const nonce = simulator.authRequests().at(-1)?.parameters.nonce ?? '';
      return context.database.db.select().from(schema.ltiUsedNonces).where(eq(schema.ltiUsedNonces.nonce, nonce));
    };
    await sessionOf(await simulator.launch({ roles: [ROLE.learner] }));
    expect(await nonceOfLastLaunch()).toHaveLength(1);
    for (const tamper of ['bad-signature', 'nonce-mismatch', 'state-from-another-browser'] as const) {
      const refused = await simulator.launch({ roles: [ROLE.learner], tamper });
      expect(refused.body).not.toContain('/launch#code=');
      expect(await nonceOfLastLaunch()).toHaveLength(1);
    }
  });

  it('refuses a second launch with the state of a refused one, even with a valid id_token', async () => {
    const refused = await simulator.launch({ roles: [ROLE.learner], tamper: 'bad-signature' });
    expect(refusalCode(refused)).toBe('signature_invalid');
    const state = simulator.authRequests().at(-1)?.parameters.state ?? '';
    // The same browser (its state cookie as the login set it) posting a well-signed token for that state.
    const stateCookie = refused.login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
    const retry = await fetch(`${context.config.publicUrl}/lti/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: stateCookie },
      body: new URLSearchParams({ state, id_token: await simulator.signIdToken(refused.claims ?? {}) }).toString(),
    });
    expect(await retry.text()).toContain('<code>nonce_replayed</code>');
  });

  it('refuses a state with the cookie of another login, and an accepted launch posted again', async () => {
    const first = await simulator.launch({ roles: [ROLE.learner] });
    await sessionOf(first);
    const firstState = simulator.authRequests().at(-1)?.parameters.state ?? '';
    const postLaunch = async (state: string, idToken: string, cookie: string) =>
      (
        await fetch(`${context.config.publicUrl}/lti/launch`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: new URLSearchParams({ state, id_token: idToken }).toString(),
        })
      ).text();
    const cookieOf = (result: LaunchResult) => result.login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
    // The first launch's own state, token and cookie again: its nonce is used.
    expect(await postLaunch(firstState, first.idToken ?? '', cookieOf(first))).toContain('<code>nonce_replayed</code>');
    // A second login's state with the first login's cookie under the second's name: not this browser's.
    const second = await simulator.launch({ roles: [ROLE.learner], tamper: 'bad-signature' });
    const secondState = simulator.authRequests().at(-1)?.parameters.state ?? '';
    const [secondName] = cookieOf(second).split('=');
    const firstValue = cookieOf(first).split('=').slice(1).join('=');
    expect(await postLaunch(secondState, await simulator.signIdToken(second.claims ?? {}), `${secondName}=${firstValue}`)).toContain('<code>state_invalid</code>');
  });

  /**
   * A login and a launch driven by hand (the simulator's browser always sends lti_deployment_id
   * and follows redirects): the login's query as given, the id_token signed for its nonce.
   */
  const launchByHand = async (loginQuery: Record<string, string>, claimsOptions: Parameters<PlatformSimulator['buildLaunchClaims']>[0], sendsCookie: boolean) => {
    const login = await context.app.inject({
      method: 'GET',
      url: '/lti/login',
      query: { iss: simulator.issuer, client_id: simulator.clientId, login_hint: 'by-hand-user', target_link_uri: simulator.tool.launchUrl, ...loginQuery },
    });
    const location = login.statusCode === 302 ? String(login.headers.location) : (/location\.replace\("([^"]+)"\)/.exec(login.body)?.[1]?.replace(/\\u0026/g, '&') ?? '');
    const authUrl = new URL(location);
    const state = authUrl.searchParams.get('state') ?? '';
    const cookie = login.cookies.map((set) => `${set.name}=${set.value}`).join('; ');
    const claims = simulator.buildLaunchClaims({ ...claimsOptions, nonce: authUrl.searchParams.get('nonce') ?? '' });
    const launch = await context.app.inject({
      method: 'POST',
      url: '/lti/launch',
      payload: new URLSearchParams({ state, id_token: await simulator.signIdToken(claims) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(sendsCookie ? { cookie } : {}) },
    });
    return { login, state, launch };
  };

  it('releases a launch kept in platform storage only to the browser that holds the binding', async () => {
    const { login, state, launch } = await launchByHand({ lti_storage_target: '_parent' }, { roles: [ROLE.learner] }, false);
    expect(login.statusCode).toBe(200);
    // Storage keeps the cookie's value, not the state (which the platform and the page see).
    const binding = /lti\.put_data',key:"[^"]+",value:"([^"]+)"/.exec(login.body)?.[1] ?? '';
    expect(binding).not.toBe('');
    expect(binding).not.toBe(state);
    expect(launch.statusCode).toBe(200);
    const handoff = /name="handoff" value="([^"]+)"/.exec(launch.body)?.[1] ?? '';
    expect(handoff).not.toBe('');
    const confirm = (fields: Record<string, string>) =>
      context.app.inject({ method: 'POST', url: '/lti/launch/confirm', payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    // Who holds the state and the hand-off but not the binding gets nothing.
    expect((await confirm({ handoff, state, binding: 'not-the-binding' })).body).toContain('<code>state_invalid</code>');
    expect((await confirm({ handoff, state, binding: '' })).body).toContain('<code>state_invalid</code>');
    expect((await confirm({ handoff, state, binding })).body).toContain('/launch#code=');
    // A hand-off is released once.
    expect((await confirm({ handoff, state, binding })).body).toContain('<code>state_invalid</code>');
  });

  it('launches from a platform with more deployments than a state carries', async () => {
    for (let index = 0; index < 40; index += 1) {
      const added = await context.app.inject({
        method: 'POST',
        url: `/api/admin/platforms/${platformId}/deployments`,
        payload: { deploymentId: `many-deployment-${index}` },
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: context.config.publicUrl },
      });
      expect(added.statusCode).toBe(201);
    }
    await sessionOf(await simulator.launch({ roles: [ROLE.learner], deploymentId: 'many-deployment-39' }));
    // Without lti_deployment_id in the login, the state leaves the deployments out and the launch reads them.
    const { launch } = await launchByHand({}, { roles: [ROLE.learner], deploymentId: 'many-deployment-7' }, true);
    expect(launch.body).toContain('/launch#code=');
    const refused = await launchByHand({}, { roles: [ROLE.learner], deploymentId: 'not-registered' }, true);
    expect(refused.launch.body).toContain('<code>deployment_unknown</code>');
  });

  it('refuses a launch at once when an administrator disabled the platform after the login, and a login while it is disabled', async () => {
    const refused = await simulator.launch({
      roles: [ROLE.learner],
      beforeLaunchPost: async () => {
        expect((await patchPlatform({ status: 'disabled' })).statusCode).toBe(200);
      },
    });
    expect(refused.stage).toBe('launch');
    expect(refusalCode(refused)).toBe('issuer_unknown');
    const login = await simulator.launch({ roles: [ROLE.learner] });
    expect(login.stage).toBe('login');
    expect(refusalCode(login)).toBe('issuer_unknown');

    expect((await patchPlatform({ status: 'active' })).statusCode).toBe(200);
    await sessionOf(await simulator.launch({ roles: [ROLE.learner] }));
  });

  it('asks for client_id when the issuer has several registrations', async () => {
    await savePlatform(context.database.db, {
      issuer: simulator.issuer,
      clientId: 'tool-client-2',
      name: 'Second registration',
      authUrl: simulator.endpoints.auth,
      tokenUrl: simulator.endpoints.token,
      jwksUrl: simulator.endpoints.jwks,
      tokenAudience: null,
      organisationId: null,
      isNalas: false,
      registrationMethod: 'manual',
      productFamilyCode: null,
      registration: null,
      deploymentIds: [],
    });
    const login = (clientId: string | undefined) =>
      context.app.inject({
        method: 'GET',
        url: '/lti/login',
        query: { iss: simulator.issuer, login_hint: 'someone', target_link_uri: simulator.tool.launchUrl, ...(clientId === undefined ? {} : { client_id: clientId }) },
      });
    const ambiguous = await login(undefined);
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.body).toContain('<code>login_request_invalid</code>');
    const named = await login('tool-client-2');
    expect(named.statusCode).toBe(302);
    expect(new URL(named.headers.location as string).searchParams.get('client_id')).toBe('tool-client-2');
  });

  it('accepts a deployment at the first launch after an administrator added it', async () => {
    const before = await simulator.launch({ roles: [ROLE.learner], deploymentId: 'deployment-2' });
    expect(refusalCode(before)).toBe('deployment_unknown');
    const added = await context.app.inject({
      method: 'POST',
      url: `/api/admin/platforms/${platformId}/deployments`,
      payload: { deploymentId: 'deployment-2' },
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: context.config.publicUrl },
    });
    expect(added.statusCode).toBe(201);
    await sessionOf(await simulator.launch({ roles: [ROLE.learner], deploymentId: 'deployment-2' }));
  });
});
