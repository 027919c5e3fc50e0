import { KeyObject, sign as nodeSign } from 'node:crypto';

import { CompactSign, SignJWT, base64url, exportSPKI, generateKeyPair, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LtiError } from './errors.ts';
import type { LtiErrorCode } from './errors.ts';
import { JwksCache } from './jwks-cache.ts';
import { LTI_CLAIM } from './launch-claims.ts';
import { generatePlatformKey, sendJson, signAsPlatform, startTestServer } from './test-helpers.ts';
import type { PlatformKey, TestServer } from './test-helpers.ts';
import { CLOCK_SKEW_SECONDS, verifyLaunchToken } from './verify-launch-token.ts';
import type { LaunchExpectations } from './verify-launch-token.ts';

const ISSUER = 'https://moodle.example.org';
const CLIENT_ID = 'client-123';
const DEPLOYMENT_ID = 'deployment-1';
const NONCE = 'nonce-abc';
const TOOL_ORIGIN = 'https://tool.example.org';
const TARGET = `${TOOL_ORIGIN}/lti/launch`;
const NOW_SECONDS = 1_900_000_000;

let platformServer: TestServer;
let platformKey: PlatformKey;

beforeAll(async () => {
  platformKey = await generatePlatformKey('platform-key-1');
  platformServer = await startTestServer((_request, response) => sendJson(response, 200, { keys: [platformKey.publicJwk] }));
});
afterAll(() => platformServer.close());

function expectations(overrides: Partial<LaunchExpectations> = {}): LaunchExpectations {
  return {
    platform: { issuer: ISSUER, clientId: CLIENT_ID, jwksUrl: `${platformServer.url}/jwks` },
    deploymentIds: new Set([DEPLOYMENT_ID]),
    nonce: NONCE,
    targetLinkUri: TARGET,
    toolOrigin: TOOL_ORIGIN,
    nowMs: NOW_SECONDS * 1000,
    ...overrides,
  };
}

function launchClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISSUER,
    aud: CLIENT_ID,
    sub: 'user-42',
    iat: NOW_SECONDS,
    exp: NOW_SECONDS + 60,
    nonce: NONCE,
    name: 'Ana Petrović',
    given_name: 'Ana',
    family_name: 'Petrović',
    email: 'ana@example.org',
    [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest',
    [LTI_CLAIM.version]: '1.3.0',
    [LTI_CLAIM.deploymentId]: DEPLOYMENT_ID,
    [LTI_CLAIM.targetLinkUri]: TARGET,
    [LTI_CLAIM.resourceLink]: { id: 'link-7', title: 'Module 2' },
    [LTI_CLAIM.roles]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    [LTI_CLAIM.context]: { id: 'course-9', label: 'LNOB', title: 'Social mapping', type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] },
    [LTI_CLAIM.launchPresentation]: { locale: 'sr-Latn', return_url: 'https://moodle.example.org/course/view.php?id=9', document_target: 'iframe' },
    [LTI_CLAIM.custom]: { course: 'social-mapping', module: 'm2', attempts: 3 },
    [LTI_CLAIM.agsEndpoint]: {
      scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
      lineitems: 'https://moodle.example.org/mod/lti/services.php/9/lineitems?type_id=4',
      lineitem: 'https://moodle.example.org/mod/lti/services.php/9/lineitems/12/lineitem?type_id=4',
    },
    [LTI_CLAIM.nrpsService]: { context_memberships_url: 'https://moodle.example.org/mod/lti/services.php/CourseSection/9/bindings/4/memberships', service_versions: ['2.0'] },
    ...overrides,
  };
}

async function sign(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  return signAsPlatform(claims, platformKey, header);
}

async function verify(token: string, overrides: Partial<LaunchExpectations> = {}) {
  return verifyLaunchToken(token, expectations(overrides), new JwksCache({ fetch }));
}

async function expectRefusal(promise: Promise<unknown>, code: LtiErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LtiError);
  expect((error as LtiError).code).toBe(code);
}

function withoutClaim(name: string): Record<string, unknown> {
  const claims = launchClaims();
  delete claims[name];
  return claims;
}

describe('verifyLaunchToken: valid launches', () => {
  it('accepts a resource link launch and maps every claim once', async () => {
    const verified = await verify(await sign(launchClaims()), { storageTarget: '_parent' });
    const { launch } = verified;
    expect(verified.nonce).toBe(NONCE);
    expect(verified.expiresAt.getTime()).toBe((NOW_SECONDS + 60) * 1000);
    expect(launch).toMatchObject({
      messageType: 'LtiResourceLinkRequest',
      issuer: ISSUER,
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT_ID,
      subject: 'user-42',
      roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
      targetLinkUri: TARGET,
      resourceLink: { id: 'link-7', title: 'Module 2' },
      context: { id: 'course-9', label: 'LNOB', title: 'Social mapping' },
      presentation: { locale: 'sr-Latn', returnUrl: 'https://moodle.example.org/course/view.php?id=9', documentTarget: 'iframe' },
      locale: 'sr-Latn',
      custom: { course: 'social-mapping', module: 'm2', attempts: '3' },
      ags: { lineItemUrl: 'https://moodle.example.org/mod/lti/services.php/9/lineitems/12/lineitem?type_id=4' },
      nrps: { serviceVersions: ['2.0'] },
      storageTarget: '_parent',
      person: { name: 'Ana Petrović', givenName: 'Ana', familyName: 'Petrović', email: 'ana@example.org' },
    });
    expect(launch.deepLinking).toBeUndefined();
  });

  it('accepts aud as an array with azp equal to our client_id', async () => {
    const verified = await verify(await sign(launchClaims({ aud: [CLIENT_ID, 'other-client'], azp: CLIENT_ID })));
    expect(verified.launch.clientId).toBe(CLIENT_ID);
  });

  it('accepts aud as a one-element array without azp', async () => {
    await expect(verify(await sign(launchClaims({ aud: [CLIENT_ID] })))).resolves.toBeDefined();
  });

  it('accepts an empty roles array and a launch without sub (anonymous)', async () => {
    const claims = launchClaims({ [LTI_CLAIM.roles]: [] });
    delete claims.sub;
    const { launch } = await verify(await sign(claims));
    expect(launch.roles).toEqual([]);
    expect(launch.subject).toBeUndefined();
  });

  it('accepts a token within the clock skew on both sides', async () => {
    const claims = launchClaims({ iat: NOW_SECONDS + CLOCK_SKEW_SECONDS - 1, exp: NOW_SECONDS - CLOCK_SKEW_SECONDS + 1 });
    await expect(verify(await sign(claims))).resolves.toBeDefined();
  });

  it('accepts a deep linking request and reads its settings', async () => {
    const claims = launchClaims({
      [LTI_CLAIM.messageType]: 'LtiDeepLinkingRequest',
      [LTI_CLAIM.deepLinkingSettings]: {
        deep_link_return_url: 'https://moodle.example.org/mod/lti/contentitem_return.php?course=9',
        accept_types: ['ltiResourceLink'],
        accept_multiple: true,
        accept_lineitem: true,
        data: 'opaque "data" & more',
      },
    });
    delete claims[LTI_CLAIM.resourceLink];
    const { launch } = await verify(await sign(claims));
    expect(launch.messageType).toBe('LtiDeepLinkingRequest');
    expect(launch.deepLinking).toEqual({
      returnUrl: 'https://moodle.example.org/mod/lti/contentitem_return.php?course=9',
      acceptTypes: ['ltiResourceLink'],
      acceptPresentationDocumentTargets: [],
      acceptMediaTypes: undefined,
      isMultipleAccepted: true,
      isLineItemAccepted: true,
      isAutoCreate: false,
      title: undefined,
      text: undefined,
      data: 'opaque "data" & more',
    });
  });
});

describe('verifyLaunchToken: refusals of the token itself', () => {
  it('refuses something that is not a compact JWS', async () => {
    await expectRefusal(verify('not-a-token'), 'token_malformed');
    await expectRefusal(verify('a.b.c.d'), 'token_malformed');
  });

  it('refuses a header that is not JSON', async () => {
    await expectRefusal(verify(`${base64url.encode('{nope')}.${base64url.encode('{}')}.sig`), 'token_malformed');
  });

  it('refuses alg none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', kid: platformKey.kid }));
    const payload = base64url.encode(JSON.stringify(launchClaims()));
    await expectRefusal(verify(`${header}.${payload}.`), 'alg_not_allowed');
  });

  it('refuses HS256 signed with the platform public key as HMAC secret', async () => {
    const publicKey = await importJWK(platformKey.publicJwk, 'RS256', { extractable: true });
    const secret = new TextEncoder().encode(await exportSPKI(publicKey as CryptoKey));
    const token = await new SignJWT(launchClaims()).setProtectedHeader({ alg: 'HS256', kid: platformKey.kid }).sign(secret);
    await expectRefusal(verify(token), 'alg_not_allowed');
  });

  it('refuses RS512 (RS256 only)', async () => {
    const { privateKey } = await generateKeyPair('RS512');
    const token = await new SignJWT(launchClaims()).setProtectedHeader({ alg: 'RS512', kid: platformKey.kid }).sign(privateKey);
    await expectRefusal(verify(token), 'alg_not_allowed');
  });

  it('refuses a token without kid', async () => {
    const token = await new SignJWT(launchClaims()).setProtectedHeader({ alg: 'RS256' }).sign(platformKey.privateKey);
    await expectRefusal(verify(token), 'kid_missing');
  });

  it('refuses a kid the platform does not publish', async () => {
    await expectRefusal(verify(await sign(launchClaims(), { kid: 'someone-else' })), 'kid_unknown');
  });

  it('refuses a token signed by another key under the published kid', async () => {
    const impostor = await generatePlatformKey(platformKey.kid);
    await expectRefusal(verify(await signAsPlatform(launchClaims(), impostor)), 'signature_invalid');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign(launchClaims())).split('.');
    const forged = base64url.encode(JSON.stringify(launchClaims({ sub: 'admin' })));
    await expectRefusal(verify(`${header}.${forged}.${signature}`), 'signature_invalid');
  });

  it('refuses a signature of the wrong length, and an empty one', async () => {
    const [header, payload, signature = ''] = (await sign(launchClaims())).split('.');
    await expectRefusal(verify(`${header}.${payload}.${signature.slice(0, -4)}`), 'signature_invalid');
    await expectRefusal(verify(`${header}.${payload}.`), 'signature_invalid');
  });

  it('refuses a signature in a non-canonical encoding (the same bytes, another string)', async () => {
    // 256 bytes take 342 characters: the last carries 4 bits and 2 unused ones that a lenient
    // decoder ignores. Setting an unused bit gives another token that decodes to the same signature.
    const token = await sign(launchClaims());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.slice(-1));
    const altered = `${token.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(altered.split('.')[2] ?? '', 'base64url')).toEqual(Buffer.from(token.split('.')[2] ?? '', 'base64url'));
    await expectRefusal(verify(altered), 'signature_invalid');
  });

  it('refuses a validly signed token with a critical header extension it does not implement', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'RS256', kid: platformKey.kid, crit: ['http://example.org/unknown'], 'http://example.org/unknown': true }));
    const payload = base64url.encode(JSON.stringify(launchClaims()));
    const signature = nodeSign('sha256', Buffer.from(`${header}.${payload}`), KeyObject.from(platformKey.privateKey));
    await expectRefusal(verify(`${header}.${payload}.${signature.toString('base64url')}`), 'signature_invalid');
  });

  it('refuses a validly signed payload that is not a JSON object', async () => {
    const token = await new CompactSign(new TextEncoder().encode('[1,2]'))
      .setProtectedHeader({ alg: 'RS256', kid: platformKey.kid })
      .sign(platformKey.privateKey);
    await expectRefusal(verify(token), 'token_malformed');
  });
});

describe('verifyLaunchToken: refusals of the claims', () => {
  it('refuses an unknown issuer', async () => {
    await expectRefusal(verify(await sign(launchClaims({ iss: 'https://evil.example.org' }))), 'issuer_unknown');
  });

  it('refuses an issuer that only differs by a trailing slash (exact match)', async () => {
    await expectRefusal(verify(await sign(launchClaims({ iss: `${ISSUER}/` }))), 'issuer_unknown');
  });

  it('refuses a wrong aud', async () => {
    await expectRefusal(verify(await sign(launchClaims({ aud: 'other-client' }))), 'audience_invalid');
    await expectRefusal(verify(await sign(launchClaims({ aud: ['other-client', 'third'] }))), 'audience_invalid');
  });

  it('refuses an extra aud without azp', async () => {
    await expectRefusal(verify(await sign(launchClaims({ aud: [CLIENT_ID, 'other-client'] }))), 'azp_invalid');
  });

  it('refuses a wrong azp', async () => {
    await expectRefusal(verify(await sign(launchClaims({ aud: [CLIENT_ID, 'other-client'], azp: 'other-client' }))), 'azp_invalid');
    await expectRefusal(verify(await sign(launchClaims({ azp: 'other-client' }))), 'azp_invalid');
  });

  it('refuses an expired token', async () => {
    await expectRefusal(verify(await sign(launchClaims({ iat: NOW_SECONDS - 600, exp: NOW_SECONDS - CLOCK_SKEW_SECONDS }))), 'token_expired');
  });

  it('refuses a token issued in the future', async () => {
    await expectRefusal(verify(await sign(launchClaims({ iat: NOW_SECONDS + CLOCK_SKEW_SECONDS + 1, exp: NOW_SECONDS + 600 }))), 'issued_in_future');
  });

  it('refuses a token without exp', async () => {
    await expectRefusal(verify(await sign(withoutClaim('exp'))), 'claim_invalid');
  });

  it('refuses a nonce that differs from the one sent at login', async () => {
    await expectRefusal(verify(await sign(launchClaims({ nonce: 'other-nonce' }))), 'nonce_mismatch');
    await expectRefusal(verify(await sign(withoutClaim('nonce'))), 'nonce_mismatch');
  });

  it('refuses a missing deployment_id', async () => {
    await expectRefusal(verify(await sign(withoutClaim(LTI_CLAIM.deploymentId))), 'deployment_missing');
  });

  it('refuses an unknown deployment_id', async () => {
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.deploymentId]: 'deployment-2' }))), 'deployment_unknown');
  });

  it('refuses a deployment_id that differs from the lti_deployment_id of the login', async () => {
    const token = await sign(launchClaims());
    await expectRefusal(verify(token, { deploymentIds: [DEPLOYMENT_ID, 'deployment-2'], loginDeploymentId: 'deployment-2' }), 'deployment_unknown');
  });

  it('refuses a wrong or missing message_type', async () => {
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.messageType]: 'LtiSubmissionReviewRequest' }))), 'message_type_invalid');
    await expectRefusal(verify(await sign(withoutClaim(LTI_CLAIM.messageType))), 'message_type_invalid');
  });

  it('refuses a wrong or missing version', async () => {
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.version]: '1.1' }))), 'version_invalid');
    await expectRefusal(verify(await sign(withoutClaim(LTI_CLAIM.version))), 'version_invalid');
  });

  it('refuses a resource link launch without resource_link.id', async () => {
    await expectRefusal(verify(await sign(withoutClaim(LTI_CLAIM.resourceLink))), 'resource_link_missing');
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.resourceLink]: { title: 'x' } }))), 'resource_link_missing');
  });

  it('refuses a launch without roles, or with roles that are not an array of strings', async () => {
    await expectRefusal(verify(await sign(withoutClaim(LTI_CLAIM.roles))), 'roles_missing');
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.roles]: 'Learner' }))), 'roles_missing');
  });

  it('refuses a target_link_uri off our origin', async () => {
    const offOrigin = 'https://evil.example.org/lti/launch';
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.targetLinkUri]: offOrigin })), { targetLinkUri: offOrigin }), 'target_link_uri_invalid');
  });

  it('refuses a target_link_uri different from the one at login', async () => {
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.targetLinkUri]: `${TOOL_ORIGIN}/lti/launch?other=1` }))), 'target_link_uri_invalid');
  });

  it('refuses a deep linking request without deep_linking_settings or its return url', async () => {
    const base = { [LTI_CLAIM.messageType]: 'LtiDeepLinkingRequest' };
    await expectRefusal(verify(await sign(launchClaims(base))), 'deep_linking_settings_invalid');
    const noReturn = { ...base, [LTI_CLAIM.deepLinkingSettings]: { accept_types: ['ltiResourceLink'] } };
    await expectRefusal(verify(await sign(launchClaims(noReturn))), 'deep_linking_settings_invalid');
    const noTypes = { ...base, [LTI_CLAIM.deepLinkingSettings]: { deep_link_return_url: 'https://moodle.example.org/r' } };
    await expectRefusal(verify(await sign(launchClaims(noTypes))), 'deep_linking_settings_invalid');
  });

  it('refuses an optional claim of the wrong shape', async () => {
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.context]: { title: 'no id' } }))), 'claim_invalid');
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.launchPresentation]: { return_url: 'javascript:alert(1)' } }))), 'claim_invalid');
    await expectRefusal(verify(await sign(launchClaims({ [LTI_CLAIM.custom]: { nested: { a: 1 } } }))), 'claim_invalid');
  });

  it('gives a readable message and a status for each refusal', async () => {
    const error = await verify(await sign(launchClaims({ nonce: 'x' }))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LtiError);
    expect((error as LtiError).message).toBe('The launch does not belong to the sign-in that started it.');
    expect((error as LtiError).status).toBe(401);
  });
});
