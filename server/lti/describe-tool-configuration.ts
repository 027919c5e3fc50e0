/**
 * What an LMS administrator needs to register the tool by hand, and the tool configuration
 * that dynamic registration sends (LTI Dynamic Registration 1.0 §3.4.2), all derived from the
 * public URL.
 */
export function describeToolConfiguration(publicUrl: string) {
  const urls = {
    registration: `${publicUrl}/lti/register`,
    login: `${publicUrl}/lti/login`,
    launch: `${publicUrl}/lti/launch`,
    jwks: `${publicUrl}/lti/jwks`,
    deepLinking: `${publicUrl}/lti/launch`,
    xapi: `${publicUrl}/xapi`,
    logo: `${publicUrl}/logo.svg`,
  };
  return {
    title: 'NALAS e-Academy courses',
    description: 'Interactive courses on inclusive social approaches and LNOB Social Mapping for local governments.',
    publicUrl,
    urls,
    toolConfiguration: {
      application_type: 'web',
      response_types: ['id_token'],
      grant_types: ['implicit', 'client_credentials'],
      initiate_login_uri: urls.login,
      redirect_uris: [urls.launch],
      client_name: 'NALAS e-Academy courses',
      jwks_uri: urls.jwks,
      logo_uri: urls.logo,
      token_endpoint_auth_method: 'private_key_jwt',
      scope: [
        'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
        'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
        'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
      ].join(' '),
      'https://purl.imsglobal.org/spec/lti-tool-configuration': {
        domain: new URL(publicUrl).host,
        target_link_uri: urls.launch,
        claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email', 'locale'],
        messages: [
          { type: 'LtiResourceLinkRequest', target_link_uri: urls.launch },
          { type: 'LtiDeepLinkingRequest', target_link_uri: urls.launch, placements: ['ContentArea'] },
        ],
      },
    },
  };
}
