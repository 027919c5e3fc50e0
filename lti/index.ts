/**
 * The LTI 1.3 / LTI Advantage protocol core: plain functions on `jose`, no HTTP framework and no
 * storage. `server/lti/` adapts them to routes and the database.
 */
export { LtiError, LTI_ERROR_MESSAGES, LTI_ERROR_STATUS, isLtiError } from './errors.ts';
export type { LtiErrorCode } from './errors.ts';
export type { FetchFunction } from './platform-http.ts';
export { PLATFORM_REQUEST_TIMEOUT_MS, PLATFORM_RESPONSE_BYTES_MAX } from './platform-http.ts';

export { LTI_CLAIM, LTI_VERSION, LTI_MESSAGE_TYPES } from './launch-claims.ts';
export type * from './launch-claims.ts';
export { mapLaunchClaims, CUSTOM_PARAMETERS_MAX } from './map-launch-claims.ts';
export type { LtiLaunch, DeepLinkingSettings } from './map-launch-claims.ts';

export { generateNonce, NONCE_RANDOM_BYTES } from './generate-nonce.ts';
export { parseLoginRequest } from './parse-login-request.ts';
export type { LoginRequest } from './parse-login-request.ts';
export { buildAuthenticationRequestUrl } from './build-authentication-request.ts';
export type { AuthenticationRequestInput } from './build-authentication-request.ts';

export { JwksCache, JWKS_CACHE_TTL_MS, JWKS_REFETCH_INTERVAL_MIN_MS } from './jwks-cache.ts';
export type { JwksCacheOptions } from './jwks-cache.ts';
export { verifyLaunchToken, CLOCK_SKEW_SECONDS, LAUNCH_TOKEN_ALGORITHM } from './verify-launch-token.ts';
export type { LaunchExpectations, VerifiedLaunch } from './verify-launch-token.ts';

export { mapRolesToFace, summariseRoles } from './map-roles.ts';
export type { LtiFace, RoleSummary } from './map-roles.ts';

export { buildToolUrls } from './tool-urls.ts';
export type { ToolUrls } from './tool-urls.ts';
export { fetchPlatformConfiguration, validatePlatformConfiguration } from './validate-platform-configuration.ts';
export type { PlatformConfiguration } from './validate-platform-configuration.ts';
export { buildToolRegistration, postToolRegistration, TOOL_CONFIGURATION_KEY } from './register-tool.ts';
export type { ToolRegistrationInput, ToolRegistrationResult } from './register-tool.ts';

export { signDeepLinkingResponse } from './sign-deep-linking-response.ts';
export type { ResourceLinkItem, DeepLinkingResponseInput } from './sign-deep-linking-response.ts';
export { buildDeepLinkingFormHtml, escapeHtml } from './build-deep-linking-form.ts';

export { buildClientAssertion, requestAccessToken } from './request-access-token.ts';
export type { AccessToken, ClientAssertionInput } from './request-access-token.ts';
export { AccessTokenCache } from './access-token-cache.ts';

export * from './service-scopes.ts';
export { buildScoresUrl, buildResultsUrl, buildScore, postScore, AGS_SCORE_MEDIA_TYPE } from './ags-scores.ts';
export type { AgsScore, ActivityProgress, GradingProgress } from './ags-scores.ts';
export { listLineItems, createLineItem, listResults, AGS_LINE_ITEM_MEDIA_TYPE } from './ags-line-items.ts';
export type { AgsLineItem, AgsResult } from './ags-line-items.ts';
export { readContextMembers, NRPS_MEMBERSHIP_MEDIA_TYPE } from './read-context-members.ts';
export type { ContextMember, ContextMembership } from './read-context-members.ts';

export { generateToolKey, importToolKey, exportToolKeyPem, buildJwks } from './tool-keys.ts';
export type { ToolKey, ToolPublicJwk } from './tool-keys.ts';
