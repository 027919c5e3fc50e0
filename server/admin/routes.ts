import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';

import { AppError } from '../errors.ts';
import { createAccount, listAccounts, type Account } from './accounts.ts';
import { authenticateAccount } from './accounts.ts';
import { PASSWORD_LENGTH_MAX } from './password.ts';
import { ADMIN_COOKIE_PATH, ADMIN_SESSION_COOKIE, requireCsrf, requireRole, requireSession } from './guards.ts';
import { ADMIN_SESSION_LIFETIME_MS, endAdminSession, startAdminSession } from './sessions.ts';
import { createFirstAdministrator, isSetupNeeded } from './setup-link.ts';

/** Sign-in and setup attempts per client address per minute: slows password guessing. */
const SIGN_IN_ATTEMPTS_PER_MINUTE_MAX = 10;

const AccountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('staff')]),
  createdAt: Type.String(),
});
const SessionSchema = Type.Object({ account: AccountSchema, csrfToken: Type.String() });
const Email = Type.String({ minLength: 3, maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_LENGTH_MAX });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const SignInBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
const SetupBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), name: Name, email: Email, password: Password }, { additionalProperties: false });
const CreateAccountBody = Type.Object(
  { email: Email, name: Name, role: Type.Union([Type.Literal('admin'), Type.Literal('staff')]), password: Password },
  { additionalProperties: false },
);

/**
 * The admin API. Its session is a first-party cookie (HttpOnly, SameSite=Strict, path
 * /api/admin): the admin face is never framed by an LMS, so the third-party cookie problem
 * of the LTI faces does not arise. Every state-changing request must carry the session's CSRF
 * token in `x-csrf-token` and, when the browser sends one, our own Origin.
 */
export default async function adminRoutes(app: FastifyInstance): Promise<void> {
  const isSecure = app.config.publicUrl.startsWith('https:');
  const signInLimit = { rateLimit: { max: SIGN_IN_ATTEMPTS_PER_MINUTE_MAX, timeWindow: '1 minute' } };

  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(ADMIN_SESSION_COOKIE, token, {
      httpOnly: true,
      secure: isSecure,
      sameSite: 'strict',
      path: ADMIN_COOKIE_PATH,
      maxAge: ADMIN_SESSION_LIFETIME_MS / 1000,
    });

  const signIn = async (reply: FastifyReply, account: Account) => {
    const { token, session } = await startAdminSession(app.db, account);
    setSessionCookie(reply, token);
    return session;
  };

  app.get('/api/admin/setup', { schema: { tags: ['admin'], summary: 'Whether the first administrator is still to be created', response: { 200: Type.Object({ isSetupNeeded: Type.Boolean() }) } } }, async () => ({
    isSetupNeeded: await isSetupNeeded(app.db),
  }));

  app.post<{ Body: Static<typeof SetupBody> }>(
    '/api/admin/setup',
    { config: signInLimit, schema: { tags: ['admin'], summary: 'Create the first administrator with the one-time setup link', body: SetupBody, response: { 201: SessionSchema } } },
    async (request, reply) => {
      const account = await createFirstAdministrator(app.db, request.body);
      request.log.info({ accountId: account.id }, 'first administrator created');
      return reply.status(201).send(await signIn(reply, account));
    },
  );

  app.post<{ Body: Static<typeof SignInBody> }>(
    '/api/admin/session',
    { config: signInLimit, schema: { tags: ['admin'], summary: 'Sign in', body: SignInBody, response: { 200: SessionSchema } } },
    async (request, reply) => signIn(reply, await authenticateAccount(app.db, request.body)),
  );

  app.get('/api/admin/session', { schema: { tags: ['admin'], summary: 'The signed-in account and its CSRF token', response: { 200: SessionSchema } } }, async (request) =>
    requireSession(request),
  );

  app.delete('/api/admin/session', { schema: { tags: ['admin'], summary: 'Sign out' } }, async (request, reply) => {
    requireCsrf(request, requireSession(request));
    const token = request.cookies[ADMIN_SESSION_COOKIE];
    if (token !== undefined) await endAdminSession(app.db, token);
    reply.clearCookie(ADMIN_SESSION_COOKIE, { path: ADMIN_COOKIE_PATH });
    return reply.status(204).send();
  });

  app.get('/api/admin/accounts', { schema: { tags: ['admin'], summary: 'List accounts (administrators only)', response: { 200: Type.Object({ accounts: Type.Array(AccountSchema) }) } } }, async (request) => {
    requireRole(requireSession(request), 'admin');
    return { accounts: await listAccounts(app.db) };
  });

  app.post<{ Body: Static<typeof CreateAccountBody> }>(
    '/api/admin/accounts',
    { schema: { tags: ['admin'], summary: 'Add an administrator or a NALAS staff account', body: CreateAccountBody, response: { 201: Type.Object({ account: AccountSchema }) } } },
    async (request, reply) => {
      const session = requireSession(request);
      requireCsrf(request, session);
      requireRole(session, 'admin');
      const account = await createAccount(app.db, request.body);
      request.log.info({ accountId: account.id, role: account.role, by: session.account.id }, 'account created');
      return reply.status(201).send({ account });
    },
  );
}
