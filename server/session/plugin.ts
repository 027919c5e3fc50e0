import { randomBytes } from 'node:crypto';

import jwt, { type TokenOrHeader } from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import type { LtiFace } from '../../lti/index.ts';
import { AppError } from '../errors.ts';
import type { LaunchSession } from './launch-session.ts';
import { reloadPeriodically, RotatingSecret } from './tool-secrets.ts';

/** Session tokens are short-lived; the web app refreshes them while the learner is active. */
export const SESSION_TOKEN_LIFETIME_S = 2 * 60 * 60;
const SESSION_SECRET_NAME = 'session-signing-key';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: LaunchSession;
    user: LaunchSession;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    signSession(session: LaunchSession): Promise<{ token: string; expiresAt: string }>;
    /** The tool secrets this instance signs with, which an administrator may renew. */
    renewableSecrets: ReadonlySet<RotatingSecret>;
    /**
     * Opens a tool secret an administrator may renew: counted among `renewableSecrets` and read
     * again every minute on this instance until the server closes.
     */
    openRenewableSecret(name: string, options: { previousAcceptedMs: number }): Promise<RotatingSecret>;
  }
  interface FastifyRequest {
    /** The verified launch session of a Bearer token; throws 401 when absent or invalid. */
    requireSession(faces?: readonly LtiFace[]): Promise<LaunchSession>;
  }
}

/**
 * Session tokens from a launch (HS256 JWTs, key generated once and kept in the database). The
 * web app holds them in memory or sessionStorage and sends them as Bearer tokens: nothing after
 * the launch depends on cookies inside the LMS iframe. The key is a renewable tool secret: tokens
 * name it by id (`kid`), and those signed with the previous key stay valid for their lifetime.
 */
async function sessionPlugin(app: FastifyInstance): Promise<void> {
  const renewableSecrets = new Set<RotatingSecret>();
  const stopsReloading: Array<() => void> = [];
  app.decorate('renewableSecrets', renewableSecrets);
  app.decorate('openRenewableSecret', async (name: string, options: { previousAcceptedMs: number }) => {
    const opened = await RotatingSecret.open(app.db, name, options);
    renewableSecrets.add(opened);
    stopsReloading.push(reloadPeriodically(opened, (error) => app.log.warn({ err: error, secret: name }, 'tool secret not reloaded')));
    return opened;
  });
  app.addHook('onClose', async () => {
    for (const stop of stopsReloading) stop();
  });
  const secret = await app.openRenewableSecret(SESSION_SECRET_NAME, { previousAcceptedMs: SESSION_TOKEN_LIFETIME_S * 1000 });
  await app.register(jwt, {
    secret: {
      // The global signer's key; every session is signed with the current key and its id instead.
      private: secret.current,
      // A token without kid comes from before keys had ids: the key then current.
      public: async (_request: FastifyRequest, token: TokenOrHeader) => {
        const kid = 'header' in token ? (token.header as { kid?: unknown }).kid : undefined;
        return typeof kid === 'string' ? ((await secret.acceptedWithId(kid)) ?? UNKNOWN_KEY) : secret.current;
      },
    },
    // The key callback gets the header (and its kid) only from a complete decoding.
    decode: { complete: true },
    sign: { algorithm: 'HS256', expiresIn: SESSION_TOKEN_LIFETIME_S, iss: app.config.publicUrl, aud: `${app.config.publicUrl}/api` },
    verify: { algorithms: ['HS256'], allowedIss: app.config.publicUrl, allowedAud: `${app.config.publicUrl}/api` },
  });

  app.decorate('signSession', async (session: LaunchSession) => {
    const { iat: _iat, exp: _exp, iss: _iss, aud: _aud, ...claims } = session as LaunchSession & Record<string, unknown>;
    const token = await app.jwt.sign(claims as LaunchSession, { key: secret.current, kid: secret.currentId });
    return { token, expiresAt: new Date(Date.now() + SESSION_TOKEN_LIFETIME_S * 1000).toISOString() };
  });

  app.decorateRequest('requireSession', async function requireSession(this: FastifyRequest, faces?: readonly LtiFace[]) {
    try {
      await this.jwtVerify();
    } catch {
      throw new AppError('unauthenticated', 'Your session has ended. Open the activity again from your course.');
    }
    if (faces !== undefined && !faces.includes(this.user.face)) {
      throw new AppError('forbidden', 'Your role in this course does not allow this.');
    }
    return this.user;
  });
}

/** Verifies nothing: a token naming a key no instance has is refused by its signature check. */
const UNKNOWN_KEY = randomBytes(32).toString('base64url');

export default fp(sessionPlugin, { name: 'session', dependencies: ['database'] });
