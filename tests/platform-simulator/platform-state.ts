import { randomBytes, randomUUID } from 'node:crypto';

import { composeLaunchClaims, DEFAULT_CONTEXT, DEFAULT_RESOURCE_LINK, DEFAULT_USER, type LaunchClaimsOptions, type PlatformIdentity } from './launch-claims.ts';
import { ACCESS_TOKEN_LIFETIME_S, PENDING_LAUNCH_LIFETIME_MS, REGISTRATION_TOKEN_LIFETIME_MS } from './limits.ts';
import type { PlatformKeys } from './platform-keys.ts';
import {
  RecordList,
  type AuthRequestRecord,
  type DeepLinkReturnRecord,
  type LineItem,
  type Member,
  type RegistrationRecord,
  type Score,
  type ScoreRecord,
  type ServiceRequestRecord,
  type TokenRequestRecord,
  type ToolClient,
} from './records.ts';
import type { LaunchTamper } from './tamper.ts';
import { MESSAGE_TYPE } from './vocabulary.ts';

/** Moodle puts the tool type id in every service URL's query; the services require it back. */
export const TOOL_TYPE_ID = '1';
/** Score given to line items the platform creates for a graded resource link, as Moodle's default. */
const LINE_ITEM_SCORE_MAXIMUM_DEFAULT = 100;

/** A launch the simulator started and /auth will complete. */
export interface PendingLaunch {
  id: string;
  clientId: string;
  loginHint: string;
  messageHint: string;
  claimsOptions: LaunchClaimsOptions;
  tamper: LaunchTamper | undefined;
  overrideClaims: Record<string, unknown> | undefined;
  removeClaims: readonly string[] | undefined;
  /** Explicit target_link_uri, else the tool's default for the message type. */
  targetLinkUri: string | undefined;
  /** `lti_storage_target` sent at login: platform storage offered for this launch. */
  storageTarget: string | undefined;
  /** The `data` of the deep linking settings, which the tool must echo. */
  deepLinkingData: string | undefined;
  createdAtMs: number;
}

export interface AccessToken {
  clientId: string;
  scopes: string[];
  expiresAtMs: number;
}

/** Everything the simulated platform knows; endpoints read and change it. */
export class PlatformState {
  readonly tools = new Map<string, ToolClient>();
  currentClientId: string | undefined;
  /** By lti_message_hint, in the order they were started (so the oldest expire first). */
  readonly pendingLaunches = new Map<string, PendingLaunch>();
  private readonly pendingLaunchesById = new Map<string, PendingLaunch>();
  readonly authRequests = new RecordList<AuthRequestRecord>();
  readonly tokenRequests = new RecordList<TokenRequestRecord>();
  readonly registrations = new RecordList<RegistrationRecord>();
  readonly scoreRecords = new RecordList<ScoreRecord>();
  readonly serviceRequests = new RecordList<ServiceRequestRecord>();
  readonly deepLinkReturns = new RecordList<DeepLinkReturnRecord>();
  jwksRequestCount = 0;
  readonly lineItems = new Map<string, LineItem>();
  private lineItemSequence = 0;
  /** Current result per line item id, then per user id. */
  readonly results = new Map<string, Map<string, Score>>();
  readonly rosters = new Map<string, Member[]>();
  readonly accessTokens = new Map<string, AccessToken>();
  /** jti of accepted client assertions, until they expire (RFC 7523 §3: no replay). */
  readonly usedAssertionIds = new Map<string, number>();
  readonly registrationTokens = new Map<string, number>();
  accessTokenLifetimeS = ACCESS_TOKEN_LIFETIME_S;

  constructor(
    readonly identity: PlatformIdentity,
    readonly keys: PlatformKeys,
  ) {}

  get baseUrl(): string {
    return this.identity.baseUrl;
  }

  endpoint(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  currentTool(): ToolClient {
    const tool = this.currentClientId === undefined ? undefined : this.tools.get(this.currentClientId);
    if (tool === undefined) throw new Error('no tool configured: pass toolUrl to startPlatformSimulator, call setTool, or register dynamically');
    return tool;
  }

  createPendingLaunch(input: Omit<PendingLaunch, 'id' | 'loginHint' | 'messageHint' | 'createdAtMs' | 'deepLinkingData'>): PendingLaunch {
    this.dropExpiredPendingLaunches();
    const id = randomUUID();
    const isDeepLinking = input.claimsOptions.messageType === MESSAGE_TYPE.deepLinkingRequest;
    const launch: PendingLaunch = {
      ...input,
      id,
      // Moodle's login_hint is the user id and lti_message_hint an opaque reference to the launch.
      loginHint: (input.claimsOptions.user ?? DEFAULT_USER).id,
      messageHint: `launch-${id}`,
      deepLinkingData: isDeepLinking ? (input.claimsOptions.deepLinkingSettings?.data ?? `dl-data-${randomBytes(8).toString('hex')}`) : undefined,
      createdAtMs: Date.now(),
    };
    this.pendingLaunches.set(launch.messageHint, launch);
    this.pendingLaunchesById.set(launch.id, launch);
    return launch;
  }

  findPendingLaunch(messageHint: string): PendingLaunch | undefined {
    const launch = this.pendingLaunches.get(messageHint);
    if (launch === undefined || Date.now() - launch.createdAtMs > PENDING_LAUNCH_LIFETIME_MS) return undefined;
    return launch;
  }

  findPendingLaunchById(id: string): PendingLaunch | undefined {
    return this.pendingLaunchesById.get(id);
  }

  /** Oldest first, stopping at the first one still pending: a long benchmark stays linear. */
  private dropExpiredPendingLaunches(): void {
    const nowMs = Date.now();
    for (const [hint, launch] of this.pendingLaunches) {
      if (nowMs - launch.createdAtMs <= PENDING_LAUNCH_LIFETIME_MS) return;
      this.pendingLaunches.delete(hint);
      this.pendingLaunchesById.delete(launch.id);
    }
  }

  /** Launch claims for a tool; with AGS on a resource link launch the link gets its line item. */
  composeClaims(tool: ToolClient, options: LaunchClaimsOptions, launchId: string): Record<string, unknown> {
    const context = options.context === undefined ? DEFAULT_CONTEXT : options.context;
    const isDeepLinking = options.messageType === MESSAGE_TYPE.deepLinkingRequest;
    let lineItemUrl: string | undefined;
    if (context !== null && options.ags === true && !isDeepLinking) {
      const link = options.resourceLink ?? DEFAULT_RESOURCE_LINK;
      lineItemUrl = this.ensureLineItemForLink(context.id, link.id, link.title ?? link.id).id;
    }
    if (context !== null) this.enrol(context.id, options);
    const settingsData = this.findPendingLaunchById(launchId)?.deepLinkingData;
    const claimsOptions = isDeepLinking && settingsData !== undefined ? { ...options, deepLinkingSettings: { ...options.deepLinkingSettings, data: settingsData } } : options;
    return composeLaunchClaims(this.identity, tool, claimsOptions, {
      lineItemsUrl: context === null ? undefined : this.lineItemsUrl(context.id),
      lineItemUrl,
      membershipsUrl: context === null ? undefined : this.endpoint(`/nrps/${encodeURIComponent(context.id)}/memberships`),
      deepLinkReturnUrl: this.endpoint(`/deep-link-return?launch=${encodeURIComponent(launchId)}`),
      returnUrl: this.endpoint(`/return?launch=${encodeURIComponent(launchId)}`),
    });
  }

  lineItemsUrl(contextId: string): string {
    return this.endpoint(`/ags/${encodeURIComponent(contextId)}/lineitems?type_id=${TOOL_TYPE_ID}`);
  }

  createLineItem(contextId: string, fields: Omit<LineItem, 'id' | 'contextId'>): LineItem {
    this.lineItemSequence += 1;
    const id = this.endpoint(`/ags/${encodeURIComponent(contextId)}/lineitems/${this.lineItemSequence}/lineitem?type_id=${TOOL_TYPE_ID}`);
    const lineItem: LineItem = { ...fields, id, contextId };
    this.lineItems.set(id, lineItem);
    return lineItem;
  }

  private ensureLineItemForLink(contextId: string, resourceLinkId: string, label: string): LineItem {
    const existing = [...this.lineItems.values()].find((item) => item.contextId === contextId && item.resourceLinkId === resourceLinkId);
    return existing ?? this.createLineItem(contextId, { scoreMaximum: LINE_ITEM_SCORE_MAXIMUM_DEFAULT, label, resourceLinkId });
  }

  /** A launch into a course makes the user a member, as enrolment does in an LMS. */
  private enrol(contextId: string, options: LaunchClaimsOptions): void {
    const user = options.user ?? DEFAULT_USER;
    const roster = this.rosters.get(contextId) ?? [];
    if (roster.some((member) => member.userId === user.id)) return;
    roster.push({ userId: user.id, roles: [...(options.roles ?? [])], name: user.name, givenName: user.givenName, familyName: user.familyName, email: user.email, status: 'Active' });
    this.rosters.set(contextId, roster);
  }

  issueRegistrationToken(): string {
    const token = randomBytes(24).toString('base64url');
    this.registrationTokens.set(token, Date.now() + REGISTRATION_TOKEN_LIFETIME_MS);
    return token;
  }

  /** True once per issued, unexpired token. */
  consumeRegistrationToken(token: string): boolean {
    const expiresAtMs = this.registrationTokens.get(token);
    this.registrationTokens.delete(token);
    return expiresAtMs !== undefined && expiresAtMs > Date.now();
  }
}
