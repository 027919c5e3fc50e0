import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { buildToolRegistration, escapeHtml, fetchPlatformConfiguration, LtiError, postToolRegistration } from '../../lti/index.ts';
import { AppError } from '../errors.ts';
import { logoUrl, TOOL_DESCRIPTION, TOOL_NAME } from './describe-tool-configuration.ts';
import { sendPage } from './pages/render-page.ts';
import { findUsableInvitation, markInvitationUsed } from './registration-invitations.ts';
import { savePlatform } from './save-platform.ts';


/**
 * LTI Dynamic Registration 1.0: the LMS administrator's browser arrives with the platform's
 * `openid_configuration` URL and a `registration_token`. Accepted only with a valid one-time
 * invitation code, or when LTI_OPEN_REGISTRATION=true. Ends with the `org.imsglobal.lti.close`
 * message to the window that opened the registration (§3.6).
 */
export async function registerPlatformDynamically(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const query = request.query as Record<string, unknown>;
  const configurationUrl = query.openid_configuration;
  const registrationToken = typeof query.registration_token === 'string' ? query.registration_token : undefined;
  const code = typeof query.code === 'string' && query.code !== '' ? query.code : undefined;
  if (typeof configurationUrl !== 'string' || configurationUrl === '') {
    throw new LtiError('registration_invalid', 'openid_configuration missing');
  }
  const invitation = code === undefined ? undefined : await findUsableInvitation(app.db, code);
  if (invitation === undefined && !app.config.ltiOpenRegistration) {
    throw new AppError('forbidden', 'Registering this tool needs an invitation link from the tool administrator.');
  }
  const platform = await fetchPlatformConfiguration({ openidConfigurationUrl: configurationUrl, registrationToken, fetch: globalThis.fetch });
  const registration = buildToolRegistration({
    publicUrl: app.config.publicUrl,
    clientName: TOOL_NAME,
    logoUri: logoUrl(app.config.publicUrl),
    description: TOOL_DESCRIPTION,
    platform,
  });
  const result = await postToolRegistration({ registrationEndpoint: platform.registrationEndpoint, registrationToken, registration, fetch: globalThis.fetch });
  const saved = await savePlatform(app.db, {
    issuer: platform.issuer,
    clientId: result.clientId,
    name: `${platform.productFamilyCode} ${new URL(platform.issuer).host}`,
    authUrl: platform.authorizationEndpoint,
    tokenUrl: platform.tokenEndpoint,
    jwksUrl: platform.jwksUri,
    tokenAudience: platform.authorizationServer ?? null,
    organisationId: invitation?.organisationId ?? null,
    isNalas: invitation?.isNalas ?? false,
    registrationMethod: 'dynamic',
    productFamilyCode: platform.productFamilyCode,
    registration: result.response,
    deploymentIds: result.deploymentId === undefined ? [] : [result.deploymentId],
  });
  if (code !== undefined && invitation !== undefined) await markInvitationUsed(app.db, code, saved.id);
  app.invalidateFrameAncestors();
  request.log.info({ platformId: saved.id, issuer: platform.issuer }, 'platform registered dynamically');
  return sendPage(request, reply, 200, {
    title: 'Tool registered',
    bodyHtml: `<h1>Tool registered</h1><p>${escapeHtml(TOOL_NAME)} is now registered with ${escapeHtml(platform.issuer)}.</p>
<p>In Moodle, the tool stays <em>pending</em> until a site administrator activates it under Site administration → Plugins → Activity modules → External tool → Manage tools.</p>`,
    script: `(window.opener||window.parent).postMessage({subject:'org.imsglobal.lti.close'},'*');`,
  });
}
