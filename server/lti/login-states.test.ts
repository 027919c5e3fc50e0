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

/** Flips one character of a sealed state at `index` (negative: from the end, in the tag). */
function altered(state: string, index: number): string {
  const at = index < 0 ? state.length + index : index;
  return `${state.slice(0, at)}${state[at] === 'A' ? 'B' : 'A'}${state.slice(at + 1)}`;
}

describe('sealed login states', () => {
  it('carry the login to its launch unchanged', () => {
    const state = loginState();
    expect(openLoginState(keys, sealLoginState(keys, state), NOW_MS)).toEqual(state);
  });

  it('are refused when altered, sealed with another key, expired, malformed or too long', () => {
    const sealed = sealLoginState(keys, loginState());
    expect(openLoginState(keys, altered(sealed, 2), NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, altered(sealed, Math.floor(sealed.length / 2)), NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, altered(sealed, -3), NOW_MS)).toBeUndefined();
    expect(openLoginState(deriveLoginStateKeys('another-secret-of-another-tool-0123456789'), sealed, NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, sealed, NOW_MS + 600_000)).toBeUndefined();
    expect(openLoginState(keys, `${sealed}.extra`, NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, sealed.slice(0, 20), NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, 'not-a-state', NOW_MS)).toBeUndefined();
    expect(openLoginState(keys, 'x'.repeat(LOGIN_STATE_CHARS_MAX + 1), NOW_MS)).toBeUndefined();
  });

  it('derive a nonce and a browser binding that differ per state and need the key', () => {
    const [first, second] = [newStateRandom(), newStateRandom()];
    expect(nonceOf(keys, first)).not.toBe(nonceOf(keys, second));
    expect(nonceOf(keys, first)).not.toBe(browserBindingOf(keys, first));
    expect(browserBindingOf(deriveLoginStateKeys('another-secret-of-another-tool-0123456789'), first)).not.toBe(browserBindingOf(keys, first));
  });

  it('reveal nothing of what they carry', () => {
    const state = loginState();
    const sealed = sealLoginState(keys, state);
    const bytes = Buffer.from(sealed, 'base64url').toString('latin1');
    for (const carried of [state.random, state.platform.id, state.platform.issuer, state.platform.jwksUrl, state.targetLinkUri, '"cmid"']) {
      expect(sealed).not.toContain(carried);
      expect(bytes).not.toContain(carried);
    }
    // Two seals of the same state differ (a fresh IV each time).
    expect(sealLoginState(keys, state)).not.toBe(sealed);
  });

  it('never grow past the limit: the hints go first, then the deployments, else the login is refused', () => {
    const manyDeployments = Array.from({ length: 32 }, (_, index) => `deployment-${index}-${'x'.repeat(120)}`);
    const longTarget = `https://tool.example/lti/launch?${'p'.repeat(1500)}`;
    const state = loginState({ targetLinkUri: longTarget, platform: { ...loginState().platform, deploymentIds: manyDeployments } });
    const sealed = sealLoginState(keys, state);
    expect(sealed.length).toBeLessThanOrEqual(LOGIN_STATE_CHARS_MAX);
    const opened = openLoginState(keys, sealed, NOW_MS);
    expect(opened?.targetLinkUri).toBe(longTarget);
    expect(opened?.hints).toBeUndefined();
    expect(opened?.platform.deploymentIds).toBeUndefined();
    expect(() => sealLoginState(keys, loginState({ targetLinkUri: `https://tool.example/${'p'.repeat(LOGIN_STATE_CHARS_MAX)}` }))).toThrow(
      expect.objectContaining({ code: 'login_request_invalid' }),
    );
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
