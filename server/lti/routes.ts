import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';

import { isLtiError, JwksCache, LtiError } from '../../lti/index.ts';
import { AppError } from '../errors.ts';
import { confirmHandoff } from '../session/launch-handoffs.ts';
import { completeLaunch, isStateCookieName, STATE_COOKIES_MAX, stateCookieOf, stateCookiePathOf } from './complete-launch.ts';
import { describeToolConfiguration } from './describe-tool-configuration.ts';
import { hashValue, isBrowserBindingOf, LOGIN_STATE_CHARS_MAX, LOGIN_STATE_LIFETIME_MS, LOGIN_STATE_SECRET_NAME, LoginStateKeyring } from './login-states.ts';
import { sendHandoff, sendLaunchRefusal } from './pages/launch-pages.ts';
import { sendConfirmFromStorage, sendOpenInNewWindow, sendStoreStateAndRedirect } from './pages/storage-pages.ts';
import { registerPlatformDynamically } from './register-platform.ts';
import { startLogin } from './start-login.ts';
import { listPublishedKeys } from './tool-keys.ts';

/** Platforms cache our keys; an hour keeps rotation (next key published first) well ahead. */
const JWKS_CACHE_MAX_AGE_S = 3600;
/** Logins and launches per client address per minute: generous for a classroom behind one NAT. */
export const LAUNCHES_PER_MINUTE_MAX = 1200;

const Jwks = Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) });

declare module 'fastify' {
  interface FastifyInstance {
    platformKeys: JwksCache;
  }
}

export default async function ltiRoutes(app: FastifyInstance): Promise<void> {
  app.decorate('platformKeys', new JwksCache({ fetch: globalThis.fetch }));
  const isSecure = app.config.publicUrl.startsWith('https:') || ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(app.config.publicUrl).hostname);
  const launchLimit = { rateLimit: { max: LAUNCHES_PER_MINUTE_MAX, timeWindow: '1 minute' } };
  const stateCookieOptions = {
    httpOnly: true,
    secure: isSecure,
    // The launch POST comes from the platform's site into a frame: only SameSite=None reaches it,
    // and only a Partitioned cookie survives browsers that block third-party cookies.
    sameSite: 'none',
    partitioned: true,
  } as const;
  const stateKeyring = new LoginStateKeyring(await app.openRenewableSecret(LOGIN_STATE_SECRET_NAME, { previousAcceptedMs: LOGIN_STATE_LIFETIME_MS }));

  const sendJwks = async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', `public, max-age=${JWKS_CACHE_MAX_AGE_S}`);
    return { keys: await listPublishedKeys(app.db) };
  };
  app.get('/lti/jwks', { schema: { tags: ['lti'], summary: "The tool's public keys (JWKS)", response: { 200: Jwks } } }, sendJwks);
  app.get('/.well-known/jwks.json', { schema: { hide: true, response: { 200: Jwks } } }, sendJwks);

  app.get('/lti/config', { schema: { tags: ['lti'], summary: 'Every URL and value an LMS administrator needs to register the tool' } }, async () =>
    describeToolConfiguration(app.config.publicUrl),
  );

  // OIDC login initiation: GET or POST (Security Framework §5.1.1.1), always answered by a GET
  // redirect, because Moodle 4.5.11+ sets its session cookie SameSite=Lax and a POST loses it.
  const login = async (request: FastifyRequest, reply: FastifyReply) => {
    const parameters = (request.method === 'POST' ? request.body : request.query) as Record<string, unknown>;
    try {
      const started = await startLogin(app.db, { parameters: parameters ?? {}, publicUrl: app.config.publicUrl, stateKeyring });
      // Logins never finished leave their cookies for ten minutes, sent with every request to the
      // tool: past a handful (a page forcing logins on the learner's browser), they all go.
      const pendingStateCookies = Object.keys(request.cookies).filter(isStateCookieName);
      if (pendingStateCookies.length >= STATE_COOKIES_MAX) {
        for (const name of pendingStateCookies) reply.clearCookie(name, { ...stateCookieOptions, path: stateCookiePathOf(name) });
      }
      const stateCookie = stateCookieOf(started.state, isSecure);
      reply.setCookie(stateCookie.name, started.browserBinding, { ...stateCookieOptions, path: stateCookie.path, maxAge: LOGIN_STATE_LIFETIME_MS / 1000 });
      if (started.storageTarget !== undefined) {
        return sendStoreStateAndRedirect(request, reply, { ...started, storageTarget: started.storageTarget });
      }
      reply.header('cache-control', 'no-store');
      return reply.redirect(started.redirectUrl, 302);
    } catch (error) {
      return refuse(request, reply, error);
    }
  };
  app.get('/lti/login', { config: launchLimit, schema: { tags: ['lti'], summary: 'OIDC third-party initiated login' } }, login);
  app.post('/lti/login', { config: launchLimit, schema: { tags: ['lti'], summary: 'OIDC third-party initiated login' } }, login);

  app.post('/lti/launch', { config: launchLimit, schema: { tags: ['lti'], summary: 'LTI 1.3 launch (id_token and state, form post)' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      // A state too long to be ours names no cookie (and is refused as it is opened).
      const state = typeof body.state === 'string' && body.state.length <= LOGIN_STATE_CHARS_MAX ? body.state : '';
      const stateCookie = state === '' ? undefined : stateCookieOf(state, isSecure);
      // One state, one try: its cookie goes whatever the launch's outcome.
      if (stateCookie !== undefined) reply.clearCookie(stateCookie.name, { ...stateCookieOptions, path: stateCookie.path });
      const outcome = await completeLaunch(app.db, {
        idToken: body.id_token,
        state: body.state,
        stateCookie: stateCookie === undefined ? undefined : request.cookies[stateCookie.name],
        publicUrl: app.config.publicUrl,
        jwks: app.platformKeys,
        stateKeyring,
      });
      if (outcome.kind === 'open-in-new-window') return sendOpenInNewWindow(request, reply, outcome.loginParameters);
      if (outcome.kind === 'confirm-from-storage') return sendConfirmFromStorage(request, reply, outcome);
      request.log.info({ face: outcome.session.face, messageType: outcome.session.messageType }, 'launch accepted');
      return sendHandoff(request, reply, outcome.handoffCode, outcome.session.locale);
    } catch (error) {
      return refuse(request, reply, error);
    }
  });

  app.post('/lti/launch/confirm', { config: launchLimit, schema: { tags: ['lti'], summary: 'Second step of a launch that keeps its browser binding in platform storage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const opened = typeof body.state === 'string' ? await stateKeyring.open(body.state) : undefined;
    const isBound = opened !== undefined && typeof body.binding === 'string' && isBrowserBindingOf(opened.keys, opened.state, body.binding);
    const isConfirmed = isBound && typeof body.handoff === 'string' && (await confirmHandoff(app.db, body.handoff, hashValue(body.state as string)));
    if (!isConfirmed) return refuse(request, reply, new LtiError('state_invalid', 'platform storage did not return the browser binding of the state'));
    return sendHandoff(request, reply, body.handoff as string, typeof body.locale === 'string' ? body.locale : undefined);
  });

  app.get('/lti/register', { schema: { tags: ['lti'], summary: 'LTI Dynamic Registration initiation' } }, async (request, reply) => {
    try {
      return await registerPlatformDynamically(app, request, reply);
    } catch (error) {
      return refuse(request, reply, error);
    }
  });
}

/** Browser-facing LTI endpoints answer refusals with a readable page, never JSON. */
function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (isLtiError(error)) {
    request.log.warn({ code: error.code, detail: error.detail }, 'LTI request refused');
    return sendLaunchRefusal(request, reply, { code: error.code, message: error.message, status: error.status });
  }
  if (error instanceof AppError && error.statusCode < 500) {
    request.log.warn({ code: error.code }, error.message);
    return sendLaunchRefusal(request, reply, { code: error.code, message: error.message, status: error.statusCode });
  }
  throw error;
}
