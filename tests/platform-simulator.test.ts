import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';

import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CLAIM,
  LAUNCH_TAMPERS,
  MEDIA_TYPE,
  OFF_ORIGIN_TARGET_LINK_URI,
  ROLE,
  SCOPE,
  startPlatformSimulator,
  UNKNOWN_ISSUER,
  CookieJar,
  type LaunchTamper,
  type PlatformSimulator,
} from './platform-simulator/index.ts';

/**
 * A stand-in tool, just enough to drive the simulator: its JWKS, a login that sets a state cookie
 * and redirects to the platform, and a launch that echoes what it received. The real tool is
 * tested against the simulator elsewhere; here the simulator's own checks are under test.
 */
interface StandInTool {
  url: string;
  kid: string;
  privateKey: CryptoKey;
  /** What the tool sends as redirect_uri (tests break it on purpose). */
  redirectPath: string;
  /** Parameters of the last login initiation the tool received. */
  lastLogin: Record<string, string>;
  close(): Promise<void>;
}

async function startStandInTool(platform: () => PlatformSimulator): Promise<StandInTool> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'tool-key-1', alg: 'RS256', use: 'sig' };
  const tool: StandInTool = { url: '', kid: 'tool-key-1', privateKey, redirectPath: '/lti/launch', lastLogin: {}, close: async () => {} };
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', tool.url);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(request.method === 'POST' ? Buffer.concat(chunks).toString() : url.search);
    if (url.pathname === '/lti/jwks') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    if (url.pathname === '/lti/login') {
      tool.lastLogin = Object.fromEntries(form.entries());
      const state = randomUUID();
      const auth = new URL(platform().endpoints.auth);
      const parameters = {
        scope: 'openid',
        response_type: 'id_token',
        response_mode: 'form_post',
        prompt: 'none',
        client_id: form.get('client_id') ?? '',
        redirect_uri: `${tool.url}${tool.redirectPath}`,
        login_hint: form.get('login_hint') ?? '',
        lti_message_hint: form.get('lti_message_hint') ?? '',
        state,
        nonce: randomUUID(),
      };
      for (const [name, value] of Object.entries(parameters)) auth.searchParams.set(name, value);
      response.writeHead(302, { location: auth.href, 'set-cookie': `lti_state_${state}=bound; Path=/lti/; Secure; HttpOnly; SameSite=None; Partitioned` });
      return void response.end();
    }
    if (url.pathname === '/lti/launch') {
      const echo = { idToken: form.get('id_token'), state: form.get('state'), cookie: request.headers.cookie ?? null, origin: request.headers.origin ?? null, address: request.socket.remoteAddress };
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
    }
    response.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  tool.url = `http://127.0.0.1:${address.port}`;
  tool.close = () => new Promise((resolve) => server.close(() => resolve()));
  return tool;
}

function clientAssertion(tool: StandInTool, clientId: string, audience: string, overrides: { kid?: string; key?: CryptoKey; jti?: string } = {}): Promise<string> {
  return new SignJWT({ jti: overrides.jti ?? randomUUID() })
    .setProtectedHeader({ alg: 'RS256', kid: overrides.kid ?? tool.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(overrides.key ?? tool.privateKey);
}

async function requestToken(simulator: PlatformSimulator, assertion: string, scope: string): Promise<Response> {
  return fetch(simulator.endpoints.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, scope }),
  });
}

describe('LTI platform simulator', () => {
  let simulator: PlatformSimulator;
  let tool: StandInTool;

  beforeAll(async () => {
    tool = await startStandInTool(() => simulator);
    simulator = await startPlatformSimulator({ clientId: 'client-under-test', deploymentIds: ['1', '2'], toolUrl: tool.url });
  });
  afterAll(async () => {
    await simulator.close();
    await tool.close();
  });

  async function platformJwks() {
    return createLocalJWKSet((await (await fetch(simulator.endpoints.jwks)).json()) as { keys: JWK[] });
  }

  async function accessToken(scope: string): Promise<string> {
    const response = await requestToken(simulator, await clientAssertion(tool, simulator.clientId, simulator.endpoints.token), scope);
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  describe('discovery and signing', () => {
    it('publishes an OpenID configuration with the LTI platform configuration', async () => {
      const configuration = (await (await fetch(simulator.endpoints.openidConfiguration)).json()) as Record<string, unknown>;
      expect(configuration).toMatchObject({
        issuer: simulator.issuer,
        authorization_endpoint: simulator.endpoints.auth,
        token_endpoint: simulator.endpoints.token,
        jwks_uri: simulator.endpoints.jwks,
        registration_endpoint: simulator.endpoints.registration,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: 'moodle' },
      });
      expect(configuration.scopes_supported).toContain(SCOPE.score);
    });

    it('signs id_tokens that verify with its JWKS and carry the LTI claims', async () => {
      const claims = simulator.buildLaunchClaims({ roles: [ROLE.instructor], ags: true, nrps: true, custom: { module: 'm1' }, locale: 'sr-Latn' });
      const token = await simulator.signIdToken(claims);
      const { payload, protectedHeader } = await jwtVerify(token, await platformJwks(), { issuer: simulator.issuer, audience: simulator.clientId });
      expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: simulator.signingKey.kid });
      expect(payload).toMatchObject({
        azp: simulator.clientId,
        [CLAIM.messageType]: 'LtiResourceLinkRequest',
        [CLAIM.version]: '1.3.0',
        [CLAIM.deploymentId]: '1',
        [CLAIM.targetLinkUri]: `${tool.url}/lti/launch`,
        [CLAIM.roles]: [ROLE.instructor],
        [CLAIM.custom]: { module: 'm1' },
        [CLAIM.launchPresentation]: { locale: 'sr-Latn' },
        [CLAIM.nrpsService]: { service_versions: ['2.0'] },
      });
      const ags = payload[CLAIM.agsEndpoint] as { lineitem: string; lineitems: string; scope: string[] };
      expect(ags.lineitem).toMatch(/\/lineitem\?type_id=1$/);
      expect(ags.scope).toContain(SCOPE.score);
    });

    it('keeps the previous key published after rotation and signs with the new one', async () => {
      const before = simulator.signingKey.kid;
      await simulator.rotateKeys();
      const kids = simulator.jwks().keys.map((key) => key.kid);
      expect(kids).toEqual(expect.arrayContaining([before, simulator.signingKey.kid]));
      expect(simulator.signingKey.kid).not.toBe(before);
    });
  });

  describe('tampered id_tokens', () => {
    it('omit-kid, wrong-kid and bad-signature differ from a good token only where they say', async () => {
      const claims = simulator.buildLaunchClaims();
      const jwks = await platformJwks();
      const noKid = await simulator.signIdToken(claims, 'omit-kid');
      expect(decodeProtectedHeader(noKid).kid).toBeUndefined();
      const wrongKid = await simulator.signIdToken(claims, 'wrong-kid');
      expect(simulator.jwks().keys.map((key) => key.kid)).not.toContain(decodeProtectedHeader(wrongKid).kid);
      const badSignature = await simulator.signIdToken(claims, 'bad-signature');
      expect(decodeProtectedHeader(badSignature).kid).toBe(simulator.signingKey.kid);
      await expect(jwtVerify(badSignature, jwks)).rejects.toThrow(/signature/i);
    });

    it('alg-none has no signature', async () => {
      const token = await simulator.signIdToken(simulator.buildLaunchClaims(), 'alg-none');
      expect(decodeProtectedHeader(token).alg).toBe('none');
      expect(token.endsWith('.')).toBe(true);
      expect(token.split('.')).toHaveLength(3);
    });

    it('hs256-public-key verifies with the public key bytes as HMAC secret', async () => {
      const token = await simulator.signIdToken(simulator.buildLaunchClaims(), 'hs256-public-key');
      const { payload } = await jwtVerify(token, Buffer.from(simulator.signingKey.publicKeyPem), { algorithms: ['HS256'] });
      expect(payload.iss).toBe(simulator.issuer);
    });

    const claimTampers: Array<[LaunchTamper, (payload: Record<string, unknown>, nowS: number) => void]> = [
      ['wrong-aud', (p) => expect([p.aud, p.azp]).toEqual(['another-tool-client-id', undefined])],
      ['extra-aud-without-azp', (p) => expect([p.aud, p.azp]).toEqual([['client-under-test', 'another-tool-client-id'], undefined])],
      ['wrong-azp', (p) => expect([p.aud, p.azp]).toEqual([['client-under-test', 'another-tool-client-id'], 'another-tool-client-id'])],
      ['expired', (p, nowS) => expect(p.exp).toBeLessThan(nowS - 600)],
      ['iat-in-future', (p, nowS) => expect(p.iat).toBeGreaterThan(nowS + 600)],
      ['nonce-mismatch', (p) => expect(p.nonce).not.toBe('the-login-nonce')],
      ['unknown-deployment', (p) => expect(p[CLAIM.deploymentId]).toBe('deployment-nobody-registered')],
      ['missing-deployment', (p) => expect(p).not.toHaveProperty([CLAIM.deploymentId])],
      ['wrong-message-type', (p) => expect(p[CLAIM.messageType]).not.toBe('LtiResourceLinkRequest')],
      ['wrong-version', (p) => expect(p[CLAIM.version]).toBe('1.2.0')],
      ['missing-version', (p) => expect(p).not.toHaveProperty([CLAIM.version])],
      ['missing-resource-link', (p) => expect(p).not.toHaveProperty([CLAIM.resourceLink])],
      ['missing-roles', (p) => expect(p).not.toHaveProperty([CLAIM.roles])],
      ['target-link-uri-off-origin', (p) => expect(p[CLAIM.targetLinkUri]).toBe(OFF_ORIGIN_TARGET_LINK_URI)],
      ['target-link-uri-differs-from-login', (p) => expect(p[CLAIM.targetLinkUri]).toBe(`${tool.url}/lti/not-the-login-target`)],
      ['unknown-issuer', (p) => expect(p.iss).toBe(UNKNOWN_ISSUER)],
    ];
    it.each(claimTampers)('%s changes the claims it names and is still validly signed', async (tamper, check) => {
      const token = await simulator.signIdToken(simulator.buildLaunchClaims({ nonce: 'the-login-nonce' }), tamper);
      const { payload } = await jwtVerify(token, await platformJwks(), { clockTolerance: 7200, audience: undefined });
      check(payload as Record<string, unknown>, Math.floor(Date.now() / 1000));
    });

    it('applies overrideClaims and removeClaims last', async () => {
      const token = await simulator.signIdToken(simulator.buildLaunchClaims(), undefined, { overrideClaims: { sub: 'someone-else', email: undefined }, removeClaims: [CLAIM.context] });
      const payload = decodeJwt(token);
      expect(payload.sub).toBe('someone-else');
      expect(payload).not.toHaveProperty('email');
      expect(payload).not.toHaveProperty([CLAIM.context]);
    });

    it('lists every known-bad payload of the certification suite', () => {
      expect(Object.keys(LAUNCH_TAMPERS)).toHaveLength(26);
    });
  });

  describe('launch driver', () => {
    it('runs login → /auth → launch post with the browser cookie and a valid id_token', async () => {
      const result = await simulator.launch({ roles: [ROLE.learner] });
      expect(result.stage).toBe('launch');
      expect(result.login.status).toBe(302);
      const echo = JSON.parse(result.body) as { idToken: string; state: string; cookie: string; origin: string };
      expect(echo.cookie).toBe(`lti_state_${echo.state}=bound`);
      expect(echo.origin).toBe(new URL(simulator.baseUrl).origin);
      const { payload } = await jwtVerify(echo.idToken, await platformJwks(), { issuer: simulator.issuer, audience: simulator.clientId });
      const auth = simulator.authRequests().at(-1);
      expect(auth?.problems).toEqual([]);
      expect(payload.nonce).toBe(auth?.parameters.nonce);
    });

    it('authorises in-process with the checks of /auth, from the address the browser is given', async () => {
      const result = await simulator.launch({ roles: [ROLE.learner], authorisation: 'in-process', browserAddress: '127.0.0.12' });
      const echo = JSON.parse(result.body) as { idToken: string; address: string };
      expect(echo.address).toBe('127.0.0.12');
      const { payload } = await jwtVerify(echo.idToken, await platformJwks(), { issuer: simulator.issuer, audience: simulator.clientId });
      const auth = simulator.authRequests().at(-1);
      expect(auth?.problems).toEqual([]);
      expect(payload.nonce).toBe(auth?.parameters.nonce);
      tool.redirectPath = '/elsewhere';
      try {
        await expect(simulator.launch({ authorisation: 'in-process' })).rejects.toThrow(/redirect_uri/);
      } finally {
        tool.redirectPath = '/lti/launch';
      }
    });

    it('posts the state tampers as named', async () => {
      const missing = JSON.parse((await simulator.launch({ tamper: 'missing-state' })).body) as { state: string | null };
      expect(missing.state).toBeNull();
      const forged = JSON.parse((await simulator.launch({ tamper: 'forged-state' })).body) as { state: string; cookie: string };
      expect(forged.cookie).not.toContain(forged.state);
      const otherBrowser = JSON.parse((await simulator.launch({ tamper: 'state-from-another-browser' })).body) as { cookie: string | null };
      expect(otherBrowser.cookie).toBeNull();
    });

    it('replays the first id_token with the state of a second login', async () => {
      const result = await simulator.launch({ tamper: 'replay' });
      const echo = JSON.parse(result.body) as { idToken: string; state: string };
      const first = JSON.parse(result.replayedLaunch?.body ?? '{}') as { idToken: string; state: string };
      expect(echo.idToken).toBe(first.idToken);
      expect(echo.state).not.toBe(first.state);
    });

    it('sends unknown-issuer-at-login and off-origin target_link_uri in the login initiation', async () => {
      await simulator.launch({ tamper: 'unknown-issuer-at-login', loginMethod: 'GET' });
      expect(tool.lastLogin.iss).toBe(UNKNOWN_ISSUER);
      const offOrigin = await simulator.launch({ tamper: 'target-link-uri-off-origin' });
      expect(tool.lastLogin.target_link_uri).toBe(OFF_ORIGIN_TARGET_LINK_URI);
      expect(decodeJwt(offOrigin.idToken ?? '')[CLAIM.targetLinkUri]).toBe(OFF_ORIGIN_TARGET_LINK_URI);
      await simulator.launch({ tamper: 'missing-deployment' });
      expect(tool.lastLogin).not.toHaveProperty('lti_deployment_id');
      expect(tool.lastLogin).toMatchObject({ client_id: simulator.clientId, login_hint: 'moodle-user-2' });
    });

    it('refuses an authentication request with an unregistered redirect_uri', async () => {
      tool.redirectPath = '/elsewhere';
      try {
        await expect(simulator.launch()).rejects.toThrow(/redirect_uri/);
      } finally {
        tool.redirectPath = '/lti/launch';
      }
    });

    it('withholds an unpartitioned SameSite=None cookie from a cross-site frame, like Chromium', () => {
      const jar = new CookieJar();
      const framed = { initiatorOrigin: 'http://localhost:1', topLevelOrigin: 'http://localhost:1', isTopLevelNavigation: false, method: 'POST' };
      const refused = jar.store(['plain=1; Path=/; Secure; SameSite=None', 'chips=1; Path=/; Secure; SameSite=None; Partitioned', 'lax=1; Path=/'], 'http://127.0.0.1:2/lti/login', framed);
      expect(refused).toEqual(['plain', 'lax']);
      expect(jar.header('http://127.0.0.1:2/lti/launch', framed)).toBe('chips=1');
      expect(jar.header('http://127.0.0.1:2/lti/launch', { ...framed, topLevelOrigin: 'http://other.example' })).toBe('');
    });

    it('refuses __Host- and __Secure- cookies that break their prefix rules, like Chromium', () => {
      const jar = new CookieJar();
      const topLevel = { initiatorOrigin: 'http://127.0.0.1:2', topLevelOrigin: 'http://127.0.0.1:2', isTopLevelNavigation: true, method: 'GET' };
      const refused = jar.store(
        [
          '__Host-ok=1; Path=/; Secure',
          '__Host-path=1; Path=/lti/; Secure',
          '__Host-insecure=1; Path=/',
          '__Host-domain=1; Domain=127.0.0.1; Path=/; Secure',
          '__Secure-ok=1; Path=/lti/; Secure',
          '__Secure-insecure=1; Path=/',
        ],
        'http://127.0.0.1:2/lti/login',
        topLevel,
      );
      expect(refused).toEqual(['__Host-path', '__Host-insecure', '__Host-domain', '__Secure-insecure']);
      expect(jar.header('http://127.0.0.1:2/lti/launch', topLevel)).toBe('__Host-ok=1; __Secure-ok=1');
    });

    it('carries the partitioned state cookie through a framed launch from a localhost platform', async () => {
      const crossSite = await startPlatformSimulator({ issuerHost: 'localhost', clientId: 'client-under-test', toolUrl: tool.url });
      const previous = simulator;
      simulator = crossSite;
      try {
        const partitioned = JSON.parse((await crossSite.launch()).body) as { cookie: string | null };
        expect(partitioned.cookie).toMatch(/^lti_state_/);
      } finally {
        simulator = previous;
        await crossSite.close();
      }
    });
  });

  describe('token endpoint', () => {
    it('grants only requested, allowed scopes for a good client assertion, and counts requests', async () => {
      const before = simulator.tokenRequests().length;
      const response = await requestToken(simulator, await clientAssertion(tool, simulator.clientId, simulator.endpoints.token), `${SCOPE.score} https://example.org/not-a-scope`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: SCOPE.score });
      expect(simulator.tokenRequests()).toHaveLength(before + 1);
    });

    it('rejects a wrong audience, an unpublished key, a reused jti and an unknown client', async () => {
      const wrongAudience = await requestToken(simulator, await clientAssertion(tool, simulator.clientId, simulator.issuer), SCOPE.score);
      expect(wrongAudience.status).toBe(401);
      const stranger = await generateKeyPair('RS256');
      const unpublished = await requestToken(simulator, await clientAssertion(tool, simulator.clientId, simulator.endpoints.token, { key: stranger.privateKey }), SCOPE.score);
      expect(unpublished.status).toBe(401);
      const jti = randomUUID();
      expect((await requestToken(simulator, await clientAssertion(tool, simulator.clientId, simulator.endpoints.token, { jti }), SCOPE.score)).status).toBe(200);
      expect((await requestToken(simulator, await clientAssertion(tool, simulator.clientId, simulator.endpoints.token, { jti }), SCOPE.score)).status).toBe(401);
      expect((await requestToken(simulator, await clientAssertion(tool, 'nobody', simulator.endpoints.token), SCOPE.score)).status).toBe(401);
      expect((await requestToken(simulator, await clientAssertion(tool, simulator.clientId, simulator.endpoints.token), 'https://example.org/not-a-scope')).status).toBe(400);
      expect(simulator.tokenRequests().at(-1)?.problems.join()).toMatch(/scope/);
    });
  });

  describe('assignment and grade services', () => {
    const context = 'ags-course';
    let lineItemUrl: string;
    let token: string;

    beforeAll(async () => {
      simulator.setRoster(context, [{ userId: 'learner-1', roles: [ROLE.learner] }]);
      token = await accessToken(`${SCOPE.lineItem} ${SCOPE.score} ${SCOPE.resultReadOnly}`);
      const created = await fetch(`${simulator.baseUrl}/ags/${context}/lineitems?type_id=1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': MEDIA_TYPE.lineItem },
        body: JSON.stringify({ scoreMaximum: 10, label: 'Module 1', resourceId: 'module-1', tag: 'completion' }),
      });
      expect(created.status).toBe(201);
      lineItemUrl = ((await created.json()) as { id: string }).id;
    });

    function postScore(url: string, score: Record<string, unknown>, bearer = token): Promise<Response> {
      return fetch(url, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': MEDIA_TYPE.score }, body: JSON.stringify(score) });
    }
    const score = (timestamp: string, scoreGiven = 8) => ({ userId: 'learner-1', scoreGiven, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp });

    it('takes a score with /scores inserted in the path before the query', async () => {
      const url = lineItemUrl.replace('?', '/scores?');
      expect((await postScore(url, score('2030-01-01T10:00:00.000Z'))).status).toBe(204);
      expect(simulator.currentScore(lineItemUrl, 'learner-1')?.scoreGiven).toBe(8);
    });

    it('rejects /scores appended after the query string', async () => {
      const response = await postScore(`${lineItemUrl}/scores`, score('2030-01-01T10:00:01.000Z'));
      expect(response.status).toBe(400);
      expect(simulator.serviceRequests().at(-1)?.problems.join()).toMatch(/after the query string/);
    });

    it('rejects missing or insufficient tokens, bad scores and older timestamps', async () => {
      const url = lineItemUrl.replace('?', '/scores?');
      expect((await postScore(url, score('2030-01-01T11:00:00.000Z'), 'not-a-token')).status).toBe(401);
      expect((await postScore(url, score('2030-01-01T11:00:00.000Z'), await accessToken(SCOPE.lineItemReadOnly))).status).toBe(403);
      expect((await postScore(url, score('2030-01-01T11:00:00Z'))).status).toBe(400);
      expect((await postScore(url, score('2030-01-01T11:00:00.000Z', 11))).status).toBe(400);
      expect((await postScore(url, { ...score('2030-01-01T11:00:00.000Z'), activityProgress: 'Done' })).status).toBe(400);
      expect((await postScore(url, { ...score('2030-01-01T11:00:00.000Z'), userId: 'not-enrolled' })).status).toBe(400);
      expect((await postScore(url, score('2029-12-31T09:00:00.000Z', 2))).status).toBe(409);
      expect(simulator.currentScore(lineItemUrl, 'learner-1')?.scoreGiven).toBe(8);
      expect((await postScore(url, score('2030-01-02T09:00:00.000Z', 10))).status).toBe(204);
      expect(simulator.currentScore(lineItemUrl, 'learner-1')?.scoreGiven).toBe(10);
    });

    it('filters line items and pages them with Link rel=next', async () => {
      for (let index = 0; index < 3; index += 1) simulator.createLineItem(context, { scoreMaximum: 1, label: `extra ${index}`, tag: 'extra' });
      const read = (url: string) => fetch(url, { headers: { authorization: `Bearer ${token}`, accept: MEDIA_TYPE.lineItemContainer } });
      const filtered = await read(`${simulator.baseUrl}/ags/${context}/lineitems?type_id=1&resource_id=module-1`);
      expect(filtered.headers.get('content-type')).toContain(MEDIA_TYPE.lineItemContainer);
      expect(((await filtered.json()) as unknown[]).length).toBe(1);
      const first = await read(`${simulator.baseUrl}/ags/${context}/lineitems?type_id=1&tag=extra&limit=2`);
      const next = /<([^>]+)>;\s*rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
      expect(next).toBeDefined();
      const second = await read(next ?? '');
      expect(second.headers.get('link')).toBeNull();
      expect(((await first.json()) as unknown[]).length + ((await second.json()) as unknown[]).length).toBe(3);
    });
  });

  describe('names and role provisioning', () => {
    it('returns every member across pages and requires the NRPS scope and media type', async () => {
      const members = Array.from({ length: 25 }, (_, index) => ({ userId: `user-${index}`, roles: [ROLE.learner], name: `Learner ${index}` }));
      simulator.setRoster('nrps-course', members);
      const token = await accessToken(SCOPE.contextMembershipReadOnly);
      const seen: string[] = [];
      let url: string | undefined = `${simulator.baseUrl}/nrps/nrps-course/memberships?limit=10`;
      let pages = 0;
      while (url !== undefined) {
        const response: Response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: MEDIA_TYPE.membershipContainer } });
        expect(response.status).toBe(200);
        seen.push(...((await response.json()) as { members: Array<{ user_id: string }> }).members.map((member) => member.user_id));
        url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
        pages += 1;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(members.map((member) => member.userId));
      const wrongAccept = await fetch(`${simulator.baseUrl}/nrps/nrps-course/memberships`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      expect(wrongAccept.status).toBe(406);
      const wrongScope = await fetch(`${simulator.baseUrl}/nrps/nrps-course/memberships`, { headers: { authorization: `Bearer ${await accessToken(SCOPE.score)}`, accept: MEDIA_TYPE.membershipContainer } });
      expect(wrongScope.status).toBe(403);
    });
  });

  describe('dynamic registration endpoint', () => {
    const registration = (toolUrl: string) => ({
      application_type: 'web',
      response_types: ['id_token'],
      grant_types: ['implicit', 'client_credentials'],
      initiate_login_uri: `${toolUrl}/lti/login`,
      redirect_uris: [`${toolUrl}/lti/launch`],
      client_name: 'e-Academy',
      jwks_uri: `${toolUrl}/lti/jwks`,
      token_endpoint_auth_method: 'private_key_jwt',
      scope: `${SCOPE.score} ${SCOPE.contextMembershipReadOnly}`,
      'https://purl.imsglobal.org/spec/lti-tool-configuration': {
        domain: new URL(toolUrl).host,
        target_link_uri: `${toolUrl}/lti/launch`,
        claims: ['iss', 'sub'],
        messages: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
      },
    });
    const register = (token: string, body: unknown) =>
      fetch(simulator.endpoints.registration, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('registers once per token and answers with client_id and deployment_id', async () => {
      const independent = await startPlatformSimulator();
      const token = independent.issueRegistrationToken();
      const post = (body: unknown) =>
        fetch(independent.endpoints.registration, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      try {
        const response = await post(registration(tool.url));
        expect(response.status).toBe(200);
        const answer = (await response.json()) as Record<string, Record<string, string>>;
        expect(answer.client_id).toBe(independent.tool.clientId);
        expect(answer['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id).toBe(independent.tool.deploymentIds[0]);
        expect(independent.tool.scopesAllowed).toEqual([SCOPE.score, SCOPE.contextMembershipReadOnly]);
        expect((await post(registration(tool.url))).status).toBe(401);
      } finally {
        await independent.close();
      }
    });

    it('refuses a registration that breaks Dynamic Registration §3.5', async () => {
      const response = await register(simulator.issueRegistrationToken(), { ...registration(tool.url), grant_types: ['implicit'], redirect_uris: ['https://elsewhere.example/launch'] });
      expect(response.status).toBe(400);
      expect(simulator.registrations().at(-1)?.problems.join('\n')).toMatch(/grant_types[\s\S]*not on the tool's domain/);
    });
  });

  describe('deep link return', () => {
    function deepLinkingResponse(data: string | undefined): Promise<string> {
      return new SignJWT({
        nonce: randomUUID(),
        [CLAIM.messageType]: 'LtiDeepLinkingResponse',
        [CLAIM.version]: '1.3.0',
        [CLAIM.deploymentId]: '1',
        [CLAIM.deepLinkingData]: data,
        [CLAIM.deepLinkingContentItems]: [{ type: 'ltiResourceLink', title: 'Module 1', custom: { module: 'm1' }, lineItem: { scoreMaximum: 100, label: 'Module 1' } }],
      })
        .setProtectedHeader({ alg: 'RS256', kid: tool.kid })
        .setIssuer(simulator.clientId)
        .setAudience(simulator.issuer)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(tool.privateKey);
    }

    it('accepts a signed response that echoes data and stores its items; refuses one that does not', async () => {
      const result = await simulator.launch({ messageType: 'LtiDeepLinkingRequest', roles: [ROLE.instructor], deepLinkingSettings: { data: 'opaque-42' } });
      const settings = result.claims?.[CLAIM.deepLinkingSettings] as { deep_link_return_url: string; data: string };
      expect(settings.data).toBe('opaque-42');
      const post = async (data: string | undefined) => {
        const token = await deepLinkingResponse(data);
        return fetch(settings.deep_link_return_url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ JWT: token }) });
      };
      expect((await post('opaque-42')).status).toBe(200);
      expect(simulator.deepLinkItems()).toEqual([expect.objectContaining({ type: 'ltiResourceLink', custom: { module: 'm1' } })]);
      expect((await post('something-else')).status).toBe(400);
      expect(simulator.deepLinkReturns().at(-1)?.problems.join()).toMatch(/data/);
    });
  });
});
