/**
 * The one data path of the web app: every request to the server goes through `request` here, so
 * headers, errors and the session token are handled in one place. The endpoints below are those
 * any face may call; the endpoints of one face live beside its routes (admin-api.ts,
 * trainer-api.ts), so that the learner's first screen does not carry the administration's.
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

/** `csrfToken`: the administration's session is a cookie, and changes carry its CSRF token. */
export async function request<T>(method: string, path: string, body?: unknown, csrfToken?: string): Promise<T> {
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
};
