import { SignJWT } from 'jose';
import { generateNonce } from './generate-nonce.ts';
import { LtiError } from './errors.ts';
import { LTI_CLAIM, LTI_VERSION } from './launch-claims.ts';
import type { DeepLinkingSettings } from './map-launch-claims.ts';
import type { ToolKey } from './tool-keys.ts';

/** Lifetime of the response JWT: the browser posts it at once (Deep Linking 2.0 §4.5). */
export const DEEP_LINKING_RESPONSE_LIFETIME_SECONDS = 300;
/** Items returned at once; a trainer picks courses or modules, not a library. */
export const DEEP_LINKING_ITEMS_MAX = 50;
export const CONTENT_ITEM_TITLE_CHARS_MAX = 255;
export const CONTENT_ITEM_TEXT_CHARS_MAX = 2000;

/** What the picker returns: one course or module as an `ltiResourceLink` (Deep Linking 2.0 §3.1). */
export interface ResourceLinkItem {
  title: string;
  text?: string;
  /** Our launch URL for this link; must be on our origin. */
  url: string;
  /** Names the course or module, e.g. { course: "social-mapping", module: "m2" }. */
  custom?: Record<string, string>;
  /** When present the platform creates a gradebook column (§3.1 lineItem). */
  lineItem?: { scoreMaximum: number; label: string; resourceId?: string; tag?: string };
}

export interface DeepLinkingResponseInput {
  clientId: string;
  /** The platform's issuer: the audience of our response. */
  platformIssuer: string;
  deploymentId: string;
  /** The deep linking settings of the request being answered. */
  settings: DeepLinkingSettings;
  items: readonly ResourceLinkItem[];
  toolOrigin: string;
  key: ToolKey;
  message?: string;
  nowMs?: number;
}

/**
 * The signed `LtiDeepLinkingResponse` (Deep Linking 2.0 §4.5): iss is our client_id, aud the
 * platform issuer, and `data` is echoed exactly when the request carried it (the platform uses
 * it to find its own request again; changing it breaks the round trip).
 */
export async function signDeepLinkingResponse(input: DeepLinkingResponseInput): Promise<string> {
  checkItems(input);
  const nowSeconds = Math.floor((input.nowMs ?? Date.now()) / 1000);
  const payload: Record<string, unknown> = {
    nonce: generateNonce(),
    [LTI_CLAIM.deploymentId]: input.deploymentId,
    [LTI_CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [LTI_CLAIM.version]: LTI_VERSION,
    [LTI_CLAIM.deepLinkingContentItems]: input.items.map((item) => buildContentItem(item, input.settings.isLineItemAccepted)),
  };
  if (input.settings.data !== undefined) payload[LTI_CLAIM.deepLinkingData] = input.settings.data;
  if (input.message !== undefined) payload[LTI_CLAIM.deepLinkingMessage] = input.message;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: input.key.kid, typ: 'JWT' })
    .setIssuer(input.clientId)
    .setAudience(input.platformIssuer)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + DEEP_LINKING_RESPONSE_LIFETIME_SECONDS)
    .sign(input.key.privateKey);
}

/** §4.4.1: only types the platform accepts, one item unless it accepts several. */
function checkItems(input: DeepLinkingResponseInput): void {
  if (input.items.length > 0 && !input.settings.acceptTypes.includes('ltiResourceLink')) {
    throw new LtiError('content_items_invalid', 'the platform does not accept ltiResourceLink items');
  }
  if (input.items.length > 1 && !input.settings.isMultipleAccepted) {
    throw new LtiError('content_items_invalid', 'the platform accepts one item only');
  }
  if (input.items.length > DEEP_LINKING_ITEMS_MAX) {
    throw new LtiError('content_items_invalid', `more than ${DEEP_LINKING_ITEMS_MAX} items`);
  }
  const origin = new URL(input.toolOrigin).origin;
  for (const item of input.items) {
    if (!URL.canParse(item.url) || new URL(item.url).origin !== origin) {
      throw new LtiError('content_items_invalid', 'an item url is not on our origin');
    }
    if (item.title.length === 0 || item.title.length > CONTENT_ITEM_TITLE_CHARS_MAX) {
      throw new LtiError('content_items_invalid', `an item title is empty or over ${CONTENT_ITEM_TITLE_CHARS_MAX} characters`);
    }
    if ((item.text?.length ?? 0) > CONTENT_ITEM_TEXT_CHARS_MAX) {
      throw new LtiError('content_items_invalid', `an item text is over ${CONTENT_ITEM_TEXT_CHARS_MAX} characters`);
    }
    if (item.lineItem !== undefined && !(item.lineItem.scoreMaximum > 0)) {
      throw new LtiError('content_items_invalid', 'a line item needs a positive scoreMaximum');
    }
  }
}

/** A line item is sent only when the platform said it accepts one (accept_lineitem). */
function buildContentItem(item: ResourceLinkItem, isLineItemAccepted: boolean): Record<string, unknown> {
  const contentItem: Record<string, unknown> = { type: 'ltiResourceLink', title: item.title, url: item.url };
  if (item.text !== undefined) contentItem.text = item.text;
  if (item.custom !== undefined) contentItem.custom = { ...item.custom };
  if (item.lineItem !== undefined && isLineItemAccepted) {
    const lineItem: Record<string, unknown> = { scoreMaximum: item.lineItem.scoreMaximum, label: item.lineItem.label };
    if (item.lineItem.resourceId !== undefined) lineItem.resourceId = item.lineItem.resourceId;
    if (item.lineItem.tag !== undefined) lineItem.tag = item.lineItem.tag;
    contentItem.lineItem = lineItem;
  }
  return contentItem;
}
