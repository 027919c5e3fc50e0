import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import { AppError } from '../errors.ts';
import { readAdminSession, type AdminSession } from './sessions.ts';

export const ADMIN_SESSION_COOKIE = 'eacademy_admin';
export const ADMIN_COOKIE_PATH = '/api/admin';

declare module 'fastify' {
  interface FastifyRequest {
    adminSession: AdminSession | undefined;
  }
}

/**
 * Reads the admin session cookie on /api/admin requests, and refuses state-changing requests
 * that come from another origin (the CSRF token is checked per route by `requireCsrf`).
 */
async function adminAuth(app: FastifyInstance): Promise<void> {
  const ownOrigin = new URL(app.config.publicUrl).origin;
  app.decorateRequest('adminSession', undefined);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith(`${ADMIN_COOKIE_PATH}/`)) return;
    const origin = request.headers.origin;
    if (request.method !== 'GET' && request.method !== 'HEAD' && origin !== undefined && origin !== ownOrigin) {
      throw new AppError('forbidden', 'Requests to the admin API must come from the tool’s own pages.');
    }
    const token = request.cookies[ADMIN_SESSION_COOKIE];
    request.adminSession = token === undefined ? undefined : await readAdminSession(app.db, token);
  });
}

export const adminAuthPlugin = fp(adminAuth, { name: 'admin-auth', dependencies: ['database'] });

export function requireSession(request: FastifyRequest): AdminSession {
  if (request.adminSession === undefined) throw new AppError('unauthenticated', 'Sign in first.');
  return request.adminSession;
}

export function requireCsrf(request: FastifyRequest, session: AdminSession): void {
  if (request.headers['x-csrf-token'] !== session.csrfToken) {
    throw new AppError('forbidden', 'This request is missing its security token. Reload the page and try again.');
  }
}

export function requireRole(session: AdminSession, role: 'admin'): void {
  if (session.account.role !== role) throw new AppError('forbidden', 'Only administrators can do this.');
}
