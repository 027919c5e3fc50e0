/**
 * The claims of an LTI 1.3 launch id_token, with the spec's claim names verbatim (LTI Core 1.3
 * §5.3 and §5.4, Deep Linking 2.0 §4.4, AGS 2.0 §3.1, NRPS 2.0 §3.6.1). Platform storage has no
 * claim: its `lti_storage_target` arrives with the login request (see `parse-login-request.ts`).
 * These are the wire types: `map-launch-claims.ts` maps them once to the
 * friendly `LtiLaunch`.
 */
export const LTI_CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  roleScopeMentor: 'https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  toolPlatform: 'https://purl.imsglobal.org/spec/lti/claim/tool_platform',
  launchPresentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  lis: 'https://purl.imsglobal.org/spec/lti/claim/lis',
  agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrpsService: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  deepLinkingContentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  deepLinkingMessage: 'https://purl.imsglobal.org/spec/lti-dl/claim/msg',
  deepLinkingLog: 'https://purl.imsglobal.org/spec/lti-dl/claim/log',
  deepLinkingErrorMessage: 'https://purl.imsglobal.org/spec/lti-dl/claim/errormsg',
  deepLinkingErrorLog: 'https://purl.imsglobal.org/spec/lti-dl/claim/errorlog',
} as const;

export const LTI_VERSION = '1.3.0';
export const LTI_MESSAGE_TYPES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;
export type LtiMessageType = (typeof LTI_MESSAGE_TYPES)[number];

export interface ResourceLinkClaim {
  id: string;
  title?: string;
  description?: string;
}

export interface ContextClaim {
  id: string;
  label?: string;
  title?: string;
  type?: string[];
}

export interface ToolPlatformClaim {
  guid?: string;
  name?: string;
  version?: string;
  product_family_code?: string;
  contact_email?: string;
  description?: string;
  url?: string;
}

export interface LaunchPresentationClaim {
  document_target?: 'frame' | 'iframe' | 'window';
  height?: number;
  width?: number;
  return_url?: string;
  locale?: string;
}

export interface LisClaim {
  person_sourcedid?: string;
  course_offering_sourcedid?: string;
  course_section_sourcedid?: string;
}

/** AGS 2.0 §3.1: the line item endpoint claim. */
export interface AgsEndpointClaim {
  scope: string[];
  lineitems?: string;
  lineitem?: string;
}

/** NRPS 2.0 §3.6.1. */
export interface NrpsServiceClaim {
  context_memberships_url: string;
  service_versions: string[];
}

/** Deep Linking 2.0 §4.4.1. */
export interface DeepLinkingSettingsClaim {
  deep_link_return_url: string;
  accept_types: string[];
  accept_presentation_document_targets?: string[];
  accept_media_types?: string;
  accept_multiple?: boolean;
  accept_lineitem?: boolean;
  auto_create?: boolean;
  title?: string;
  text?: string;
  data?: string;
}

export interface LtiLaunchClaims {
  iss: string;
  aud: string | string[];
  azp?: string;
  sub?: string;
  exp: number;
  iat: number;
  nonce: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  middle_name?: string;
  email?: string;
  locale?: string;
  [LTI_CLAIM.messageType]: LtiMessageType;
  [LTI_CLAIM.version]: string;
  [LTI_CLAIM.deploymentId]: string;
  [LTI_CLAIM.targetLinkUri]: string;
  [LTI_CLAIM.roles]: string[];
  [LTI_CLAIM.resourceLink]?: ResourceLinkClaim;
  [LTI_CLAIM.roleScopeMentor]?: string[];
  [LTI_CLAIM.context]?: ContextClaim;
  [LTI_CLAIM.toolPlatform]?: ToolPlatformClaim;
  [LTI_CLAIM.launchPresentation]?: LaunchPresentationClaim;
  [LTI_CLAIM.custom]?: Record<string, string>;
  [LTI_CLAIM.lis]?: LisClaim;
  [LTI_CLAIM.agsEndpoint]?: AgsEndpointClaim;
  [LTI_CLAIM.nrpsService]?: NrpsServiceClaim;
  [LTI_CLAIM.deepLinkingSettings]?: DeepLinkingSettingsClaim;
}
