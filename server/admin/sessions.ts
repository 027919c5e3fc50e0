import { and, eq, gt, lt } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { accounts, accountSessions } from '../db/schema.ts';
import type { Account } from './accounts.ts';
import { generateToken, hashToken } from './tokens.ts';

/** An admin session lasts a working day; signing in again is cheap, a stolen cookie is not. */
export const ADMIN_SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

export interface AdminSession {
  account: Account;
  csrfToken: string;
}

/** Returns the cookie value (shown once, stored only as a hash) and the session. */
export async function startAdminSession(db: Database, account: Account): Promise<{ token: string; session: AdminSession }> {
  const token = generateToken();
  const csrfToken = generateToken();
  // Expired sessions of this account go with each new sign-in: the table stays small.
  await db.delete(accountSessions).where(and(eq(accountSessions.accountId, account.id), lt(accountSessions.expiresAt, new Date())));
  await db.insert(accountSessions).values({
    tokenHash: hashToken(token),
    accountId: account.id,
    csrfToken,
    expiresAt: new Date(Date.now() + ADMIN_SESSION_LIFETIME_MS),
  });
  return { token, session: { account, csrfToken } };
}

export async function readAdminSession(db: Database, token: string): Promise<AdminSession | undefined> {
  const rows = await db
    .select({
      csrfToken: accountSessions.csrfToken,
      id: accounts.id,
      email: accounts.email,
      name: accounts.name,
      role: accounts.role,
      createdAt: accounts.createdAt,
      disabledAt: accounts.disabledAt,
    })
    .from(accountSessions)
    .innerJoin(accounts, eq(accounts.id, accountSessions.accountId))
    .where(and(eq(accountSessions.tokenHash, hashToken(token)), gt(accountSessions.expiresAt, new Date())))
    .limit(1);
  const row = rows[0];
  if (row === undefined || row.disabledAt !== null) return undefined;
  return {
    csrfToken: row.csrfToken,
    account: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role === 'admin' ? 'admin' : 'staff',
      createdAt: row.createdAt.toISOString(),
    },
  };
}

export async function endAdminSession(db: Database, token: string): Promise<void> {
  await db.delete(accountSessions).where(eq(accountSessions.tokenHash, hashToken(token)));
}
