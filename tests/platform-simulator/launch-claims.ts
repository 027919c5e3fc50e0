import { randomUUID } from 'node:crypto';

import { ID_TOKEN_LIFETIME_S } from './limits.ts';
import type { ToolClient } from './records.ts';
import { CLAIM, CONTEXT_TYPE_COURSE_OFFERING, LTI_VERSION, MESSAGE_TYPE, ROLE, SCOPE } from './vocabulary.ts';

export interface LaunchUser {
  id: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
}

export interface LaunchContext {
  id: string;
  label?: string;
  title?: string;
  type?: string[];
}

export interface LaunchResourceLink {
  id: string;
  title?: string;
  description?: string;
}

export interface DeepLinkingSettingsOptions {
  acceptTypes?: string[];
  acceptPresentationDocumentTargets?: string[];
  acceptMultiple?: boolean;
  acceptLineItem?: boolean;
  autoCreate?: boolean;
  title?: string;
  text?: string;
  /** Opaque value the tool must echo (Deep Linking 2.0 §4.4.1 `data`); generated when absent. */
  data?: string;
}

export interface LaunchClaimsOptions {
  messageType?: string;
  roles?: readonly string[];
  user?: LaunchUser;
  /** `null` sends no context claim (a launch outside a course, e.g. from the site admin). */
  context?: LaunchContext | null;
  resourceLink?: LaunchResourceLink;
  custom?: Record<string, string>;
  locale?: string;
  deploymentId?: string;
  /** Adds the AGS endpoint claim; for resource link launches also a line item for the link. */
  ags?: boolean;
  /** Adds the NRPS claim. */
  nrps?: boolean;
  deepLinkingSettings?: DeepLinkingSettingsOptions;
  targetLinkUri?: string;
  nonce?: string;
}

export const DEFAULT_USER: LaunchUser = { id: 'moodle-user-2', name: 'Ana Petrović', givenName: 'Ana', familyName: 'Petrović', email: 'ana@example.org' };
export const DEFAULT_CONTEXT: LaunchContext = { id: 'course-7', label: 'LNOB101', title: 'Leave No One Behind: social mapping' };
export const DEFAULT_RESOURCE_LINK: LaunchResourceLink = { id: 'cmid-42', title: 'Module 1: why social mapping' };

/** What the builder needs to know of the platform. */
export interface PlatformIdentity {
  issuer: string;
  baseUrl: string;
  guid: string;
  name: string;
  version: string;
  productFamilyCode: string;
}

/** Service URLs resolved by the simulator (it creates the launch's line item when asked). */
export interface LaunchServiceUrls {
  lineItemsUrl: string | undefined;
  lineItemUrl: string | undefined;
  membershipsUrl: string | undefined;
  deepLinkReturnUrl: string;
  returnUrl: string;
}

/** The id_token payload of a launch (LTI Core 1.3 §5.3–§5.4, DL 2.0 §4.4, AGS §3.1, NRPS §3.6). */
export function composeLaunchClaims(platform: PlatformIdentity, tool: ToolClient, options: LaunchClaimsOptions, urls: LaunchServiceUrls): Record<string, unknown> {
  const messageType = options.messageType ?? MESSAGE_TYPE.resourceLink;
  const isDeepLinking = messageType === MESSAGE_TYPE.deepLinkingRequest;
  const user = options.user ?? DEFAULT_USER;
  const context = options.context === undefined ? DEFAULT_CONTEXT : options.context;
  const nowS = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: platform.issuer,
    aud: tool.clientId,
    azp: tool.clientId,
    sub: user.id,
    iat: nowS,
    exp: nowS + ID_TOKEN_LIFETIME_S,
    nonce: options.nonce ?? randomUUID(),
    ...userClaims(user),
    locale: options.locale ?? 'en',
    [CLAIM.messageType]: messageType,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: options.deploymentId ?? tool.deploymentIds[0],
    [CLAIM.targetLinkUri]: options.targetLinkUri ?? (isDeepLinking ? tool.deepLinkingUrl : tool.launchUrl),
    [CLAIM.roles]: [...(options.roles ?? [ROLE.learner])],
    [CLAIM.launchPresentation]: { document_target: 'iframe', locale: options.locale ?? 'en', return_url: urls.returnUrl },
    [CLAIM.toolPlatform]: {
      guid: platform.guid,
      name: platform.name,
      version: platform.version,
      product_family_code: platform.productFamilyCode,
      url: platform.baseUrl,
    },
    [CLAIM.custom]: { ...(options.custom ?? {}) },
  };
  if (context !== null) {
    claims[CLAIM.context] = { id: context.id, label: context.label, title: context.title, type: context.type ?? [CONTEXT_TYPE_COURSE_OFFERING] };
  }
  // LTI Core §5.3.5: resource_link belongs to resource link launches only.
  if (!isDeepLinking) {
    const link = options.resourceLink ?? DEFAULT_RESOURCE_LINK;
    claims[CLAIM.resourceLink] = { id: link.id, title: link.title, description: link.description };
  } else {
    claims[CLAIM.deepLinkingSettings] = deepLinkingSettingsClaim(options.deepLinkingSettings ?? {}, urls.deepLinkReturnUrl);
  }
  if (options.ags === true && urls.lineItemsUrl !== undefined) {
    claims[CLAIM.agsEndpoint] = {
      scope: [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score],
      lineitems: urls.lineItemsUrl,
      ...(urls.lineItemUrl === undefined ? {} : { lineitem: urls.lineItemUrl }),
    };
  }
  if (options.nrps === true && urls.membershipsUrl !== undefined) {
    claims[CLAIM.nrpsService] = { context_memberships_url: urls.membershipsUrl, service_versions: ['2.0'] };
  }
  return claims;
}

function userClaims(user: LaunchUser): Record<string, string> {
  const claims: Record<string, string> = {};
  if (user.name !== undefined) claims.name = user.name;
  if (user.givenName !== undefined) claims.given_name = user.givenName;
  if (user.familyName !== undefined) claims.family_name = user.familyName;
  if (user.email !== undefined) claims.email = user.email;
  return claims;
}

/** Deep Linking 2.0 §4.4.1. */
function deepLinkingSettingsClaim(settings: DeepLinkingSettingsOptions, returnUrl: string): Record<string, unknown> {
  return {
    deep_link_return_url: returnUrl,
    accept_types: settings.acceptTypes ?? ['ltiResourceLink'],
    accept_presentation_document_targets: settings.acceptPresentationDocumentTargets ?? ['iframe', 'window'],
    accept_multiple: settings.acceptMultiple ?? true,
    accept_lineitem: settings.acceptLineItem ?? true,
    auto_create: settings.autoCreate ?? true,
    ...(settings.title === undefined ? {} : { title: settings.title }),
    ...(settings.text === undefined ? {} : { text: settings.text }),
    ...(settings.data === undefined ? {} : { data: settings.data }),
  };
}
