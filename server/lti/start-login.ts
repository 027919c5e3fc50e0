import { randomBytes } from 'node:crypto';

import { buildAuthenticationRequestUrl, generateNonce, generateState, parseLoginRequest } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { hashValue, saveLoginState } from './login-states.ts';

const BINDING_RANDOM_BYTES = 32;
/** Login parameters kept to restart the launch in a new window; storage makes no sense there. */
const RESTARTABLE_LOGIN_PARAMETERS = ['iss', 'login_hint', 'target_link_uri', 'lti_message_hint', 'lti_deployment_id', 'client_id'];

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
 * platform is known, stores a fresh state and nonce bound to this browser, and builds the
 * authentication request.
 */
export async function startLogin(
  db: Database,
  input: { parameters: Record<string, unknown>; publicUrl: string },
): Promise<StartedLogin> {
  const toolOrigin = new URL(input.publicUrl).origin;
  const login = parseLoginRequest(input.parameters, toolOrigin);
  const state = generateState();
  const nonce = generateNonce();
  const browserBinding = randomBytes(BINDING_RANDOM_BYTES).toString('base64url');
  const loginParameters = Object.fromEntries(
    RESTARTABLE_LOGIN_PARAMETERS.flatMap((name) => {
      const value = input.parameters[name];
      return typeof value === 'string' ? [[name, value]] : [];
    }),
  );
  const platform = await saveLoginState(db, login, {
    state,
    nonce,
    targetLinkUri: login.targetLinkUri,
    loginDeploymentId: login.deploymentId ?? null,
    storageTarget: login.storageTarget ?? null,
    browserBindingHash: hashValue(browserBinding),
    loginParameters,
  });
  const redirectUrl = buildAuthenticationRequestUrl({
    authorizationEndpoint: platform.authUrl,
    clientId: platform.clientId,
    redirectUri: `${input.publicUrl}/lti/launch`,
    login,
    state,
    nonce,
  });
  return { redirectUrl, state, browserBinding, storageTarget: login.storageTarget, platformOrigin: new URL(platform.authUrl).origin };
}
