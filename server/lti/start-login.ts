import { buildAuthenticationRequestUrl, parseLoginRequest } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { browserBindingOf, findLoginPlatform, LOGIN_STATE_LIFETIME_MS, newStateRandom, nonceOf, sealLoginState, type LoginStateKeyring } from './login-states.ts';

export interface StartedLogin {
  /** The platform's authorisation endpoint with our request: always followed with a GET. */
  redirectUrl: string;
  state: string;
  /** Value of the state cookie that binds this login to the browser. */
  browserBinding: string;
  storageTarget: string | undefined;
  platformOrigin: string;
}

/**
 * OIDC third-party initiated login (LTI Core 1.3 §4.1; Security Framework §5.1.1): checks the
 * platform is known, seals a fresh state (with its nonce and browser binding) and builds the
 * authentication request. One read of the database, no write.
 */
export async function startLogin(
  db: Database,
  input: { parameters: Record<string, unknown>; publicUrl: string; stateKeyring: LoginStateKeyring },
): Promise<StartedLogin> {
  const toolOrigin = new URL(input.publicUrl).origin;
  const login = parseLoginRequest(input.parameters, toolOrigin);
  const { authUrl, ...platform } = await findLoginPlatform(db, login);
  const random = newStateRandom();
  const keys = input.stateKeyring.sealing;
  const state = sealLoginState(keys, {
    random,
    expiresAtMs: Date.now() + LOGIN_STATE_LIFETIME_MS,
    platform,
    targetLinkUri: login.targetLinkUri,
    loginDeploymentId: login.deploymentId,
    storageTarget: login.storageTarget,
    hints: { loginHint: login.loginHint, messageHint: login.ltiMessageHint },
  });
  const redirectUrl = buildAuthenticationRequestUrl({
    authorizationEndpoint: authUrl,
    clientId: platform.clientId,
    redirectUri: `${input.publicUrl}/lti/launch`,
    login,
    state,
    nonce: nonceOf(keys, random),
  });
  return { redirectUrl, state, browserBinding: browserBindingOf(keys, random), storageTarget: login.storageTarget, platformOrigin: platform.authOrigin };
}
