import { describe, expect, it } from 'vitest';

import {
  browserBindingOf,
  deriveLoginStateKeys,
  LOGIN_STATE_CHARS_MAX,
  newStateRandom,
  nonceOf,
  openLoginState,
  restartParametersOf,
  sealLoginState,
  type LoginState,
} from './login-states.ts';

const keys = deriveLoginStateKeys('a-secret-of-the-tool-for-tests-only-0123456789');
const NOW_MS = Date.UTC(2026, 11, 5, 12);

function loginState(changes: Partial<LoginState> = {}): LoginState {
  return {
    random: newStateRandom(),
    expiresAtMs: NOW_MS + 600_000,
    platform: {
      id: '6f1c2b9e-2a4d-4c4e-9a57-0c8a1f3e5d21',
      issuer: 'https://moodle.lga.example',
      clientId: 'client-1',
      jwksUrl: 'https://moodle.lga.example/mod/lti/certs.php',
      authOrigin: 'https://moodle.lga.example',
      isNalas: false,
      organisationId: null,
      deploymentIds: ['1'],
    },
    targetLinkUri: 'https://tool.example/lti/launch',
    loginDeploymentId: '1',
    storageTarget: undefined,
    hints: { loginHint: '42', messageHint: '{"cmid":7,"launchid":"ltilaunch1_123"}' },
    ...changes,
  };
}

/** Flips one character of the given part of a sealed state (0: payload, 1: seal). */
function altered(state: string, part: 0 | 1): string {
  const parts = state.split('.');
  const value = parts[part] ?? '';
  const index = Math.floor(value.length / 2);
  parts[part] = `${value.slice(0, index)}${value[index] === 'A' ? 'B' : 'A'}${value.slice(index + 1)}`;
  return parts.join('.');
}

describe('sealed login states', () => {
  it('carry the login to its launch unchanged', () => {
    const state = loginState();
    expect(openLoginState(keys, sealLoginState(keys, state), NOW_MS)).toEqual(state);
  });

  it('are refused when altered, sealed with another key, expired, malformed or too long', () => {
    const sealed = sealLoginState(keys, loginState());
    expect(openLoginState(keys, altered(sealed, 0), NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, altered(sealed, 1), NOW_MS)).toBeUndefined();
    expect(openLoginState(deriveLoginStateKeys('another-secret-of-another-tool-0123456789'), sealed, NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, sealed, NOW_MS + 600_000)).toBeUndefined();
    expect(openLoginState(keys, `${sealed}.extra`, NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, 'not-a-state', NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, 'x'.repeat(LOGIN_STATE_CHARS_MAX + 1), NOW_MS)).toBeUndefined();
  });

  it('derive a nonce and a browser binding that differ per state and need the key', () => {
    const [first, second] = [newStateRandom(), newStateRandom()];
    expect(nonceOf(keys, first)).not.toBe(nonceOf(keys, second));
    expect(nonceOf(keys, first)).not.toBe(browserBindingOf(keys, first));
    expect(browserBindingOf(deriveLoginStateKeys('another-secret-of-another-tool-0123456789'), first)).not.toBe(browserBindingOf(keys, first));
    // Neither appears in the state the platform sees.
    const sealed = sealLoginState(keys, loginState({ random: first }));
    const payload = Buffer.from(sealed.split('.')[0] ?? '', 'base64url').toString('utf8');
    expect(payload).not.toContain(nonceOf(keys, first));
    expect(payload).not.toContain(browserBindingOf(keys, first));
  });

  it('keep the hints to restart the launch in a new window, unless they would make the state too long', () => {
    const state = loginState();
    expect(restartParametersOf(state)).toEqual({
      iss: 'https://moodle.lga.example',
      login_hint: '42',
      target_link_uri: 'https://tool.example/lti/launch',
      lti_message_hint: '{"cmid":7,"launchid":"ltilaunch1_123"}',
      lti_deployment_id: '1',
      client_id: 'client-1',
    });
    const withLongHint = loginState({ hints: { loginHint: '42', messageHint: 'h'.repeat(4000) } });
    const sealed = sealLoginState(keys, withLongHint);
    expect(sealed.length).toBeLessThan(1000);
    const opened = openLoginState(keys, sealed, NOW_MS);
    expect(opened?.hints).toBeUndefined();
    expect(opened === undefined ? 'unopened' : restartParametersOf(opened)).toBeUndefined();
  });
});
