import { RECORDS_PER_KIND_MAX } from './limits.ts';

/** The tool as the platform knows it, from manual set-up or Dynamic Registration. */
export interface ToolClient {
  clientId: string;
  /** The tool's origin (plus any base path), e.g. `http://127.0.0.1:4321`. */
  toolUrl: string;
  deploymentIds: string[];
  /** OIDC third-party initiated login URL (Security Framework §5.1.1.1). */
  loginUrl: string;
  /** Default target_link_uri of resource link launches. */
  launchUrl: string;
  /** target_link_uri of deep linking requests. */
  deepLinkingUrl: string;
  /** redirect_uris the /auth endpoint accepts, matched exactly. */
  redirectUris: string[];
  jwksUrl: string;
  /** Scopes the token endpoint may grant to this client. */
  scopesAllowed: string[];
}

export interface AuthRequestRecord {
  method: string;
  parameters: Record<string, string>;
  /** Empty when the request was valid and an id_token was issued. */
  problems: string[];
  launchId: string | undefined;
  idToken: string | undefined;
  atMs: number;
}

export interface TokenRequestRecord {
  clientId: string | undefined;
  scopesRequested: string[];
  scopesGranted: string[];
  status: number;
  problems: string[];
  atMs: number;
}

export interface RegistrationRecord {
  request: unknown;
  status: number;
  problems: string[];
  response: Record<string, unknown> | undefined;
  atMs: number;
}

export interface LineItem {
  /** The line item URL, with Moodle's `?type_id=` query. */
  id: string;
  contextId: string;
  scoreMaximum: number;
  label: string;
  resourceId?: string;
  resourceLinkId?: string;
  tag?: string;
  startDateTime?: string;
  endDateTime?: string;
  gradesReleased?: boolean;
}

/** AGS 2.0 §3.4 score, names as on the wire. */
export interface Score {
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  timestamp: string;
  activityProgress: string;
  gradingProgress: string;
  [extension: string]: unknown;
}

export interface ScoreRecord {
  contextId: string;
  lineItemId: string;
  score: Score;
  /** Accepted scores change the result; ignored ones (older timestamp) are kept for assertions. */
  outcome: 'accepted' | 'ignored-older';
  atMs: number;
}

export interface ServiceRequestRecord {
  method: string;
  /** Path and query as the tool sent them. */
  url: string;
  status: number;
  problems: string[];
  atMs: number;
}

export interface DeepLinkReturnRecord {
  launchId: string | undefined;
  accepted: boolean;
  problems: string[];
  claims: Record<string, unknown> | undefined;
  contentItems: unknown[];
  atMs: number;
}

export interface Member {
  userId: string;
  roles: string[];
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  status?: 'Active' | 'Inactive' | 'Deleted';
}

/** An append-only list that drops its oldest entries beyond RECORDS_PER_KIND_MAX. */
export class RecordList<T> {
  private items: T[] = [];

  push(item: T): T {
    this.items.push(item);
    if (this.items.length > RECORDS_PER_KIND_MAX) this.items.shift();
    return item;
  }

  list(): T[] {
    return [...this.items];
  }

  clear(): void {
    this.items = [];
  }
}
