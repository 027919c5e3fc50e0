import { describe, expect, it } from 'vitest';
import { buildAuthenticationRequestUrl } from './build-authentication-request.ts';
import { generateNonce, NONCE_RANDOM_BYTES } from './generate-nonce.ts';
import { LOGIN_HINT_CHARS_MAX, parseLoginRequest } from './parse-login-request.ts';

const TOOL_ORIGIN = 'https://tool.example.org';
const VALID = {
  iss: 'https://moodle.example.org',
  login_hint: '42',
  target_link_uri: `${TOOL_ORIGIN}/lti/launch`,
  lti_message_hint: '{"cmid":7,"launchid":"ltilaunch1_123"}',
  lti_deployment_id: '3',
  client_id: 'abc',
  lti_storage_target: '_parent',
};

describe('parseLoginRequest', () => {
  it('reads every parameter from a query string (GET) and from a form body object (POST)', () => {
    const expected = {
      issuer: VALID.iss,
      loginHint: '42',
      targetLinkUri: VALID.target_link_uri,
      ltiMessageHint: VALID.lti_message_hint,
      deploymentId: '3',
      clientId: 'abc',
      storageTarget: '_parent',
    };
    expect(parseLoginRequest(new URLSearchParams(VALID), TOOL_ORIGIN)).toEqual(expected);
    expect(parseLoginRequest(VALID, TOOL_ORIGIN)).toEqual(expected);
  });

  it('leaves optional parameters undefined when absent', () => {
    const login = parseLoginRequest({ iss: VALID.iss, login_hint: 'x', target_link_uri: VALID.target_link_uri }, TOOL_ORIGIN);
    expect(login.ltiMessageHint).toBeUndefined();
    expect(login.clientId).toBeUndefined();
    expect(login.storageTarget).toBeUndefined();
  });

  it.each(['iss', 'login_hint', 'target_link_uri'])('refuses a request without %s', (name) => {
    const parameters: Record<string, string> = { ...VALID };
    delete parameters[name];
    expect(() => parseLoginRequest(parameters, TOOL_ORIGIN)).toThrow(expect.objectContaining({ code: 'login_request_invalid' }));
  });

  it('refuses a target_link_uri on another origin (no open redirect)', () => {
    expect(() => parseLoginRequest({ ...VALID, target_link_uri: 'https://evil.example.org/lti/launch' }, TOOL_ORIGIN)).toThrow(
      expect.objectContaining({ code: 'target_link_uri_invalid' }),
    );
  });

  it('refuses an issuer that is not a URL, repeated parameters, arrays and oversize hints', () => {
    const refuse = (parameters: URLSearchParams | Record<string, unknown>) =>
      expect(() => parseLoginRequest(parameters, TOOL_ORIGIN)).toThrow(expect.objectContaining({ code: 'login_request_invalid' }));
    refuse({ ...VALID, iss: 'moodle' });
    const repeated = new URLSearchParams(VALID);
    repeated.append('login_hint', 'other');
    refuse(repeated);
    refuse({ ...VALID, login_hint: ['a', 'b'] });
    refuse({ ...VALID, lti_message_hint: 'x'.repeat(LOGIN_HINT_CHARS_MAX + 1) });
  });
});

describe('buildAuthenticationRequestUrl', () => {
  it('builds the OIDC authentication request as a GET URL with every required parameter', () => {
    const url = new URL(
      buildAuthenticationRequestUrl({
        authorizationEndpoint: 'https://moodle.example.org/mod/lti/auth.php',
        clientId: 'abc',
        redirectUri: `${TOOL_ORIGIN}/lti/launch`,
        login: { loginHint: '42', ltiMessageHint: 'hint & more' },
        state: 'state-1',
        nonce: 'nonce-1',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://moodle.example.org/mod/lti/auth.php');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: 'abc',
      redirect_uri: `${TOOL_ORIGIN}/lti/launch`,
      login_hint: '42',
      lti_message_hint: 'hint & more',
      state: 'state-1',
      nonce: 'nonce-1',
    });
  });

  it('keeps a query string already on the endpoint and omits an absent message hint', () => {
    const url = new URL(
      buildAuthenticationRequestUrl({
        authorizationEndpoint: 'https://lms.example.org/auth?tenant=7',
        clientId: 'abc',
        redirectUri: `${TOOL_ORIGIN}/lti/launch`,
        login: { loginHint: '42', ltiMessageHint: undefined },
        state: 's',
        nonce: 'n',
      }),
    );
    expect(url.searchParams.get('tenant')).toBe('7');
    expect(url.searchParams.has('lti_message_hint')).toBe(false);
  });
});

describe('generateNonce', () => {
  it('gives base64url strings of at least 128 random bits, different every time', () => {
    const values = new Set<string>();
    for (let index = 0; index < 100; index += 1) {
      const value = generateNonce();
      expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(value, 'base64url').length).toBe(NONCE_RANDOM_BYTES);
      values.add(value);
    }
    expect(NONCE_RANDOM_BYTES * 8).toBeGreaterThanOrEqual(128);
    expect(values.size).toBe(100);
  });
});
