import type { PlatformState } from './platform-state.ts';
import { ALL_SERVICE_SCOPES, MESSAGE_TYPE, PLATFORM_CONFIGURATION_KEY } from './vocabulary.ts';

/** OpenID Connect Discovery document with the LTI platform configuration (Dynamic Registration 1.0 §3.4). */
export function describeOpenIdConfiguration(state: PlatformState): Record<string, unknown> {
  const { identity } = state;
  return {
    issuer: identity.issuer,
    authorization_endpoint: state.endpoint('/auth'),
    token_endpoint: state.endpoint('/token'),
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    jwks_uri: state.endpoint('/jwks'),
    registration_endpoint: state.endpoint('/registration'),
    scopes_supported: ['openid', ...ALL_SERVICE_SCOPES],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email', 'locale'],
    [PLATFORM_CONFIGURATION_KEY]: {
      product_family_code: identity.productFamilyCode,
      version: identity.version,
      messages_supported: [
        { type: MESSAGE_TYPE.resourceLink },
        { type: MESSAGE_TYPE.deepLinkingRequest, placements: ['ContentArea'] },
      ],
      variables: ['ResourceLink.id', 'Context.id', 'User.id', 'Person.name.full'],
    },
  };
}
