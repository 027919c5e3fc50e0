import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerTokenOf, HttpProblem, isRecord, readJson, sendJson } from './http.ts';
import type { PlatformState } from './platform-state.ts';
import type { ToolClient } from './records.ts';
import { ALL_SERVICE_SCOPES, TOOL_CONFIGURATION_KEY } from './vocabulary.ts';

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isAbsoluteHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The domain may be given with or without the port; URLs of the tool must live on it. */
function isOnDomain(url: string, domain: string): boolean {
  const parsed = new URL(url);
  return parsed.host === domain || parsed.hostname === domain;
}

/** Client registration request checks (Dynamic Registration 1.0 §3.5.1 and §3.5.2). */
export function checkClientRegistration(body: unknown): string[] {
  if (!isRecord(body)) return ['registration must be a JSON object'];
  const problems: string[] = [];
  if (body.application_type !== 'web') problems.push('application_type must be "web"');
  if (!isStringArray(body.response_types) || !body.response_types.includes('id_token')) problems.push('response_types must contain "id_token"');
  if (!isStringArray(body.grant_types) || !body.grant_types.includes('implicit') || !body.grant_types.includes('client_credentials')) {
    problems.push('grant_types must contain "implicit" and "client_credentials"');
  }
  if (!isAbsoluteHttpUrl(body.initiate_login_uri)) problems.push('initiate_login_uri must be an absolute URL');
  if (!isStringArray(body.redirect_uris) || body.redirect_uris.length === 0 || !body.redirect_uris.every(isAbsoluteHttpUrl)) problems.push('redirect_uris must be a non-empty array of URLs');
  if (!isAbsoluteHttpUrl(body.jwks_uri)) problems.push('jwks_uri must be an absolute URL');
  if (body.token_endpoint_auth_method !== 'private_key_jwt') problems.push('token_endpoint_auth_method must be "private_key_jwt"');
  if (body.scope !== undefined && typeof body.scope !== 'string') problems.push('scope must be a space-separated string');
  if (typeof body.client_name !== 'string' || body.client_name === '') problems.push('client_name is missing');
  const configuration = body[TOOL_CONFIGURATION_KEY];
  if (!isRecord(configuration)) return [...problems, `${TOOL_CONFIGURATION_KEY} is missing`];
  const domain = configuration.domain;
  if (typeof domain !== 'string' || domain === '') problems.push('tool configuration domain is missing');
  if (!isAbsoluteHttpUrl(configuration.target_link_uri)) problems.push('tool configuration target_link_uri must be an absolute URL');
  if (!Array.isArray(configuration.messages) || !configuration.messages.every((message) => isRecord(message) && typeof message.type === 'string')) {
    problems.push('tool configuration messages must be an array of objects with a type');
  }
  if (configuration.claims !== undefined && !isStringArray(configuration.claims)) problems.push('tool configuration claims must be an array of strings');
  if (typeof domain === 'string' && domain !== '') {
    const redirectUris = Array.isArray(body.redirect_uris) ? body.redirect_uris : [];
    const urls = [body.initiate_login_uri, body.jwks_uri, configuration.target_link_uri, ...redirectUris].filter(isAbsoluteHttpUrl);
    for (const url of urls) if (!isOnDomain(url, domain)) problems.push(`${url} is not on the tool's domain ${domain}`);
  }
  return problems;
}

/** The tool record the platform keeps after a successful registration. */
function toolClientOf(body: Record<string, unknown>, clientId: string, deploymentId: string): ToolClient {
  const configuration = body[TOOL_CONFIGURATION_KEY] as Record<string, unknown>;
  const targetLinkUri = configuration.target_link_uri as string;
  const messages = configuration.messages as Array<Record<string, unknown>>;
  const deepLinking = messages.find((message) => message.type === 'LtiDeepLinkingRequest');
  const requestedScopes = typeof body.scope === 'string' ? body.scope.split(' ').filter((scope) => scope !== '') : [];
  return {
    clientId,
    toolUrl: new URL(targetLinkUri).origin,
    deploymentIds: [deploymentId],
    loginUrl: body.initiate_login_uri as string,
    launchUrl: targetLinkUri,
    deepLinkingUrl: typeof deepLinking?.target_link_uri === 'string' ? deepLinking.target_link_uri : targetLinkUri,
    redirectUris: body.redirect_uris as string[],
    jwksUrl: body.jwks_uri as string,
    scopesAllowed: requestedScopes.filter((scope) => ALL_SERVICE_SCOPES.includes(scope)),
  };
}

/** Registration endpoint (Dynamic Registration 1.0 §3.5–§3.6); the registered tool becomes the current one. */
export async function handleRegistration(state: PlatformState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const record = state.registrations.push({ request: undefined, status: 0, problems: [], response: undefined, atMs: Date.now() });
  try {
    if (request.method !== 'POST') throw new HttpProblem(405, ['the registration endpoint takes POST']);
    const token = bearerTokenOf(request);
    // §3.5: the registration token is single use; a second use or none is 401.
    if (token === undefined || !state.consumeRegistrationToken(token)) throw new HttpProblem(401, ['registration token missing, unknown, expired or already used']);
    const body = await readJson(request, 'application/json');
    record.request = body;
    const problems = checkClientRegistration(body);
    if (problems.length > 0 || !isRecord(body)) throw new HttpProblem(400, problems);
    const clientId = `client-${randomBytes(6).toString('hex')}`;
    const deploymentId = `deployment-${randomBytes(4).toString('hex')}`;
    const tool = toolClientOf(body, clientId, deploymentId);
    state.tools.set(clientId, tool);
    state.currentClientId = clientId;
    const configuration = body[TOOL_CONFIGURATION_KEY] as Record<string, unknown>;
    const answer = { ...body, client_id: clientId, [TOOL_CONFIGURATION_KEY]: { ...configuration, deployment_id: deploymentId } };
    record.status = 200;
    record.response = answer;
    sendJson(response, 200, answer);
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    record.status = error.status;
    record.problems = error.problems;
    sendJson(response, error.status, { error: error.status === 401 ? 'invalid_token' : 'invalid_client_metadata', error_description: error.problems.join('; ') });
  }
}
