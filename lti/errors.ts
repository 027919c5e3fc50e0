/**
 * The one error class of the LTI protocol core. Every refusal has its own code so that tests,
 * logs and the adapter in `server/lti/` can tell the reasons apart; the message is plain English
 * because the adapter shows it on the 4xx page a teacher or learner sees inside the LMS.
 *
 * The messages never echo token contents: an attacker-controlled claim must not reach the page.
 */
export const LTI_ERROR_MESSAGES = {
  // Launch token (LTI Core 1.3 §5.1.3, 1EdTech Security Framework 1.0 §5.1.3)
  token_malformed: 'The launch did not carry a well-formed signed token.',
  alg_not_allowed: 'The launch token was signed with an algorithm this tool does not accept (only RS256 is allowed).',
  kid_missing: 'The launch token does not say which platform key signed it.',
  kid_unknown: 'The launch token was signed with a key the platform does not publish.',
  signature_invalid: 'The signature of the launch token is not valid.',
  issuer_unknown: 'The launch came from a platform this tool does not know for this sign-in.',
  audience_invalid: 'The launch token was not addressed to this tool.',
  azp_invalid: 'The launch token names a different authorised party than this tool.',
  token_expired: 'The launch token has expired. Please go back to the course and open the activity again.',
  issued_in_future: 'The launch token claims to be issued in the future; the platform clock may be wrong.',
  nonce_mismatch: 'The launch does not belong to the sign-in that started it.',
  // The two below are raised by the storage adapter: it consumes nonces and state, this core does not.
  nonce_replayed: 'This launch has already been used. Please go back to the course and open the activity again.',
  state_invalid: 'The sign-in state of this launch is missing or not valid. Please open the activity again.',
  deployment_missing: 'The launch does not say which deployment of the tool it is for.',
  deployment_unknown: 'The launch is for a deployment of this tool that has not been registered.',
  message_type_invalid: 'The launch is of a kind this tool does not handle.',
  version_invalid: 'The launch does not use LTI version 1.3.0.',
  resource_link_missing: 'The launch does not say which activity it is for.',
  roles_missing: 'The launch does not say what role you have in the course.',
  target_link_uri_invalid: 'The launch points to an address that is not this tool, or not the one it started with.',
  deep_linking_settings_invalid: 'The content selection request is missing where to return or what it accepts.',
  claim_invalid: 'The launch token contains a value of the wrong shape.',
  // OIDC third-party initiated login (LTI Core 1.3 §4.1, Security Framework §5.1.1)
  login_request_invalid: 'The sign-in request from the platform is incomplete or not valid.',
  // Dynamic Registration 1.0
  registration_invalid: 'The platform registration could not be completed: its configuration or answer is not valid.',
  // Deep Linking 2.0 response
  content_items_invalid: 'The selected content cannot be returned to the platform.',
  // Keys held by the tool
  key_invalid: 'The tool key could not be read.',
  // Calls to the platform (JWKS, token endpoint, AGS, NRPS, registration)
  jwks_unavailable: 'The platform keys could not be fetched.',
  platform_error: 'The platform did not answer as expected.',
} as const;

export type LtiErrorCode = keyof typeof LTI_ERROR_MESSAGES;

/**
 * The HTTP status the adapter should answer with. Refusals of the launch are 401 (the token does
 * not prove who sent it) or 400 (the message is not acceptable); a failing platform is 502.
 */
export const LTI_ERROR_STATUS: Readonly<Record<LtiErrorCode, number>> = {
  token_malformed: 400,
  alg_not_allowed: 401,
  kid_missing: 401,
  kid_unknown: 401,
  signature_invalid: 401,
  issuer_unknown: 401,
  audience_invalid: 401,
  azp_invalid: 401,
  token_expired: 401,
  issued_in_future: 401,
  nonce_mismatch: 401,
  nonce_replayed: 401,
  state_invalid: 401,
  deployment_missing: 400,
  deployment_unknown: 403,
  message_type_invalid: 400,
  version_invalid: 400,
  resource_link_missing: 400,
  roles_missing: 400,
  target_link_uri_invalid: 400,
  deep_linking_settings_invalid: 400,
  claim_invalid: 400,
  login_request_invalid: 400,
  registration_invalid: 400,
  content_items_invalid: 400,
  key_invalid: 500,
  jwks_unavailable: 502,
  platform_error: 502,
};

export class LtiError extends Error {
  override name = 'LtiError';
  readonly code: LtiErrorCode;
  /**
   * For logs only, never for the page: what exactly was wrong (which claim, which status).
   * Kept apart from `message` so that the readable message stays free of token contents.
   */
  readonly detail: string | undefined;

  constructor(code: LtiErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(LTI_ERROR_MESSAGES[code], options);
    this.code = code;
    this.detail = detail;
  }

  get status(): number {
    return LTI_ERROR_STATUS[this.code];
  }
}

export function isLtiError(error: unknown, code?: LtiErrorCode): error is LtiError {
  return error instanceof LtiError && (code === undefined || error.code === code);
}
