import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../server/db/index.ts';
import { enqueueGrade } from '../server/lti/services/post-grade.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';
import { createFixtureWebRoot } from './helpers/fixture-content.ts';
import { findFreePort } from './helpers/server-process.ts';
import { ROLE, startPlatformSimulator, type PlatformSimulator } from './platform-simulator/index.ts';

function handoffCode(body: string): string {
  const match = /\/launch#code=([A-Za-z0-9_-]+)/.exec(body);
  if (match?.[1] === undefined) throw new Error(`no hand-off in the answer:\n${body.slice(0, 500)}`);
  return match[1];
}

describe.each(databaseKinds())('LTI Advantage services on %s', (kind) => {
  let context: TestApp;
  let simulator: PlatformSimulator;
  let toolUrl: string;
  let web: ReturnType<typeof createFixtureWebRoot>;

  beforeAll(async () => {
    web = createFixtureWebRoot();
    const port = await findFreePort();
    toolUrl = `http://127.0.0.1:${port}`;
    context = await createTestApp(kind, { PUBLIC_URL: toolUrl }, { webRoot: web.webRoot });
    await context.app.listen({ port, host: '127.0.0.1' });
    simulator = await startPlatformSimulator({ issuerHost: 'localhost', toolUrl });
  });
  afterAll(async () => {
    await simulator?.close();
    await context?.close();
    web?.remove();
  });

  async function sessionFor(result: { body: string }) {
    const exchange = await context.app.inject({ method: 'POST', url: '/api/session', payload: { code: handoffCode(result.body) } });
    expect(exchange.statusCode).toBe(200);
    return exchange.json() as { token: string; session: Record<string, unknown> };
  }

  it('refuses dynamic registration without an invitation, then registers with one and closes the window', async () => {
    const refused = await simulator.registerDynamically({ toolRegisterUrl: `${toolUrl}/lti/register` });
    expect(refused.response.status).toBe(403);
    expect(refused.response.body).toContain('invitation');
    expect(await context.database.db.select().from(schema.platforms)).toHaveLength(0);

    const [organisation] = await context.database.db.insert(schema.organisations).values({ name: 'Association of Serbian municipalities (fictional test)', kind: 'lga', economy: 'RS' }).returning();
    const admin = await signInAdmin(context);
    const invitation = await context.app.inject({
      method: 'POST',
      url: '/api/admin/registration-invitations',
      headers: admin.headers,
      payload: { organisationId: organisation?.id },
    });
    expect(invitation.statusCode).toBe(201);
    const code = new URL(invitation.json().registrationUrl).searchParams.get('code') ?? '';
    const registered = await simulator.registerDynamically({ toolRegisterUrl: `${toolUrl}/lti/register`, code });
    expect(registered.response.status).toBe(200);
    expect(registered.hasCloseMessage).toBe(true);
    expect(registered.registration?.problems).toEqual([]);
    const registration = registered.registration?.request as Record<string, unknown>;
    expect(registration.initiate_login_uri).toBe(`${toolUrl}/lti/login`);
    expect(registration.jwks_uri).toBe(`${toolUrl}/lti/jwks`);
    expect(String(registration.scope)).toContain('https://purl.imsglobal.org/spec/lti-ags/scope/score');
    const [platform] = await context.database.db.select().from(schema.platforms);
    expect(platform).toMatchObject({ issuer: simulator.issuer, organisationId: organisation?.id, registrationMethod: 'dynamic', status: 'active' });
    const deployments = await context.database.db.select().from(schema.deployments);
    expect(deployments.map((row) => row.deploymentId)).toEqual(simulator.deploymentIds);

    const reused = await simulator.registerDynamically({ toolRegisterUrl: `${toolUrl}/lti/register`, code });
    expect(reused.response.status).toBe(403);
  });

  it('returns a deep-linking selection signed by the tool, echoing data, with a line item', async () => {
    const launch = await simulator.launch({ messageType: 'LtiDeepLinkingRequest', roles: [ROLE.instructor], deepLinkingSettings: { data: 'opaque-42', acceptLineItem: true, acceptMultiple: true } });
    expect(launch.status).toBe(200);
    const { token, session } = await sessionFor(launch);
    expect(session.messageType).toBe('LtiDeepLinkingRequest');
    const answer = await context.app.inject({
      method: 'POST',
      url: '/api/lti/deep-linking/response',
      headers: { authorization: `Bearer ${token}` },
      payload: { items: [{ courseId: 'rivertown', moduleId: 'basics' }, { courseId: 'rivertown' }] },
    });
    expect(answer.statusCode).toBe(200);
    const page = await fetch(`${toolUrl}${answer.json().continueUrl}`);
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toContain(`form-action ${new URL(simulator.issuer).origin}`);
    const action = /action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const jwt = /name="JWT" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const jwks = (await (await fetch(`${toolUrl}/lti/jwks`)).json()) as { keys: [] };
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), { audience: simulator.issuer });
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/data']).toBe('opaque-42');
    const returned = await fetch(action, { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
    expect(returned.status).toBe(200);
    const items = simulator.deepLinkItems() as Array<Record<string, unknown>>;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ type: 'ltiResourceLink', url: `${toolUrl}/lti/launch`, custom: { course: 'rivertown', module: 'basics' }, lineItem: { scoreMaximum: 100, resourceId: 'rivertown/basics' } });
    const again = await fetch(`${toolUrl}${answer.json().continueUrl}`);
    expect(again.status).toBe(410);
  });

  it('refuses content selection to a learner session', async () => {
    const launch = await simulator.launch({ roles: [ROLE.learner] });
    const { token } = await sessionFor(launch);
    const answer = await context.app.inject({ method: 'POST', url: '/api/lti/deep-linking/response', headers: { authorization: `Bearer ${token}` }, payload: { items: [{ courseId: 'rivertown' }] } });
    expect(answer.statusCode).toBe(403);
  });

  it('sends a grade to the line item of the launch through the outbox, with /scores before the query string', async () => {
    const launch = await simulator.launch({ roles: [ROLE.learner], ags: true, custom: { course: 'rivertown', module: 'basics' } });
    const { session } = await sessionFor(launch);
    await enqueueGrade(context.database.db, {
      resourceLinkId: String(session.resourceLinkId),
      userId: String(session.sub),
      scoreGiven: 85,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      comment: 'Module passed',
      timestamp: new Date().toISOString(),
    });
    expect(await context.app.runOutboxRound()).toBe(1);
    const accepted = simulator.scores().filter((record) => record.outcome === 'accepted');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.score).toMatchObject({ userId: launch.claims?.sub, scoreGiven: 85, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    const [item] = await context.database.db.select().from(schema.outbox);
    expect(item?.status).toBe('done');
    const tokenRequests = simulator.tokenRequests().length;
    await enqueueGrade(context.database.db, {
      resourceLinkId: String(session.resourceLinkId),
      userId: String(session.sub),
      scoreGiven: 95,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      comment: 'A better attempt',
      timestamp: new Date(Date.now() + 1000).toISOString(),
    });
    await context.app.runOutboxRound();
    expect(simulator.scores().filter((record) => record.outcome === 'accepted').at(-1)?.score.scoreGiven).toBe(95);
    expect(simulator.tokenRequests().length).toBe(tokenRequests);
  });

  it('shows a grade that cannot be delivered to administrators, who can send it again', async () => {
    const launch = await simulator.launch({ roles: [ROLE.learner], ags: false, context: { id: 'course-without-gradebook', label: 'NG', title: 'No gradebook' }, resourceLink: { id: 'no-gradebook', title: 'No gradebook' } });
    const { session } = await sessionFor(launch);
    await enqueueGrade(context.database.db, {
      resourceLinkId: String(session.resourceLinkId),
      userId: String(session.sub),
      scoreGiven: 70,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      comment: undefined,
      timestamp: new Date().toISOString(),
    });
    await context.app.runOutboxRound();
    const admin = await signInAdmin(context);
    const view = await context.app.inject({ method: 'GET', url: '/api/admin/outbox', headers: admin.headers });
    const failing = view.json().items.find((item: { key: string }) => item.key.startsWith(String(session.resourceLinkId)));
    expect(failing).toMatchObject({ topic: 'lti.ags.score', status: 'pending', attempts: 1 });
    expect(failing.lastError).toMatch(/no line items service/);
    const retry = await context.app.inject({ method: 'POST', url: `/api/admin/outbox/${failing.id}/retry`, headers: admin.headers, payload: {} });
    expect(retry.json()).toEqual({ retried: true });
    const learner = await context.app.inject({ method: 'GET', url: '/api/admin/outbox' });
    expect(learner.statusCode).toBe(401);
  });

  it('reads the whole roster with paging when a trainer launches, so members who never launched show', async () => {
    const members = Array.from({ length: 23 }, (_, index) => ({ userId: `student-${index}`, roles: [ROLE.learner], name: `Learner ${index}`, status: 'Active' as const }));
    simulator.setRoster('course-roster', members);
    const launch = await simulator.launch({ roles: [ROLE.instructor], nrps: true, context: { id: 'course-roster', label: 'R1', title: 'Roster course' } });
    const { token } = await sessionFor(launch);
    await context.app.runOutboxRound();
    const roster = await context.app.inject({ method: 'GET', url: '/api/trainer/roster', headers: { authorization: `Bearer ${token}` } });
    expect(roster.statusCode).toBe(200);
    const names = roster.json().members.map((member: { name: string }) => member.name);
    expect(names).toEqual(expect.arrayContaining(['Learner 0', 'Learner 22']));
    // The platform's roster also lists the trainer who launched.
    const fromRoster = roster.json().members.filter((member: { source: string }) => member.source === 'roster');
    expect(fromRoster).toHaveLength(23);
    const refresh = await context.app.inject({ method: 'POST', url: '/api/trainer/roster/refresh', headers: { authorization: `Bearer ${token}` } });
    expect(refresh.json()).toMatchObject({ members: simulator.roster('course-roster').length, isTruncated: false });
    expect(simulator.roster('course-roster').length).toBeGreaterThan(23);
    const learner = await sessionFor(await simulator.launch({ roles: [ROLE.learner], context: { id: 'course-roster', label: 'R1', title: 'Roster course' } }));
    const forbidden = await context.app.inject({ method: 'GET', url: '/api/trainer/roster', headers: { authorization: `Bearer ${learner.token}` } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('rotates its key: publishes the next key first, then signs with it', async () => {
    const admin = await signInAdmin(context);
    const before = (await (await fetch(`${toolUrl}/lti/jwks`)).json()) as { keys: Array<{ kid: string }> };
    const published = await context.app.inject({ method: 'POST', url: '/api/admin/tool-keys/rotate', headers: admin.headers, payload: {} });
    expect(published.json().step).toBe('published-next');
    const during = (await (await fetch(`${toolUrl}/lti/jwks`)).json()) as { keys: Array<{ kid: string }> };
    expect(during.keys.map((key) => key.kid)).toEqual([...before.keys.map((key) => key.kid), published.json().kid]);
    const activated = await context.app.inject({ method: 'POST', url: '/api/admin/tool-keys/rotate', headers: admin.headers, payload: {} });
    expect(activated.json()).toEqual({ step: 'activated-next', kid: published.json().kid });
    const launch = await simulator.launch({ messageType: 'LtiDeepLinkingRequest', roles: [ROLE.instructor] });
    const { token } = await sessionFor(launch);
    const answer = await context.app.inject({ method: 'POST', url: '/api/lti/deep-linking/response', headers: { authorization: `Bearer ${token}` }, payload: { items: [{ courseId: 'rivertown' }] } });
    const html = await (await fetch(`${toolUrl}${answer.json().continueUrl}`)).text();
    const jwt = /name="JWT" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(decodeProtectedHeader(jwt).kid).toBe(published.json().kid);
  });

  it("renews its own secrets: a login begun before ends after, sessions signed before stay valid unless the renewal ends them", async () => {
    const admin = await signInAdmin(context);
    const renew = (payload: Record<string, unknown> = {}, headers: Record<string, string> = admin.headers) =>
      context.app.inject({ method: 'POST', url: '/api/admin/tool-secrets/renew', headers, payload });
    const refresh = (token: string) => context.app.inject({ method: 'POST', url: '/api/session/refresh', headers: { authorization: `Bearer ${token}` } });
    const { 'x-csrf-token': _csrf, ...withoutCsrf } = admin.headers;
    expect((await renew({}, withoutCsrf)).statusCode).toBe(403);
    expect((await renew({ endPrevious: 'yes' })).statusCode).toBe(400);
    const { token: tokenBefore } = await sessionFor(await simulator.launch({ roles: [ROLE.learner] }));

    let renewal: Awaited<ReturnType<typeof renew>> | undefined;
    const launch = await simulator.launch({ roles: [ROLE.learner], beforeLaunchPost: async () => void (renewal = await renew()) });
    expect(renewal?.statusCode).toBe(200);
    const renewed = renewal?.json().renewed as Array<{ name: string; previousAcceptedUntil: string }>;
    expect(renewed.map((secret) => secret.name).sort()).toEqual(['lti_login_state', 'session-signing-key']);
    expect(Date.parse(renewed.find((secret) => secret.name === 'session-signing-key')?.previousAcceptedUntil ?? '')).toBeGreaterThan(Date.now() + 2 * 60 * 60 * 1000 - 60_000);
    // The state was sealed with the previous secret: the launch still completes.
    expect(launch.status).toBe(200);
    const { token: tokenAfter } = await sessionFor(launch);
    expect(decodeProtectedHeader(tokenAfter).kid).not.toBe(decodeProtectedHeader(tokenBefore).kid);
    expect((await refresh(tokenBefore)).statusCode).toBe(200);

    // A second routine renewal now would drop what the first kept valid.
    const tooSoon = await renew();
    expect(tooSoon.statusCode).toBe(409);
    expect((await refresh(tokenBefore)).statusCode).toBe(200);
    // A copy of the database went astray: end every session signed before.
    const ending = await renew({ endPrevious: true });
    expect(ending.statusCode).toBe(200);
    expect(ending.json().renewed.every((secret: { previousAcceptedUntil: string | null }) => secret.previousAcceptedUntil === null)).toBe(true);
    expect((await refresh(tokenBefore)).statusCode).toBe(401);
    expect((await refresh(tokenAfter)).statusCode).toBe(401);
  });
});

async function signInAdmin(context: TestApp): Promise<{ headers: Record<string, string> }> {
  const { createAccount } = await import('../server/admin/accounts.ts');
  const email = `admin-${Date.now()}@example.org`;
  await createAccount(context.database.db, { email, name: 'Admin', role: 'admin', password: 'a long enough password' });
  const signIn = await context.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email, password: 'a long enough password' } });
  const cookie = signIn.cookies.find((candidate) => candidate.name === 'eacademy_admin');
  return { headers: { cookie: `eacademy_admin=${cookie?.value}`, 'x-csrf-token': signIn.json().csrfToken, origin: context.config.publicUrl } };
}
