import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../server/db/index.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';
import { registerSimulatedPlatform } from './helpers/lti.ts';
import { findFreePort } from './helpers/server-process.ts';
import { STATE_COOKIES_MAX } from '../server/lti/complete-launch.ts';
import { LAUNCHES_PER_MINUTE_MAX } from '../server/lti/routes.ts';
import { LTI_ERROR_MESSAGES } from '../lti/index.ts';
import { LAUNCH_TAMPERS, ROLE, startPlatformSimulator, type LaunchTamper, type PlatformSimulator } from './platform-simulator/index.ts';

/** What each known-bad launch must be refused with (1EdTech certification "known bad payloads"). */
const EXPECTED_REFUSAL: Record<Exclude<LaunchTamper, 'state-from-another-browser'>, string> = {
  'omit-kid': 'kid_missing',
  'wrong-kid': 'kid_unknown',
  'bad-signature': 'signature_invalid',
  'alg-none': 'alg_not_allowed',
  'hs256-public-key': 'alg_not_allowed',
  'wrong-aud': 'audience_invalid',
  'extra-aud-without-azp': 'azp_invalid',
  'wrong-azp': 'azp_invalid',
  expired: 'token_expired',
  'iat-in-future': 'issued_in_future',
  'nonce-mismatch': 'nonce_mismatch',
  // The replayed token carries the first login's nonce, not the one bound to the second state.
  replay: 'nonce_mismatch',
  'missing-state': 'state_invalid',
  'forged-state': 'state_invalid',
  'unknown-deployment': 'deployment_unknown',
  'missing-deployment': 'deployment_missing',
  'wrong-message-type': 'message_type_invalid',
  'wrong-version': 'version_invalid',
  'missing-version': 'version_invalid',
  'missing-resource-link': 'resource_link_missing',
  'missing-roles': 'roles_missing',
  'target-link-uri-off-origin': 'target_link_uri_invalid',
  'target-link-uri-differs-from-login': 'target_link_uri_invalid',
  'unknown-issuer': 'issuer_unknown',
  'unknown-issuer-at-login': 'issuer_unknown',
};

function handoffCode(body: string): string {
  const match = /\/launch#code=([A-Za-z0-9_-]+)/.exec(body);
  if (match?.[1] === undefined) throw new Error(`no hand-off in the answer:\n${body.slice(0, 500)}`);
  return match[1];
}

describe.each(databaseKinds())('LTI launch on %s', (kind) => {
  let context: TestApp;
  let simulator: PlatformSimulator;
  let toolUrl: string;

  beforeAll(async () => {
    const port = await findFreePort();
    toolUrl = `http://127.0.0.1:${port}`;
    context = await createTestApp(kind, { PUBLIC_URL: toolUrl });
    await context.app.listen({ port, host: '127.0.0.1' });
    simulator = await startPlatformSimulator({ issuerHost: 'localhost', toolUrl, clientId: 'tool-client-1', deploymentIds: ['deployment-1'] });
    await registerSimulatedPlatform(context.database.db, simulator);
    context.app.invalidateFrameAncestors();
  });
  afterAll(async () => {
    await simulator?.close();
    await context?.close();
  });

  it('redirects a login (POST or GET) to the platform with a GET and sets a partitioned state cookie', async () => {
    for (const loginMethod of ['POST', 'GET'] as const) {
      const result = await simulator.launch({ loginMethod, roles: [ROLE.learner] });
      expect(result.login.status).toBe(302);
      expect(result.stage).toBe('launch');
      const setCookie = result.login.headers.get('set-cookie') ?? '';
      // __Host-: no sibling subdomain can plant a binding (host-only, Secure, Path=/).
      expect(setCookie).toMatch(/^__Host-lti_state_[A-Za-z0-9_-]+=/);
      expect(setCookie).toMatch(/Path=\/;/);
      expect(setCookie).not.toMatch(/Domain=/i);
      expect(setCookie).toMatch(/Secure/);
      expect(setCookie).toMatch(/SameSite=None/i);
      expect(setCookie).toMatch(/Partitioned/i);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(result.status).toBe(200);
    }
  });

  it('limits logins and launches per browser address, so one classroom does not use up the limit of another', async () => {
    const remaining = async (browserAddress: string) => {
      const result = await simulator.launch({ roles: [ROLE.learner], browserAddress });
      expect(result.status).toBe(200);
      return [Number(result.login.headers.get('x-ratelimit-remaining')), Number(result.headers.get('x-ratelimit-remaining'))];
    };
    const [firstLogin = 0, firstLaunch = 0] = await remaining('127.0.0.31');
    expect(firstLogin).toBe(LAUNCHES_PER_MINUTE_MAX - 1);
    expect(await remaining('127.0.0.31')).toEqual([firstLogin - 1, firstLaunch - 1]);
    expect(await remaining('127.0.0.32')).toEqual([LAUNCHES_PER_MINUTE_MAX - 1, LAUNCHES_PER_MINUTE_MAX - 1]);
  });

  it('clears the state cookie whatever the launch outcome, and clears a pile of unfinished logins', async () => {
    const refused = await simulator.launch({ roles: [ROLE.learner], tamper: 'expired' });
    expect(refused.status).toBe(401);
    expect(refused.headers.getSetCookie().join('\n')).toMatch(/^__Host-lti_state_[A-Za-z0-9_-]+=; Max-Age=0;.*Path=\//m);
    expect(refused.cookies.filter((cookie) => cookie.name.includes('lti_state_'))).toEqual([]);

    const pending = Object.fromEntries(Array.from({ length: STATE_COOKIES_MAX }, (_, index) => [`__Host-lti_state_pending${index}`, 'binding']));
    const login = await context.app.inject({
      method: 'GET',
      url: `/lti/login?${new URLSearchParams({ iss: simulator.issuer, client_id: 'tool-client-1', login_hint: 'learner-1', target_link_uri: `${toolUrl}/lti/launch` })}`,
      cookies: pending,
    });
    expect(login.statusCode).toBe(302);
    const cleared = login.cookies.filter((cookie) => cookie.value === '').map((cookie) => cookie.name);
    expect(cleared.sort()).toEqual(Object.keys(pending).sort());
    expect(login.cookies.filter((cookie) => cookie.value !== '')).toHaveLength(1);
  });

  it('launches a learner: a one-time code becomes a session for a pseudonymous user', async () => {
    const result = await simulator.launch({ roles: [ROLE.learner], locale: 'sr-Latn' });
    expect(result.status).toBe(200);
    expect(result.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${new URL(simulator.issuer).origin}`);
    const code = handoffCode(result.body);
    // The launch's language travels beside the code, for the app to load its messages at once.
    expect(result.body).toContain(`href="/launch#code=${code}&amp;locale=sr-Latn"`);
    const exchange = await context.app.inject({ method: 'POST', url: '/api/session', payload: { code } });
    expect(exchange.statusCode).toBe(200);
    const { token, session } = exchange.json();
    expect(session).toMatchObject({ face: 'learner', locale: 'sr-Latn', messageType: 'LtiResourceLinkRequest' });
    expect(session.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.registration).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(token.split('.')).toHaveLength(3);
    const again = await context.app.inject({ method: 'POST', url: '/api/session', payload: { code } });
    expect(again.statusCode).toBe(401);

    const [user] = await context.database.db.select().from(schema.users);
    expect(user?.id).toBe(session.sub);
    expect(user?.subject).toBe(result.claims?.sub);
    expect(session.sub).not.toBe(result.claims?.sub);
    const refreshed = await context.app.inject({ method: 'POST', url: '/api/session/refresh', headers: { authorization: `Bearer ${token}` } });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().session.sub).toBe(session.sub);
  });

  it('gives the same learner the same registration on the same link, another on another link', async () => {
    const sessionOf = async (resourceLinkId: string) => {
      const result = await simulator.launch({ roles: [ROLE.learner], resourceLink: { id: resourceLinkId, title: resourceLinkId } });
      return (await context.app.inject({ method: 'POST', url: '/api/session', payload: { code: handoffCode(result.body) } })).json().session;
    };
    const first = await sessionOf('link-a');
    const second = await sessionOf('link-a');
    const other = await sessionOf('link-b');
    expect(second.registration).toBe(first.registration);
    expect(other.registration).not.toBe(first.registration);
  });

  it.each([
    [[ROLE.instructor], 'trainer'],
    [[ROLE.teachingAssistant], 'trainer'],
    [[ROLE.contentDeveloper], 'trainer'],
    [[ROLE.learner], 'learner'],
    [[ROLE.institutionAdministrator], 'trainer'],
  ])('maps roles %j to the %s face', async (roles, face) => {
    const result = await simulator.launch({ roles });
    const exchange = await context.app.inject({ method: 'POST', url: '/api/session', payload: { code: handoffCode(result.body) } });
    expect(exchange.json().session.face).toBe(face);
  });

  it.each(Object.entries(EXPECTED_REFUSAL))('refuses the known-bad launch %s with a readable 4xx page (%s)', async (tamper, code) => {
    const result = await simulator.launch({ roles: [ROLE.learner], tamper: tamper as LaunchTamper });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.headers.get('content-type')).toContain('text/html');
    expect(result.body).toContain('This activity could not be opened');
    expect(result.body).toContain(`<code>${code}</code>`);
    expect(result.body).not.toContain('/launch#code=');
  });

  it("refuses in the browser's language, with the precise reason for the administrator in English", async () => {
    const result = await simulator.launch({ roles: [ROLE.learner], tamper: 'expired', browserLanguage: 'mk-MK,mk;q=0.9,en;q=0.5' });
    expect(result.status).toBe(401);
    expect(result.body).toContain('<html lang="mk">');
    expect(result.body).toContain('<h1>Оваа активност не можеше да се отвори</h1>');
    // An expired launch is one the learner can mend: open the activity again.
    expect(result.body).toContain('Вратете се во курсот и отворете ја активноста повторно.');
    expect(result.body).toContain('Ако ова продолжи, известете го администраторот на курсот');
    expect(result.body).toContain(`<span lang="en">${LTI_ERROR_MESSAGES.token_expired}</span>`);
    const misconfigured = await simulator.launch({ roles: [ROLE.learner], tamper: 'unknown-deployment', browserLanguage: 'sq' });
    expect(misconfigured.body).toContain('<html lang="sq">');
    expect(misconfigured.body).toContain('njoftoni administratorin e kursit');
    // The advice already sends the learner to the administrator: not a second time.
    expect(misconfigured.body).not.toContain('Nëse kjo vazhdon');
    expect(misconfigured.body).toContain('<code>deployment_unknown</code>');
  });

  it("opens the course in the launch's language, before the browser's", async () => {
    const result = await simulator.launch({ roles: [ROLE.learner], locale: 'sr-Cyrl-RS', browserLanguage: 'en-US' });
    expect(result.body).toContain('<html lang="sr-Cyrl">');
    expect(result.body).toContain('<h1>Отварање курса…</h1>');
  });

  it('offers a new window when the state cookie did not come back and the platform has no storage', async () => {
    const result = await simulator.launch({ roles: [ROLE.learner], tamper: 'state-from-another-browser' });
    expect(result.status).toBe(200);
    expect(result.body).toContain('Open in a new window');
    const inAlbanian = await simulator.launch({ roles: [ROLE.learner], tamper: 'state-from-another-browser', browserLanguage: 'sq-AL' });
    expect(inAlbanian.body).toContain('Hap në një dritare të re');
    expect(result.body).toContain('target="_blank"');
    expect(result.body).not.toContain('/launch#code=');
  });

  it('leaves out of the hand-off a launch language that is not a language tag', async () => {
    const result = await simulator.launch({ roles: [ROLE.learner], locale: 'en"><script>' });
    expect(result.status).toBe(200);
    expect(result.body).toMatch(/\/launch#code=[A-Za-z0-9_-]+"/);
  });

  it('covers every tamper of the simulator', () => {
    expect([...Object.keys(EXPECTED_REFUSAL), 'state-from-another-browser'].sort()).toEqual(Object.keys(LAUNCH_TAMPERS).sort());
  });
});
