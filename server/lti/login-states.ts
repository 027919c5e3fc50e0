import { createHash } from 'node:crypto';

import { eq, lt } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { ltiLoginStates, ltiUsedNonces } from '../db/schema.ts';

/** Time from the login redirect to the launch POST; a person may have to sign in at the LMS. */
export const LOGIN_STATE_LIFETIME_MS = 10 * 60 * 1000;

export type LoginStateRecord = typeof ltiLoginStates.$inferSelect;

export function hashValue(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export async function saveLoginState(
  db: Database,
  input: Omit<LoginStateRecord, 'stateHash' | 'createdAt' | 'expiresAt'> & { state: string },
): Promise<void> {
  const { state, ...rest } = input;
  await db.insert(ltiLoginStates).values({ ...rest, stateHash: hashValue(state), expiresAt: new Date(Date.now() + LOGIN_STATE_LIFETIME_MS) });
}

/** Reads and deletes the state in one statement: a state is good for exactly one launch. */
export async function consumeLoginState(db: Database, state: string): Promise<LoginStateRecord | undefined> {
  const rows = await db.delete(ltiLoginStates).where(eq(ltiLoginStates.stateHash, hashValue(state))).returning();
  const row = rows[0];
  if (row === undefined || row.expiresAt.getTime() < Date.now()) return undefined;
  return row;
}

/**
 * Records the nonce of an accepted id_token; false when it was seen before (a replay). Kept
 * until the token expires, after which the token itself would be refused.
 */
export async function consumeNonce(db: Database, platformId: string, nonce: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db
    .insert(ltiUsedNonces)
    .values({ platformId, nonce, expiresAt })
    .onConflictDoNothing()
    .returning({ nonce: ltiUsedNonces.nonce });
  return inserted.length === 1;
}

/** Removes login states and nonces that can no longer be used. */
export async function purgeExpiredLoginRecords(db: Database, now = new Date()): Promise<void> {
  await db.delete(ltiLoginStates).where(lt(ltiLoginStates.expiresAt, now));
  await db.delete(ltiUsedNonces).where(lt(ltiUsedNonces.expiresAt, now));
}
