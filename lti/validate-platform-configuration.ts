import { isStringArray } from './claim-readers.ts';
import { LtiError } from './errors.ts';
import { isLoopbackHost, isRecord, requestPlatformJson } from './platform-http.ts';
import type { FetchFunction } from './platform-http.ts';

export const PLATFORM_CONFIGURATION_KEY = 'https://purl.imsglobal.org/spec/lti-platform-configuration';
export const PLATFORM_CONFIGURATION_BYTES_MAX = 256 * 1024;
/** Longest URL accepted in a platform configuration. */
export const CONFIGURATION_URL_CHARS_MAX = 2048;

/** The parts of the platform's OpenID configuration the tool uses (Dynamic Registration 1.0 §3.5). */
export interface PlatformConfiguration {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  registrationEndpoint: string;
  /** The audience for client assertions when it is not the token endpoint. */
  authorizationServer: string | undefined;
  scopesSupported: string[];
  claimsSupported: string[];
  productFamilyCode: string;
  version: string | undefined;
  messagesSupported: { type: string; placements: string[] }[];
}

/** Fetches the `openid_configuration` the platform named and validates it. */
export async function fetchPlatformConfiguration(input: {
  openidConfigurationUrl: string;
  registrationToken?: string | undefined;
  fetch: FetchFunction;
}): Promise<PlatformConfiguration> {
  requireSecureUrl(input.openidConfigurationUrl, 'openid_configuration');
  const headers: Record<string, string> = { accept: 'application/json' };
  // §3.4: the platform may protect its configuration with the registration token.
  if (input.registrationToken !== undefined) headers.authorization = `Bearer ${input.registrationToken}`;
  const { body } = await requestPlatformJson({
    fetch: input.fetch,
    url: input.openidConfigurationUrl,
    headers,
    bodyBytesMax: PLATFORM_CONFIGURATION_BYTES_MAX,
    errorCode: 'registration_invalid',
    purpose: 'platform openid configuration',
  });
  return validatePlatformConfiguration(input.openidConfigurationUrl, body);
}

/**
 * Validates an OpenID configuration document. Dynamic Registration 1.0 §3.5.1: the issuer must
 * match the configuration URL, i.e. the URL (origin and path) must begin with the issuer, on a
 * path-segment boundary. Otherwise any site could hand us a configuration claiming to be
 * another platform's issuer and collect its launches.
 */
export function validatePlatformConfiguration(openidConfigurationUrl: string, document: unknown): PlatformConfiguration {
  if (!isRecord(document)) throw new LtiError('registration_invalid', 'configuration is not a JSON object');
  const issuer = requireSecureUrl(document.issuer, 'issuer');
  const configuration = new URL(requireSecureUrl(openidConfigurationUrl, 'openid_configuration'));
  const configurationPrefix = `${configuration.origin}${configuration.pathname}`;
  const issuerPrefix = issuer.replace(/\/+$/, '');
  if (configurationPrefix !== issuerPrefix && !configurationPrefix.startsWith(`${issuerPrefix}/`)) {
    throw new LtiError('registration_invalid', `issuer ${issuer} is not a prefix of ${configurationPrefix}`);
  }
  const signingAlgorithms = document.id_token_signing_alg_values_supported;
  if (!isStringArray(signingAlgorithms) || !signingAlgorithms.includes('RS256')) {
    throw new LtiError('registration_invalid', 'id_token_signing_alg_values_supported lacks RS256');
  }
  const authMethods = document.token_endpoint_auth_methods_supported;
  if (authMethods !== undefined && !(isStringArray(authMethods) && authMethods.includes('private_key_jwt'))) {
    throw new LtiError('registration_invalid', 'token_endpoint_auth_methods_supported lacks private_key_jwt');
  }
  const lti = document[PLATFORM_CONFIGURATION_KEY];
  if (!isRecord(lti) || typeof lti.product_family_code !== 'string' || lti.product_family_code.length === 0) {
    throw new LtiError('registration_invalid', `${PLATFORM_CONFIGURATION_KEY}.product_family_code missing`);
  }
  return {
    issuer,
    authorizationEndpoint: requireSecureUrl(document.authorization_endpoint, 'authorization_endpoint'),
    tokenEndpoint: requireSecureUrl(document.token_endpoint, 'token_endpoint'),
    jwksUri: requireSecureUrl(document.jwks_uri, 'jwks_uri'),
    registrationEndpoint: requireSecureUrl(document.registration_endpoint, 'registration_endpoint'),
    authorizationServer: typeof document.authorization_server === 'string' ? document.authorization_server : undefined,
    scopesSupported: isStringArray(document.scopes_supported) ? [...document.scopes_supported] : [],
    claimsSupported: isStringArray(document.claims_supported) ? [...document.claims_supported] : [],
    productFamilyCode: lti.product_family_code,
    version: typeof lti.version === 'string' ? lti.version : undefined,
    messagesSupported: readMessagesSupported(lti.messages_supported),
  };
}

function readMessagesSupported(value: unknown): PlatformConfiguration['messagesSupported'] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((message): message is Record<string, unknown> => isRecord(message) && typeof message.type === 'string')
    .map((message) => ({ type: String(message.type), placements: isStringArray(message.placements) ? [...message.placements] : [] }));
}

/** https only, except loopback hosts (a platform simulator in tests, on this machine). */
function requireSecureUrl(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length > CONFIGURATION_URL_CHARS_MAX || !URL.canParse(value)) {
    throw new LtiError('registration_invalid', `${name} is not a URL`);
  }
  const url = new URL(value);
  const isSecure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!isSecure) throw new LtiError('registration_invalid', `${name} is not https`);
  return value;
}
