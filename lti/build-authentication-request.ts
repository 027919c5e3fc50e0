import { isHttpUrl } from './claim-readers.ts';
import { LtiError } from './errors.ts';
import type { LoginRequest } from './parse-login-request.ts';

export interface AuthenticationRequestInput {
  /** The platform's OIDC authorization endpoint (its "authentication request URL"). */
  authorizationEndpoint: string;
  clientId: string;
  /** Where the platform posts the id_token: our `/lti/launch`. */
  redirectUri: string;
  login: Pick<LoginRequest, 'loginHint' | 'ltiMessageHint'>;
  state: string;
  nonce: string;
}

/**
 * The OIDC authentication request of Security Framework §5.1.1.2 / LTI Core 1.3 §4.1.1, as a URL
 * for a **GET** redirect. Moodle 4.5.11+ sets its session cookie `SameSite=Lax`; a cross-site
 * POST to its auth endpoint arrives without the session and the launch fails, a GET keeps it.
 * Query parameters already on the endpoint are kept.
 */
export function buildAuthenticationRequestUrl(input: AuthenticationRequestInput): string {
  if (!isHttpUrl(input.authorizationEndpoint)) {
    throw new LtiError('login_request_invalid', 'the platform authorization endpoint is not an http(s) URL');
  }
  const url = new URL(input.authorizationEndpoint);
  const parameters: Record<string, string | undefined> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    login_hint: input.login.loginHint,
    lti_message_hint: input.login.ltiMessageHint,
    state: input.state,
    nonce: input.nonce,
  };
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.href;
}
