import type { IncomingMessage, ServerResponse } from 'node:http';

import { escapeHtml, htmlPage, sendHtml } from './http.ts';
import { targetLinkUriOf } from './login-initiation.ts';
import type { PendingLaunch, PlatformState } from './platform-state.ts';
import type { ToolClient } from './records.ts';
import { applyClaimEdits, signIdToken, tamperClaims } from './tamper.ts';

/** Validates an OIDC authentication request (Security Framework §5.1.1.2, OIDC Core §3.1.2.1). */
function checkAuthenticationRequest(state: PlatformState, method: string, parameters: Record<string, string>): { problems: string[]; tool?: ToolClient; launch?: PendingLaunch } {
  const problems: string[] = [];
  // The tool must redirect with a GET: Moodle's session cookie is SameSite=Lax, so a cross-site
  // POST here would arrive without it and the platform would not know who is logged in.
  if (method !== 'GET') problems.push(`authentication request must be a GET redirect, got ${method}`);
  const expect = (name: string, value: string) => {
    if (parameters[name] !== value) problems.push(`${name} must be "${value}", got ${JSON.stringify(parameters[name] ?? null)}`);
  };
  expect('scope', 'openid');
  expect('response_type', 'id_token');
  expect('response_mode', 'form_post');
  expect('prompt', 'none');
  for (const name of ['state', 'nonce']) if ((parameters[name] ?? '') === '') problems.push(`${name} is missing`);
  const tool = state.tools.get(parameters.client_id ?? '');
  if (tool === undefined) problems.push(`client_id ${JSON.stringify(parameters.client_id ?? null)} is not registered`);
  else if (!tool.redirectUris.includes(parameters.redirect_uri ?? '')) problems.push(`redirect_uri ${JSON.stringify(parameters.redirect_uri ?? null)} is not registered`);
  const launch = state.findPendingLaunch(parameters.lti_message_hint ?? '');
  if (launch === undefined) problems.push('lti_message_hint does not echo a launch the platform started (or it expired)');
  else {
    if (parameters.login_hint !== launch.loginHint) problems.push('login_hint does not echo the one sent at login initiation');
    if (tool !== undefined && launch.clientId !== tool.clientId) problems.push('client_id differs from the one the launch was started for');
  }
  return { problems, ...(tool === undefined ? {} : { tool }), ...(launch === undefined ? {} : { launch }) };
}

/** The OIDC form_post response: an auto-submitting form to the redirect_uri (OAuth 2.0 Form Post Response Mode). */
function formPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return htmlPage(
    'Launching the tool',
    `<h1>Launching the tool</h1>\n<form id="lti-auth-response" method="post" action="${escapeHtml(action)}">\n${inputs}\n<button type="submit">Continue</button>\n</form>`,
    "document.getElementById('lti-auth-response').submit();",
  );
}

/** What the platform's /auth step answers: the form_post fields, or why it refused. */
export type Authorisation = { status: 200; action: string; fields: { id_token: string; state: string } } | { status: 400; problems: string[] };

/**
 * The platform's authorisation step (Security Framework §5.1.1.3): checks the tool's
 * authentication request, records it, and signs the id_token for the launch it names.
 */
export async function authorise(state: PlatformState, method: string, parameters: Record<string, string>): Promise<Authorisation> {
  const { problems, tool, launch } = checkAuthenticationRequest(state, method, parameters);
  const record = state.authRequests.push({ method, parameters, problems, launchId: launch?.id, idToken: undefined, atMs: Date.now() });
  if (problems.length > 0 || tool === undefined || launch === undefined) return { status: 400, problems };
  const claims = state.composeClaims(tool, { ...launch.claimsOptions, targetLinkUri: targetLinkUriOf(launch, tool), nonce: parameters.nonce ?? '' }, launch.id);
  const tampered = applyClaimEdits(tamperClaims(claims, launch.tamper, tool.toolUrl), launch.overrideClaims, launch.removeClaims);
  const idToken = await signIdToken(tampered, state.keys, launch.tamper);
  record.idToken = idToken;
  return { status: 200, action: parameters.redirect_uri ?? '', fields: { id_token: idToken, state: parameters.state ?? '' } };
}

export async function handleAuth(state: PlatformState, request: IncomingMessage, response: ServerResponse, url: URL, formBody: URLSearchParams | undefined): Promise<void> {
  const answer = await authorise(state, request.method ?? 'GET', Object.fromEntries((formBody ?? url.searchParams).entries()));
  if (answer.status === 400) {
    sendHtml(response, 400, htmlPage('Invalid LTI authentication request', `<h1>Invalid LTI authentication request</h1><ul>${answer.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul>`));
    return;
  }
  sendHtml(response, 200, formPostPage(answer.action, answer.fields));
}
