import { buildToolRegistration, buildToolUrls, TOOL_SCOPES } from '../../lti/index.ts';

export const TOOL_NAME = 'NALAS e-Academy courses';
export const TOOL_DESCRIPTION = 'Interactive courses on inclusive social approaches and LNOB Social Mapping for local governments.';

/**
 * What an LMS administrator needs to register the tool by hand, and the client registration
 * that dynamic registration sends (the same function builds both), derived from the public URL.
 */
export function describeToolConfiguration(publicUrl: string) {
  const urls = buildToolUrls(publicUrl);
  const toolConfiguration = buildToolRegistration({
    publicUrl,
    clientName: TOOL_NAME,
    logoUri: logoUrl(publicUrl),
    description: TOOL_DESCRIPTION,
    // A platform that supports every service and Moodle's content-selection placement.
    platform: {
      issuer: publicUrl,
      authorizationEndpoint: urls.login,
      tokenEndpoint: urls.login,
      jwksUri: urls.jwks,
      registrationEndpoint: urls.register,
      authorizationServer: undefined,
      scopesSupported: [...TOOL_SCOPES],
      claimsSupported: [],
      productFamilyCode: 'any',
      version: undefined,
      messagesSupported: [{ type: 'LtiDeepLinkingRequest', placements: ['ContentArea'] }],
    },
  });
  return {
    title: TOOL_NAME,
    description: TOOL_DESCRIPTION,
    publicUrl,
    urls: {
      registration: urls.register,
      login: urls.login,
      launch: urls.launch,
      jwks: urls.jwks,
      deepLinking: urls.launch,
      xapi: `${publicUrl}/xapi`,
      logo: logoUrl(publicUrl),
    },
    toolConfiguration,
  };
}

export function logoUrl(publicUrl: string): string {
  return `${publicUrl}/logo.svg`;
}
