import { request } from '$lib/api/client.ts';

// The administration face's endpoints, through the one request function of the web app. Here
// rather than in client.ts: no other face carries them.

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

/** The CSRF token of the signed-in administrator: the session is a cookie, so changes carry it. */
let csrfToken: string | undefined;

function adminRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body, csrfToken);
}

function rememberSession(session: AdminSession): AdminSession {
  csrfToken = session.csrfToken;
  return session;
}

export const adminApi = {
  setupStatus: () => adminRequest<{ isSetupNeeded: boolean }>('GET', '/api/admin/setup'),
  setup: (input: { token: string; name: string; email: string; password: string }) =>
    adminRequest<AdminSession>('POST', '/api/admin/setup', input).then(rememberSession),
  signIn: (input: { email: string; password: string }) => adminRequest<AdminSession>('POST', '/api/admin/session', input).then(rememberSession),
  session: () => adminRequest<AdminSession>('GET', '/api/admin/session').then(rememberSession),
  signOut: async () => {
    await adminRequest<void>('DELETE', '/api/admin/session');
    csrfToken = undefined;
  },
  listOrganisations: () => adminRequest<{ organisations: Organisation[] }>('GET', '/api/admin/organisations'),
  createOrganisation: (input: { name: string; kind: Organisation['kind']; economy?: string }) =>
    adminRequest<{ organisation: Organisation }>('POST', '/api/admin/organisations', input),
  listPlatforms: () => adminRequest<{ platforms: Platform[] }>('GET', '/api/admin/platforms'),
  registerPlatform: (input: PlatformRegistration) => adminRequest<{ platform: { id: string } }>('POST', '/api/admin/platforms', input),
  setPlatformStatus: (platformId: string, status: Platform['status']) =>
    adminRequest<{ platform: { id: string } }>('PATCH', `/api/admin/platforms/${encodeURIComponent(platformId)}`, { status }),
  createInvitation: (input: { organisationId?: string; isNalas?: boolean; note?: string }) =>
    adminRequest<{ registrationUrl: string; expiresAt: string }>('POST', '/api/admin/registration-invitations', input),
  rotateToolKeys: () => adminRequest<{ step: 'published-next' | 'activated-next'; kid: string }>('POST', '/api/admin/tool-keys/rotate', {}),
  renewToolSecrets: (options: { endPrevious: boolean }) =>
    adminRequest<{ renewed: Array<{ name: string; previousAcceptedUntil: string | null }> }>('POST', '/api/admin/tool-secrets/renew', options),
  listLrsCredentials: () => adminRequest<{ credentials: LrsCredential[] }>('GET', '/api/admin/lrs-credentials'),
  createLrsCredential: (input: { name: string; organisationId?: string; scopes: string[] }) =>
    adminRequest<{ credential: LrsCredential; secret: string; endpoint: string }>('POST', '/api/admin/lrs-credentials', input),
  listForwardTargets: () => adminRequest<{ targets: ForwardTarget[] }>('GET', '/api/admin/forward-targets'),
  addForwardTarget: (input: { name: string; endpoint: string; username: string; password: string; verbIds?: string[] }) =>
    adminRequest<{ target: ForwardTarget }>('POST', '/api/admin/forward-targets', input),
  retryForwardTarget: (targetId: string) => adminRequest<{ retried: boolean }>('POST', `/api/admin/forward-targets/${encodeURIComponent(targetId)}/retry`, {}),
  listFailedDeliveries: () => adminRequest<{ items: FailedDelivery[] }>('GET', '/api/admin/outbox'),
  retryDelivery: (itemId: number) => adminRequest<{ retried: boolean }>('POST', `/api/admin/outbox/${itemId}/retry`, {}),
  listAccounts: () => adminRequest<{ accounts: AdminAccount[] }>('GET', '/api/admin/accounts'),
  createAccount: (input: { email: string; name: string; role: 'admin' | 'staff'; password: string }) =>
    adminRequest<{ account: AdminAccount }>('POST', '/api/admin/accounts', input),
};
