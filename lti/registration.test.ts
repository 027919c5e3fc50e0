import { afterEach, describe, expect, it } from 'vitest';
import { buildToolRegistration, postToolRegistration, TOOL_CONFIGURATION_KEY } from './register-tool.ts';
import { sendJson, startTestServer } from './test-helpers.ts';
import type { TestServer } from './test-helpers.ts';
import { buildToolUrls } from './tool-urls.ts';
import { fetchPlatformConfiguration, PLATFORM_CONFIGURATION_KEY, validatePlatformConfiguration } from './validate-platform-configuration.ts';

const CONFIG_URL = 'https://moodle.example.org/mod/lti/openid-configuration.php';

function moodleConfiguration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: 'https://moodle.example.org',
    token_endpoint: 'https://moodle.example.org/mod/lti/token.php',
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    jwks_uri: 'https://moodle.example.org/mod/lti/certs.php',
    authorization_endpoint: 'https://moodle.example.org/mod/lti/auth.php',
    registration_endpoint: 'https://moodle.example.org/mod/lti/openid-registration.php',
    scopes_supported: [
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
      'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
      'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
      'openid',
    ],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email'],
    [PLATFORM_CONFIGURATION_KEY]: {
      product_family_code: 'moodle',
      version: '4.5.11',
      messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest', placements: ['ContentArea'] }],
    },
    ...overrides,
  };
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('validatePlatformConfiguration', () => {
  it('accepts a Moodle configuration and maps it', () => {
    const configuration = validatePlatformConfiguration(CONFIG_URL, moodleConfiguration());
    expect(configuration).toMatchObject({
      issuer: 'https://moodle.example.org',
      tokenEndpoint: 'https://moodle.example.org/mod/lti/token.php',
      productFamilyCode: 'moodle',
      messagesSupported: [{ type: 'LtiResourceLinkRequest', placements: [] }, { type: 'LtiDeepLinkingRequest', placements: ['ContentArea'] }],
    });
  });

  it('accepts an issuer with a path that prefixes the configuration URL', () => {
    const issuer = 'https://lms.example.org/moodle';
    const document = moodleConfiguration({ issuer });
    expect(validatePlatformConfiguration(`${issuer}/mod/lti/openid-configuration.php`, document).issuer).toBe(issuer);
  });

  it('accepts plain http on a loopback host (a test platform)', () => {
    const document = moodleConfiguration({
      issuer: 'http://127.0.0.1:8080',
      authorization_endpoint: 'http://127.0.0.1:8080/auth',
      token_endpoint: 'http://127.0.0.1:8080/token',
      jwks_uri: 'http://127.0.0.1:8080/jwks',
      registration_endpoint: 'http://127.0.0.1:8080/register',
    });
    expect(validatePlatformConfiguration('http://127.0.0.1:8080/.well-known/openid-configuration', document).issuer).toBe('http://127.0.0.1:8080');
  });

  const refusals: [string, string, Record<string, unknown>][] = [
    ['an issuer on another host', CONFIG_URL, moodleConfiguration({ issuer: 'https://evil.example.org' })],
    ['an issuer that is a prefix only by characters, not path segments', CONFIG_URL, moodleConfiguration({ issuer: 'https://moodle.example.org/mo' })],
    ['an issuer on a sibling host', 'https://moodle.example.org.evil.net/openid', moodleConfiguration()],
    ['http on a public host', 'http://moodle.example.org/openid', moodleConfiguration({ issuer: 'http://moodle.example.org' })],
    ['a missing token endpoint', CONFIG_URL, moodleConfiguration({ token_endpoint: undefined })],
    ['a missing jwks_uri', CONFIG_URL, moodleConfiguration({ jwks_uri: undefined })],
    ['a missing authorization endpoint', CONFIG_URL, moodleConfiguration({ authorization_endpoint: undefined })],
    ['a missing registration endpoint', CONFIG_URL, moodleConfiguration({ registration_endpoint: undefined })],
    ['no RS256 for id tokens', CONFIG_URL, moodleConfiguration({ id_token_signing_alg_values_supported: ['HS256'] })],
    ['no private_key_jwt', CONFIG_URL, moodleConfiguration({ token_endpoint_auth_methods_supported: ['client_secret_basic'] })],
    ['no LTI platform configuration', CONFIG_URL, moodleConfiguration({ [PLATFORM_CONFIGURATION_KEY]: undefined })],
    ['no product_family_code', CONFIG_URL, moodleConfiguration({ [PLATFORM_CONFIGURATION_KEY]: { version: '1' } })],
  ];
  it.each(refusals)('refuses %s', (_name, url, document) => {
    expect(() => validatePlatformConfiguration(url, document)).toThrow(expect.objectContaining({ code: 'registration_invalid' }));
  });
});

describe('buildToolRegistration', () => {
  it('derives every URL from the public URL and asks for the AGS and NRPS scopes', () => {
    const platform = validatePlatformConfiguration(CONFIG_URL, moodleConfiguration());
    const registration = buildToolRegistration({ publicUrl: 'https://academy-tool.example.org/', clientName: 'NALAS e-Academy', logoUri: 'https://academy-tool.example.org/logo.svg', platform });
    expect(registration).toEqual({
      application_type: 'web',
      response_types: ['id_token'],
      grant_types: ['implicit', 'client_credentials'],
      initiate_login_uri: 'https://academy-tool.example.org/lti/login',
      redirect_uris: ['https://academy-tool.example.org/lti/launch'],
      client_name: 'NALAS e-Academy',
      logo_uri: 'https://academy-tool.example.org/logo.svg',
      jwks_uri: 'https://academy-tool.example.org/lti/jwks',
      token_endpoint_auth_method: 'private_key_jwt',
      scope: [
        'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
        'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
        'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
      ].join(' '),
      [TOOL_CONFIGURATION_KEY]: {
        domain: 'academy-tool.example.org',
        target_link_uri: 'https://academy-tool.example.org/lti/launch',
        claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email', 'locale'],
        messages: [
          { type: 'LtiResourceLinkRequest', target_link_uri: 'https://academy-tool.example.org/lti/launch' },
          { type: 'LtiDeepLinkingRequest', target_link_uri: 'https://academy-tool.example.org/lti/launch', placements: ['ContentArea'] },
        ],
      },
    });
  });

  it('asks only for scopes the platform lists and keeps a path prefix and port', () => {
    const platform = validatePlatformConfiguration(CONFIG_URL, moodleConfiguration({ scopes_supported: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'] }));
    const registration = buildToolRegistration({ publicUrl: 'https://proxy.example.org:8443/academy', clientName: 'x', platform });
    expect(registration.scope).toBe('https://purl.imsglobal.org/spec/lti-ags/scope/score');
    expect(registration.initiate_login_uri).toBe('https://proxy.example.org:8443/academy/lti/login');
    expect((registration[TOOL_CONFIGURATION_KEY] as Record<string, unknown>).domain).toBe('proxy.example.org:8443');
    expect(buildToolUrls('https://proxy.example.org:8443/academy/').register).toBe('https://proxy.example.org:8443/academy/lti/register');
  });
});

describe('fetchPlatformConfiguration and postToolRegistration', () => {
  it('fetches the configuration, posts the registration with the token as Bearer and reads client_id and deployment_id', async () => {
    server = await startTestServer((request, response) => {
      const base = server?.url ?? '';
      if (request.url === '/openid-configuration') {
        sendJson(response, 200, moodleConfiguration({
          issuer: base,
          authorization_endpoint: `${base}/auth`,
          token_endpoint: `${base}/token`,
          jwks_uri: `${base}/jwks`,
          registration_endpoint: `${base}/register`,
        }));
      } else if (request.url === '/register' && request.headers.authorization === 'Bearer reg-token-1') {
        const body = JSON.parse(request.body) as Record<string, unknown>;
        sendJson(response, 200, { ...body, client_id: 'new-client', [TOOL_CONFIGURATION_KEY]: { ...(body[TOOL_CONFIGURATION_KEY] as object), deployment_id: 17 } });
      } else {
        sendJson(response, 401, { error: 'invalid_token' });
      }
    });
    const platform = await fetchPlatformConfiguration({ openidConfigurationUrl: `${server.url}/openid-configuration`, registrationToken: 'reg-token-1', fetch });
    expect(platform.registrationEndpoint).toBe(`${server.url}/register`);
    const registration = buildToolRegistration({ publicUrl: 'https://tool.example.org', clientName: 'NALAS e-Academy', platform });
    const result = await postToolRegistration({ registrationEndpoint: platform.registrationEndpoint, registrationToken: 'reg-token-1', registration, fetch });
    expect(result.clientId).toBe('new-client');
    expect(result.deploymentId).toBe('17');
    const posted = server.requests.find((request) => request.url === '/register');
    expect(posted?.method).toBe('POST');
    expect(posted?.headers['content-type']).toBe('application/json');

    await expect(postToolRegistration({ registrationEndpoint: platform.registrationEndpoint, registrationToken: 'wrong', registration, fetch })).rejects.toMatchObject({
      code: 'registration_invalid',
    });
  });

  it('refuses a registration answer without client_id', async () => {
    server = await startTestServer((_request, response) => sendJson(response, 200, { client_name: 'x' }));
    await expect(postToolRegistration({ registrationEndpoint: `${server.url}/register`, registrationToken: 't', registration: {}, fetch })).rejects.toMatchObject({
      code: 'registration_invalid',
    });
  });
});
