import {
  readOptionalBoolean,
  readOptionalNumber,
  readOptionalObject,
  readOptionalString,
  readOptionalStringArray,
  readOptionalUrl,
} from './claim-readers.ts';
import { LtiError } from './errors.ts';
import { LTI_CLAIM } from './launch-claims.ts';
import type { LtiMessageType } from './launch-claims.ts';

/** Custom parameters beyond this count are a refusal, not data (Core 1.3 §5.4.6 sets no limit). */
export const CUSTOM_PARAMETERS_MAX = 100;

export interface DeepLinkingSettings {
  returnUrl: string;
  acceptTypes: string[];
  acceptPresentationDocumentTargets: string[];
  acceptMediaTypes: string | undefined;
  isMultipleAccepted: boolean;
  isLineItemAccepted: boolean;
  isAutoCreate: boolean;
  title: string | undefined;
  text: string | undefined;
  /** Opaque; must be echoed exactly in the response (Deep Linking 2.0 §4.4.1). */
  data: string | undefined;
}

/** The launch as the rest of the tool sees it: spec names mapped once, here. */
export interface LtiLaunch {
  messageType: LtiMessageType;
  issuer: string;
  clientId: string;
  deploymentId: string;
  /** Absent for an anonymous launch (Core 1.3 §5.3.6). */
  subject: string | undefined;
  roles: string[];
  roleScopeMentor: string[];
  targetLinkUri: string;
  resourceLink: { id: string; title: string | undefined; description: string | undefined } | undefined;
  context: { id: string; label: string | undefined; title: string | undefined; types: string[] } | undefined;
  platform: { guid: string | undefined; name: string | undefined; productFamilyCode: string | undefined; version: string | undefined } | undefined;
  presentation: {
    documentTarget: string | undefined;
    returnUrl: string | undefined;
    locale: string | undefined;
    width: number | undefined;
    height: number | undefined;
  };
  /** The OIDC `locale` claim, else the launch presentation's. */
  locale: string | undefined;
  custom: Record<string, string>;
  lis: { personSourcedId: string | undefined; courseOfferingSourcedId: string | undefined; courseSectionSourcedId: string | undefined } | undefined;
  ags: { scopes: string[]; lineItemsUrl: string | undefined; lineItemUrl: string | undefined } | undefined;
  nrps: { contextMembershipsUrl: string; serviceVersions: string[] } | undefined;
  deepLinking: DeepLinkingSettings | undefined;
  /** From the login request, when the platform offers LTI platform storage. */
  storageTarget: string | undefined;
  /** Only as the platform gave them: never derived or guessed. */
  person: {
    name: string | undefined;
    givenName: string | undefined;
    familyName: string | undefined;
    middleName: string | undefined;
    email: string | undefined;
  };
}

/**
 * Maps verified claims to `LtiLaunch`. Required claims were checked by `verifyLaunchToken`
 * before this runs; here the optional ones are read, refusing any of the wrong shape.
 */
export function mapLaunchClaims(
  claims: Record<string, unknown>,
  checked: { messageType: LtiMessageType; issuer: string; clientId: string; deploymentId: string; roles: string[]; targetLinkUri: string },
  storageTarget: string | undefined,
): LtiLaunch {
  const presentation = readOptionalObject(claims, LTI_CLAIM.launchPresentation) ?? {};
  const presentationName = 'launch_presentation';
  const presentationLocale = readOptionalString(presentation, 'locale', presentationName);
  return {
    ...checked,
    subject: readOptionalString(claims, 'sub', 'token'),
    roleScopeMentor: readOptionalStringArray(claims, LTI_CLAIM.roleScopeMentor, 'token') ?? [],
    resourceLink: mapResourceLink(claims),
    context: mapContext(claims),
    platform: mapToolPlatform(claims),
    presentation: {
      documentTarget: readOptionalString(presentation, 'document_target', presentationName),
      returnUrl: readOptionalUrl(presentation, 'return_url', presentationName),
      locale: presentationLocale,
      width: readOptionalNumber(presentation, 'width', presentationName),
      height: readOptionalNumber(presentation, 'height', presentationName),
    },
    locale: readOptionalString(claims, 'locale', 'token') ?? presentationLocale,
    custom: mapCustom(claims),
    lis: mapLis(claims),
    ags: mapAgsEndpoint(claims),
    nrps: mapNrpsService(claims),
    deepLinking: mapDeepLinkingSettings(claims),
    storageTarget,
    person: {
      name: readOptionalString(claims, 'name', 'token'),
      givenName: readOptionalString(claims, 'given_name', 'token'),
      familyName: readOptionalString(claims, 'family_name', 'token'),
      middleName: readOptionalString(claims, 'middle_name', 'token'),
      email: readOptionalString(claims, 'email', 'token'),
    },
  };
}

function mapResourceLink(claims: Record<string, unknown>): LtiLaunch['resourceLink'] {
  const link = readOptionalObject(claims, LTI_CLAIM.resourceLink);
  if (link === undefined) return undefined;
  const id = readOptionalString(link, 'id', 'resource_link');
  if (id === undefined || id.length === 0) return undefined;
  return { id, title: readOptionalString(link, 'title', 'resource_link'), description: readOptionalString(link, 'description', 'resource_link') };
}

function mapContext(claims: Record<string, unknown>): LtiLaunch['context'] {
  const context = readOptionalObject(claims, LTI_CLAIM.context);
  if (context === undefined) return undefined;
  // Core 1.3 §5.4.1: when the context claim is present, its id is required.
  const id = readOptionalString(context, 'id', 'context');
  if (id === undefined || id.length === 0) throw new LtiError('claim_invalid', 'context.id is missing');
  return {
    id,
    label: readOptionalString(context, 'label', 'context'),
    title: readOptionalString(context, 'title', 'context'),
    types: readOptionalStringArray(context, 'type', 'context') ?? [],
  };
}

function mapToolPlatform(claims: Record<string, unknown>): LtiLaunch['platform'] {
  const platform = readOptionalObject(claims, LTI_CLAIM.toolPlatform);
  if (platform === undefined) return undefined;
  return {
    guid: readOptionalString(platform, 'guid', 'tool_platform'),
    name: readOptionalString(platform, 'name', 'tool_platform'),
    productFamilyCode: readOptionalString(platform, 'product_family_code', 'tool_platform'),
    version: readOptionalString(platform, 'version', 'tool_platform'),
  };
}

/** Core 1.3 §5.4.6: values are strings; numbers and booleans are turned into strings as sent. */
function mapCustom(claims: Record<string, unknown>): Record<string, string> {
  const custom = readOptionalObject(claims, LTI_CLAIM.custom);
  if (custom === undefined) return {};
  const entries = Object.entries(custom);
  if (entries.length > CUSTOM_PARAMETERS_MAX) {
    throw new LtiError('claim_invalid', `more than ${CUSTOM_PARAMETERS_MAX} custom parameters`);
  }
  const result: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of entries) {
    if (typeof value === 'number' || typeof value === 'boolean') result[key] = String(value);
    else result[key] = readOptionalString(custom, key, 'custom') ?? '';
  }
  return result;
}

function mapLis(claims: Record<string, unknown>): LtiLaunch['lis'] {
  const lis = readOptionalObject(claims, LTI_CLAIM.lis);
  if (lis === undefined) return undefined;
  return {
    personSourcedId: readOptionalString(lis, 'person_sourcedid', 'lis'),
    courseOfferingSourcedId: readOptionalString(lis, 'course_offering_sourcedid', 'lis'),
    courseSectionSourcedId: readOptionalString(lis, 'course_section_sourcedid', 'lis'),
  };
}

function mapAgsEndpoint(claims: Record<string, unknown>): LtiLaunch['ags'] {
  const endpoint = readOptionalObject(claims, LTI_CLAIM.agsEndpoint);
  if (endpoint === undefined) return undefined;
  return {
    scopes: readOptionalStringArray(endpoint, 'scope', 'ags endpoint') ?? [],
    lineItemsUrl: readOptionalUrl(endpoint, 'lineitems', 'ags endpoint'),
    lineItemUrl: readOptionalUrl(endpoint, 'lineitem', 'ags endpoint'),
  };
}

function mapNrpsService(claims: Record<string, unknown>): LtiLaunch['nrps'] {
  const service = readOptionalObject(claims, LTI_CLAIM.nrpsService);
  if (service === undefined) return undefined;
  const contextMembershipsUrl = readOptionalUrl(service, 'context_memberships_url', 'namesroleservice');
  if (contextMembershipsUrl === undefined) throw new LtiError('claim_invalid', 'namesroleservice.context_memberships_url is missing');
  return { contextMembershipsUrl, serviceVersions: readOptionalStringArray(service, 'service_versions', 'namesroleservice') ?? [] };
}

/** Deep Linking 2.0 §4.4.1: return URL and accept_types are required when the claim is sent. */
function mapDeepLinkingSettings(claims: Record<string, unknown>): DeepLinkingSettings | undefined {
  const settings = readOptionalObject(claims, LTI_CLAIM.deepLinkingSettings);
  if (settings === undefined) return undefined;
  const name = 'deep_linking_settings';
  const returnUrl = readOptionalUrl(settings, 'deep_link_return_url', name);
  const acceptTypes = readOptionalStringArray(settings, 'accept_types', name);
  if (returnUrl === undefined || acceptTypes === undefined || acceptTypes.length === 0) {
    throw new LtiError('deep_linking_settings_invalid', 'deep_link_return_url or accept_types missing');
  }
  return {
    returnUrl,
    acceptTypes,
    acceptPresentationDocumentTargets: readOptionalStringArray(settings, 'accept_presentation_document_targets', name) ?? [],
    acceptMediaTypes: readOptionalString(settings, 'accept_media_types', name),
    isMultipleAccepted: readOptionalBoolean(settings, 'accept_multiple', name) ?? false,
    isLineItemAccepted: readOptionalBoolean(settings, 'accept_lineitem', name) ?? false,
    isAutoCreate: readOptionalBoolean(settings, 'auto_create', name) ?? false,
    title: readOptionalString(settings, 'title', name),
    text: readOptionalString(settings, 'text', name),
    data: readOptionalString(settings, 'data', name),
  };
}
