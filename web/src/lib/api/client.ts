/**
 * The one data path of the web app: every request to the server goes through here, so headers,
 * errors and (later) the session token are handled in one place.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HealthStatus {
  status: 'ok';
  database: 'pglite' | 'postgres';
}

export interface ToolConfiguration {
  title: string;
  description: string;
  publicUrl: string;
  urls: {
    registration: string;
    login: string;
    launch: string;
    jwks: string;
    deepLinking: string;
    xapi: string;
    logo: string;
  };
  toolConfiguration: Record<string, unknown>;
}

export interface AdminAccount {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'staff';
  createdAt: string;
}

export interface Organisation {
  id: string;
  name: string;
  kind: 'nalas' | 'lga' | 'training_centre' | 'other';
  economy: string | null;
}

export interface Platform {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  status: 'active' | 'disabled';
  registrationMethod: 'dynamic' | 'manual';
  isNalas: boolean;
  organisationId: string | null;
  deploymentIds: string[];
}

export interface PlatformRegistration {
  name: string;
  issuer: string;
  clientId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  deploymentIds: string[];
  organisationId?: string;
  isNalas?: boolean;
}

export interface LrsCredential {
  id: string;
  key: string;
  name: string;
  organisationId: string | null;
  scopes: string[];
}

export interface RosterMember {
  userId: string;
  name: string | null;
  face: 'learner' | 'trainer' | 'staff';
  status: 'active' | 'inactive';
  source: 'launch' | 'roster';
  lastLaunchAt: string | null;
}

export interface CertificateView {
  code: string;
  isValid: boolean;
  learnerName: string;
  courseTitle: string;
  courseVersion: string;
  issuedAt: string;
  locale: string;
  verifyUrl: string;
  pdfUrl: string;
}

export interface ForwardTarget {
  id: string;
  name: string;
  endpoint: string;
  username: string;
  organisationId: string | null;
  verbIds: string[];
  isEnabled: boolean;
  forwardedThroughSeq: number;
  delivery: 'idle' | 'pending' | 'done' | 'dead';
  attempts: number;
  lastError: string | null;
}

export interface FailedDelivery {
  id: number;
  topic: string;
  key: string;
  status: 'pending' | 'dead';
  attempts: number;
  lastError: string | null;
}

export interface AdminSession {
  account: AdminAccount;
  csrfToken: string;
}

export interface LaunchSession {
  sub: string;
  face: 'learner' | 'trainer' | 'staff';
  roles: string[];
  locale?: string;
  contextId?: string;
  resourceLinkId?: string;
  courseId?: string;
  moduleId?: string;
  registration?: string;
  name?: string;
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
}

export interface SessionAnswer {
  token: string;
  expiresAt: string;
  session: LaunchSession;
}

let csrfToken: string | undefined;
/**
 * The launch session: kept in memory, mirrored to sessionStorage (this tab only, to survive a
 * reload) when the browser allows it — inside an LMS iframe it may deny storage altogether, so
 * memory is the source of truth. Never a cookie.
 */
let launchSession: SessionAnswer | undefined;
const SESSION_STORAGE_KEY = 'eacademy.session';

export function rememberLaunchSession(answer: SessionAnswer): void {
  launchSession = answer;
  try {
    sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(answer));
  } catch {
    // Storage denied in the frame: the session lives as long as this page.
  }
}

export function readLaunchSession(): SessionAnswer | undefined {
  if (launchSession === undefined) {
    try {
      const stored = sessionStorage.getItem(SESSION_STORAGE_KEY);
      launchSession = stored === null ? undefined : (JSON.parse(stored) as SessionAnswer);
    } catch {
      launchSession = undefined;
    }
  }
  if (launchSession !== undefined && Date.parse(launchSession.expiresAt) <= Date.now()) launchSession = undefined;
  return launchSession;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken !== undefined && method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const sessionToken = path.startsWith('/api/admin') ? undefined : readLaunchSession()?.token;
  if (sessionToken !== undefined) headers.authorization = `Bearer ${sessionToken}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload ?? {}) as { code?: string; message?: string };
    throw new ApiError(response.status, error.code ?? 'unknown', error.message ?? response.statusText);
  }
  return payload as T;
}

function rememberSession(session: AdminSession): AdminSession {
  csrfToken = session.csrfToken;
  return session;
}

export const api = {
  health: () => request<HealthStatus>('GET', '/healthz'),
  toolConfiguration: () => request<ToolConfiguration>('GET', '/lti/config'),
  exchangeLaunchCode: (code: string) => request<SessionAnswer>('POST', '/api/session', { code }).then((answer) => {
    rememberLaunchSession(answer);
    return answer;
  }),
  certificates: {
    issue: (input: { courseId: string; locale: string }) => request<CertificateView>('POST', '/api/certificates', input),
    verify: (code: string) => request<CertificateView>('GET', `/api/certificates/${encodeURIComponent(code)}`),
  },
  trainer: {
    roster: () => request<{ members: RosterMember[] }>('GET', '/api/trainer/roster'),
    refreshRoster: () => request<{ members: number; isTruncated: boolean; syncedAt: string }>('POST', '/api/trainer/roster/refresh', {}),
    bindActivity: (input: { courseId: string; moduleId?: string }) =>
      request<{ courseId: string; moduleId?: string; title: string }>('POST', '/api/trainer/resource-link', input),
    returnContentToLms: (items: Array<{ courseId: string; moduleId?: string }>) =>
      request<{ continueUrl: string }>('POST', '/api/lti/deep-linking/response', { items }),
  },
  admin: {
    setupStatus: () => request<{ isSetupNeeded: boolean }>('GET', '/api/admin/setup'),
    setup: (input: { token: string; name: string; email: string; password: string }) =>
      request<AdminSession>('POST', '/api/admin/setup', input).then(rememberSession),
    signIn: (input: { email: string; password: string }) =>
      request<AdminSession>('POST', '/api/admin/session', input).then(rememberSession),
    session: () => request<AdminSession>('GET', '/api/admin/session').then(rememberSession),
    signOut: async () => {
      await request<void>('DELETE', '/api/admin/session');
      csrfToken = undefined;
    },
    listOrganisations: () => request<{ organisations: Organisation[] }>('GET', '/api/admin/organisations'),
    createOrganisation: (input: { name: string; kind: Organisation['kind']; economy?: string }) =>
      request<{ organisation: Organisation }>('POST', '/api/admin/organisations', input),
    listPlatforms: () => request<{ platforms: Platform[] }>('GET', '/api/admin/platforms'),
    registerPlatform: (input: PlatformRegistration) => request<{ platform: { id: string } }>('POST', '/api/admin/platforms', input),
    setPlatformStatus: (platformId: string, status: Platform['status']) =>
      request<{ platform: { id: string } }>('PATCH', `/api/admin/platforms/${encodeURIComponent(platformId)}`, { status }),
    createInvitation: (input: { organisationId?: string; isNalas?: boolean; note?: string }) =>
      request<{ registrationUrl: string; expiresAt: string }>('POST', '/api/admin/registration-invitations', input),
    rotateToolKeys: () => request<{ step: 'published-next' | 'activated-next'; kid: string }>('POST', '/api/admin/tool-keys/rotate', {}),
    listLrsCredentials: () => request<{ credentials: LrsCredential[] }>('GET', '/api/admin/lrs-credentials'),
    createLrsCredential: (input: { name: string; organisationId?: string; scopes: string[] }) =>
      request<{ credential: LrsCredential; secret: string; endpoint: string }>('POST', '/api/admin/lrs-credentials', input),
    listForwardTargets: () => request<{ targets: ForwardTarget[] }>('GET', '/api/admin/forward-targets'),
    addForwardTarget: (input: { name: string; endpoint: string; username: string; password: string; verbIds?: string[] }) =>
      request<{ target: ForwardTarget }>('POST', '/api/admin/forward-targets', input),
    retryForwardTarget: (targetId: string) => request<{ retried: boolean }>('POST', `/api/admin/forward-targets/${encodeURIComponent(targetId)}/retry`, {}),
    listFailedDeliveries: () => request<{ items: FailedDelivery[] }>('GET', '/api/admin/outbox'),
    retryDelivery: (itemId: number) => request<{ retried: boolean }>('POST', `/api/admin/outbox/${itemId}/retry`, {}),
    listAccounts: () => request<{ accounts: AdminAccount[] }>('GET', '/api/admin/accounts'),
    createAccount: (input: { email: string; name: string; role: 'admin' | 'staff'; password: string }) =>
      request<{ account: AdminAccount }>('POST', '/api/admin/accounts', input),
  },
};
