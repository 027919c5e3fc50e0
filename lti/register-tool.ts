import { LtiError } from './errors.ts';
import { isRecord, requestPlatformJson } from './platform-http.ts';
import type { FetchFunction } from './platform-http.ts';
import { TOOL_SCOPES } from './service-scopes.ts';
import { buildToolUrls } from './tool-urls.ts';
import type { PlatformConfiguration } from './validate-platform-configuration.ts';

export const TOOL_CONFIGURATION_KEY = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
export const REGISTRATION_RESPONSE_BYTES_MAX = 256 * 1024;
/** The id_token claims the tool asks for: names for trainer dashboards, email for contact. */
export const TOOL_REQUESTED_CLAIMS = ['iss', 'sub', 'name', 'given_name', 'family_name', 'email', 'locale'] as const;
/**
 * Placements we would like for the content picker. Moodle advertises `ContentArea` for deep
 * linking; Canvas-style names are listed for platforms that advertise those. Only placements the
 * platform lists in `messages_supported` are sent.
 */
export const DEEP_LINKING_PLACEMENTS_WANTED = ['ContentArea', 'link_selection', 'assignment_selection'] as const;

export interface ToolRegistrationInput {
  /** The tool's public URL; every URL in the registration derives from it. */
  publicUrl: string;
  clientName: string;
  logoUri?: string | undefined;
  description?: string | undefined;
  platform: PlatformConfiguration;
}

/**
 * The client registration request of Dynamic Registration 1.0 §3.6 (an OpenID Connect client
 * registration with the LTI tool configuration). Scopes are only those the platform supports,
 * when it lists them, so a platform refusing unknown scopes still registers the tool.
 */
export function buildToolRegistration(input: ToolRegistrationInput): Record<string, unknown> {
  const urls = buildToolUrls(input.publicUrl);
  const supportedScopes = new Set(input.platform.scopesSupported);
  const scopes = TOOL_SCOPES.filter((scope) => supportedScopes.size === 0 || supportedScopes.has(scope));
  const toolConfiguration: Record<string, unknown> = {
    domain: new URL(urls.origin).host,
    target_link_uri: urls.launch,
    claims: [...TOOL_REQUESTED_CLAIMS],
    messages: buildMessages(urls.launch, input.platform),
  };
  if (input.description !== undefined) toolConfiguration.description = input.description;
  const registration: Record<string, unknown> = {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: input.clientName,
    jwks_uri: urls.jwks,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: scopes.join(' '),
    [TOOL_CONFIGURATION_KEY]: toolConfiguration,
  };
  if (input.logoUri !== undefined) registration.logo_uri = input.logoUri;
  return registration;
}

function buildMessages(launchUrl: string, platform: PlatformConfiguration): Record<string, unknown>[] {
  const deepLinking: Record<string, unknown> = { type: 'LtiDeepLinkingRequest', target_link_uri: launchUrl };
  const advertised = platform.messagesSupported.find((message) => message.type === 'LtiDeepLinkingRequest')?.placements ?? [];
  const placements = DEEP_LINKING_PLACEMENTS_WANTED.filter((placement) => advertised.includes(placement));
  if (placements.length > 0) deepLinking.placements = placements;
  return [{ type: 'LtiResourceLinkRequest', target_link_uri: launchUrl }, deepLinking];
}

export interface ToolRegistrationResult {
  clientId: string;
  /** Sent by platforms that create the deployment at registration (Moodle does). */
  deploymentId: string | undefined;
  /** The platform's answer as received, for the record. */
  response: Record<string, unknown>;
}

/** POSTs the registration with the one-time registration token as Bearer (§3.6) and reads the answer. */
export async function postToolRegistration(input: {
  registrationEndpoint: string;
  registrationToken: string | undefined;
  registration: Record<string, unknown>;
  fetch: FetchFunction;
}): Promise<ToolRegistrationResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (input.registrationToken !== undefined) headers.authorization = `Bearer ${input.registrationToken}`;
  const { body } = await requestPlatformJson({
    fetch: input.fetch,
    url: input.registrationEndpoint,
    method: 'POST',
    headers,
    body: JSON.stringify(input.registration),
    bodyBytesMax: REGISTRATION_RESPONSE_BYTES_MAX,
    errorCode: 'registration_invalid',
    purpose: 'tool registration',
  });
  if (!isRecord(body) || typeof body.client_id !== 'string' || body.client_id.length === 0) {
    throw new LtiError('registration_invalid', 'registration answer has no client_id');
  }
  const toolConfiguration = body[TOOL_CONFIGURATION_KEY];
  const rawDeploymentId = isRecord(toolConfiguration) ? toolConfiguration.deployment_id : undefined;
  // Some platforms send a numeric id; the launch claim is always a string (Core 1.3 §5.3.3).
  const deploymentId = typeof rawDeploymentId === 'number' && Number.isSafeInteger(rawDeploymentId) ? String(rawDeploymentId) : rawDeploymentId;
  if (deploymentId !== undefined && (typeof deploymentId !== 'string' || deploymentId.length === 0)) {
    throw new LtiError('registration_invalid', 'registration answer has a deployment_id that is not a string');
  }
  return { clientId: body.client_id, deploymentId, response: body };
}
