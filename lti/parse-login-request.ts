import { isHttpUrl } from './claim-readers.ts';
import { LtiError } from './errors.ts';

/** Longest URL parameter accepted in a login request (iss, target_link_uri). */
export const LOGIN_URL_CHARS_MAX = 2048;
/** Longest hint accepted; Canvas sends its lti_message_hint as a JWT of about 1 KB. */
export const LOGIN_HINT_CHARS_MAX = 4096;
/** Longest id accepted (client_id, lti_deployment_id; Core 1.3 §5.3.3 allows 255). */
export const LOGIN_ID_CHARS_MAX = 255;
/** Longest platform storage target name (a frame name, e.g. "_parent" or "post_message_forwarding"). */
export const STORAGE_TARGET_CHARS_MAX = 255;

/** Third-party initiated login parameters (LTI Core 1.3 §4.1, Security Framework §5.1.1.1). */
export interface LoginRequest {
  issuer: string;
  loginHint: string;
  targetLinkUri: string;
  ltiMessageHint: string | undefined;
  deploymentId: string | undefined;
  clientId: string | undefined;
  /** LTI platform storage: where to post `lti.put_data`/`lti.get_data` (when offered). */
  storageTarget: string | undefined;
}

/**
 * Reads the login initiation parameters, from a GET query or a POST form alike (the platform
 * may use either, Security Framework §5.1.1.1). `target_link_uri` must be on our own origin:
 * the login must not become an open redirect into someone else's site.
 */
export function parseLoginRequest(
  parameters: URLSearchParams | Readonly<Record<string, unknown>>,
  toolOrigin: string,
): LoginRequest {
  const read = (name: string) => readParameter(parameters, name);
  const issuer = requireValue(read('iss'), 'iss', LOGIN_URL_CHARS_MAX);
  if (!isHttpUrl(issuer)) throw new LtiError('login_request_invalid', 'iss is not an http(s) URL');
  const loginHint = requireValue(read('login_hint'), 'login_hint', LOGIN_HINT_CHARS_MAX);
  const targetLinkUri = requireValue(read('target_link_uri'), 'target_link_uri', LOGIN_URL_CHARS_MAX);
  if (!isHttpUrl(targetLinkUri) || new URL(targetLinkUri).origin !== new URL(toolOrigin).origin) {
    throw new LtiError('target_link_uri_invalid', 'login target_link_uri is not on our origin');
  }
  return {
    issuer,
    loginHint,
    targetLinkUri,
    ltiMessageHint: optionalValue(read('lti_message_hint'), 'lti_message_hint', LOGIN_HINT_CHARS_MAX),
    deploymentId: optionalValue(read('lti_deployment_id'), 'lti_deployment_id', LOGIN_ID_CHARS_MAX),
    clientId: optionalValue(read('client_id'), 'client_id', LOGIN_ID_CHARS_MAX),
    storageTarget: optionalValue(read('lti_storage_target'), 'lti_storage_target', STORAGE_TARGET_CHARS_MAX),
  };
}

/** A repeated parameter is refused: which copy the platform meant is unknowable. */
function readParameter(parameters: URLSearchParams | Readonly<Record<string, unknown>>, name: string): unknown {
  if (parameters instanceof URLSearchParams) {
    const values = parameters.getAll(name);
    if (values.length > 1) throw new LtiError('login_request_invalid', `${name} given more than once`);
    return values[0];
  }
  return parameters[name];
}

function requireValue(value: unknown, name: string, charsMax: number): string {
  const result = optionalValue(value, name, charsMax);
  if (result === undefined) throw new LtiError('login_request_invalid', `${name} missing`);
  return result;
}

function optionalValue(value: unknown, name: string, charsMax: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new LtiError('login_request_invalid', `${name} is not a single string`);
  if (value.length > charsMax) throw new LtiError('login_request_invalid', `${name} longer than ${charsMax}`);
  return value;
}
