import fs from 'node:fs';
import path from 'node:path';

import { and, eq, gt, isNull } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { setupTokens } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { createAccount, hasAdministrator, type Account } from './accounts.ts';
import { generateToken, hashToken } from './tokens.ts';

/** A setup link works for a day; a restart prints a fresh one while no administrator exists. */
export const SETUP_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const SETUP_LINK_FILE_NAME = 'admin-setup-link.txt';

/**
 * When no administrator exists, issues a one-time link to create the first one and writes it to
 * DATA_DIR (readable by the owner only). Returns the link, or undefined when an admin exists.
 * The token rides in the URL fragment so it never reaches a server or proxy log.
 */
export async function issueSetupLink(db: Database, publicUrl: string, dataDir: string): Promise<string | undefined> {
  const linkFile = path.join(dataDir, SETUP_LINK_FILE_NAME);
  if (await hasAdministrator(db)) {
    fs.rmSync(linkFile, { force: true });
    return undefined;
  }
  const token = generateToken();
  await db.insert(setupTokens).values({
    tokenHash: hashToken(token),
    purpose: 'first_admin',
    expiresAt: new Date(Date.now() + SETUP_LINK_LIFETIME_MS),
  });
  const link = `${publicUrl}/admin/setup#token=${token}`;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(linkFile, `${link}\n`, { mode: 0o600 });
  return link;
}

/** Consumes a setup token and creates the first administrator, in one transaction. */
export async function createFirstAdministrator(
  db: Database,
  input: { token: string; name: string; email: string; password: string },
): Promise<Account> {
  return db.transaction(async (transaction) => {
    const used = await transaction
      .update(setupTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(setupTokens.tokenHash, hashToken(input.token)),
          eq(setupTokens.purpose, 'first_admin'),
          isNull(setupTokens.usedAt),
          gt(setupTokens.expiresAt, new Date()),
        ),
      )
      .returning({ tokenHash: setupTokens.tokenHash });
    if (used.length === 0) {
      throw new AppError('forbidden', 'This setup link is not valid any more. Restart the tool to get a new one.');
    }
    if (await hasAdministrator(transaction)) {
      throw new AppError('conflict', 'An administrator already exists. Sign in at /admin.');
    }
    return createAccount(transaction, { ...input, role: 'admin' });
  });
}

export async function isSetupNeeded(db: Database): Promise<boolean> {
  return !(await hasAdministrator(db));
}
