import { and, eq, gt, lt } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { launchHandoffs } from '../db/schema.ts';
import { generateToken, hashToken } from '../admin/tokens.ts';
import type { LaunchSession } from './launch-session.ts';

/** From the launch page to the web app exchanging the code: one redirect and one request. */
export const HANDOFF_LIFETIME_MS = 2 * 60 * 1000;

export async function createHandoff(
  db: Database,
  session: LaunchSession,
  awaitingStateHash?: string,
): Promise<string> {
  const code = generateToken();
  await db.insert(launchHandoffs).values({
    codeHash: hashToken(code),
    status: awaitingStateHash === undefined ? 'ready' : 'awaiting_state',
    stateHash: awaitingStateHash ?? null,
    session,
    expiresAt: new Date(Date.now() + HANDOFF_LIFETIME_MS),
  });
  return code;
}

/** The browser proved it holds the login state (from platform storage): release the hand-off. */
export async function confirmHandoff(db: Database, code: string, stateHash: string): Promise<boolean> {
  const rows = await db
    .update(launchHandoffs)
    .set({ status: 'ready' })
    .where(
      and(
        eq(launchHandoffs.codeHash, hashToken(code)),
        eq(launchHandoffs.status, 'awaiting_state'),
        eq(launchHandoffs.stateHash, stateHash),
        gt(launchHandoffs.expiresAt, new Date()),
      ),
    )
    .returning({ codeHash: launchHandoffs.codeHash });
  return rows.length === 1;
}

/** Exchanges a ready code for its session, once. */
export async function redeemHandoff(db: Database, code: string): Promise<LaunchSession | undefined> {
  const rows = await db
    .update(launchHandoffs)
    .set({ status: 'used' })
    .where(and(eq(launchHandoffs.codeHash, hashToken(code)), eq(launchHandoffs.status, 'ready'), gt(launchHandoffs.expiresAt, new Date())))
    .returning({ session: launchHandoffs.session });
  return rows[0]?.session as LaunchSession | undefined;
}

export async function purgeExpiredHandoffs(db: Database, now = new Date()): Promise<void> {
  await db.delete(launchHandoffs).where(lt(launchHandoffs.expiresAt, now));
}
