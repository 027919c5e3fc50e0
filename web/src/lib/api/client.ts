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

export interface AdminSession {
  account: AdminAccount;
  csrfToken: string;
}

let csrfToken: string | undefined;

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken !== undefined && method !== 'GET') headers['x-csrf-token'] = csrfToken;
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
    listAccounts: () => request<{ accounts: AdminAccount[] }>('GET', '/api/admin/accounts'),
    createAccount: (input: { email: string; name: string; role: 'admin' | 'staff'; password: string }) =>
      request<{ account: AdminAccount }>('POST', '/api/admin/accounts', input),
  },
};
