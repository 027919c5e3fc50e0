import { asc, eq, isNull, and } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { accounts } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { checkPasswordStrength, dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';

export type AccountRole = 'admin' | 'staff';

export interface Account {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  createdAt: string;
}

export const ACCOUNT_NAME_LENGTH_MAX = 200;
export const EMAIL_LENGTH_MAX = 254;

const accountColumns = {
  id: accounts.id,
  email: accounts.email,
  name: accounts.name,
  role: accounts.role,
  createdAt: accounts.createdAt,
};

function toAccount(row: { id: string; email: string; name: string; role: string; createdAt: Date }): Account {
  return { ...row, role: row.role === 'admin' ? 'admin' : 'staff', createdAt: row.createdAt.toISOString() };
}

export function normaliseEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (value.length > EMAIL_LENGTH_MAX || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw new AppError('bad_request', 'Enter a valid email address, like name@example.org.');
  }
  return value;
}

export async function createAccount(
  db: Database,
  input: { email: string; name: string; role: AccountRole; password: string },
): Promise<Account> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  if (name === '' || name.length > ACCOUNT_NAME_LENGTH_MAX) {
    throw new AppError('bad_request', `Enter a name of 1 to ${ACCOUNT_NAME_LENGTH_MAX} characters.`);
  }
  checkPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  const rows = await db
    .insert(accounts)
    .values({ email, name, role: input.role, passwordHash })
    .onConflictDoNothing()
    .returning(accountColumns);
  const row = rows[0];
  if (row === undefined) throw new AppError('conflict', `An account for ${email} already exists.`);
  return toAccount(row);
}

export async function listAccounts(db: Database): Promise<Account[]> {
  const rows = await db.select(accountColumns).from(accounts).where(isNull(accounts.disabledAt)).orderBy(asc(accounts.createdAt));
  return rows.map(toAccount);
}

export async function hasAdministrator(db: Database): Promise<boolean> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.role, 'admin'), isNull(accounts.disabledAt)))
    .limit(1);
  return rows.length > 0;
}

/** Checks a sign-in. Unknown emails cost as much as wrong passwords (no account enumeration). */
export async function authenticateAccount(db: Database, input: { email: string; password: string }): Promise<Account> {
  const email = input.email.trim().toLowerCase();
  const rows = await db
    .select({ ...accountColumns, passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(and(eq(accounts.email, email), isNull(accounts.disabledAt)))
    .limit(1);
  const row = rows[0];
  const isValid = await verifyPassword(input.password, row?.passwordHash ?? (await dummyPasswordHash()));
  if (row === undefined || !isValid) throw new AppError('unauthenticated', 'The email address or the password is not right.');
  return toAccount(row);
}
