import type { IncomingMessage, ServerResponse } from 'node:http';

import { escapeHtml, htmlPage, isRecord, readForm, sendHtml } from './http.ts';
import type { PlatformState } from './platform-state.ts';
import { unverifiedIssuer, verifyToolJwt } from './tool-jwt.ts';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from './vocabulary.ts';

/** Content item types the simulator's deep linking requests accept (DL 2.0 §3). */
const ACCEPTED_ITEM_TYPES = ['ltiResourceLink'];

function checkContentItems(items: unknown): string[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) return ['content_items must be an array'];
  const problems: string[] = [];
  items.forEach((item, index) => {
    if (!isRecord(item) || typeof item.type !== 'string') return void problems.push(`content_items[${index}] has no type`);
    if (!ACCEPTED_ITEM_TYPES.includes(item.type)) problems.push(`content_items[${index}].type ${item.type} was not in accept_types`);
    if (item.url !== undefined && typeof item.url !== 'string') problems.push(`content_items[${index}].url must be a string`);
    const lineItem = item.lineItem;
    if (lineItem !== undefined && !(isRecord(lineItem) && typeof lineItem.scoreMaximum === 'number' && lineItem.scoreMaximum > 0)) {
      problems.push(`content_items[${index}].lineItem needs scoreMaximum > 0 (DL 2.0 §3.1.1)`);
    }
    if (item.custom !== undefined && !(isRecord(item.custom) && Object.values(item.custom).every((value) => typeof value === 'string'))) {
      problems.push(`content_items[${index}].custom values must be strings`);
    }
  });
  return problems;
}

/** Checks of the LtiDeepLinkingResponse (DL 2.0 §4.5) beyond the signature and iss/aud/exp. */
function checkDeepLinkingClaims(claims: Record<string, unknown>, expectedData: string | undefined, deploymentIds: string[]): string[] {
  const problems: string[] = [];
  if (typeof claims.nonce !== 'string' || claims.nonce === '') problems.push('nonce is missing');
  if (claims[CLAIM.messageType] !== MESSAGE_TYPE.deepLinkingResponse) problems.push(`message_type must be ${MESSAGE_TYPE.deepLinkingResponse}`);
  if (claims[CLAIM.version] !== LTI_VERSION) problems.push(`version must be ${LTI_VERSION}`);
  if (!deploymentIds.includes(claims[CLAIM.deploymentId] as string)) problems.push(`deployment_id ${JSON.stringify(claims[CLAIM.deploymentId] ?? null)} is not the tool's deployment`);
  if (expectedData !== undefined && claims[CLAIM.deepLinkingData] !== expectedData) problems.push('data does not echo the deep linking settings data (DL 2.0 §4.5.1)');
  return [...problems, ...checkContentItems(claims[CLAIM.deepLinkingContentItems])];
}

/** The deep_link_return_url: verifies the tool's signed response and stores its items. */
export async function handleDeepLinkReturn(state: PlatformState, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const launch = state.findPendingLaunchById(url.searchParams.get('launch') ?? '');
  const record = state.deepLinkReturns.push({ launchId: launch?.id, accepted: false, problems: [], claims: undefined, contentItems: [], atMs: Date.now() });
  const form = request.method === 'POST' ? await readForm(request) : new URLSearchParams();
  const token = form.get('JWT') ?? '';
  const tool = state.tools.get(unverifiedIssuer(token));
  const problems: string[] = [];
  if (launch === undefined) problems.push('the return URL names no launch the platform started');
  if (token === '') problems.push('no JWT form field');
  else if (tool === undefined) problems.push('JWT iss is not a registered client_id');
  if (tool !== undefined && token !== '') {
    const verified = await verifyToolJwt(token, tool, { issuer: tool.clientId, audience: state.identity.issuer });
    problems.push(...verified.problems);
    if (verified.payload !== undefined) {
      const claims = verified.payload as Record<string, unknown>;
      record.claims = claims;
      problems.push(...checkDeepLinkingClaims(claims, launch?.deepLinkingData, tool.deploymentIds));
      const items = claims[CLAIM.deepLinkingContentItems];
      record.contentItems = Array.isArray(items) ? items : [];
    }
  }
  record.problems = problems;
  record.accepted = problems.length === 0;
  if (!record.accepted) {
    sendHtml(response, 400, htmlPage('Deep linking response refused', `<h1>Deep linking response refused</h1><ul>${problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul>`));
    return;
  }
  sendHtml(response, 200, htmlPage('Content added', `<h1>Content added</h1><p role="status">${record.contentItems.length} item(s) added to the course.</p>`));
}
