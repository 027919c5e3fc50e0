import { and, eq, gt, lt } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { launchHandoffs } from '../db/schema.ts';
import { generateToken, hashToken } from '../admin/tokens.ts';
import { withRegistration, type LaunchSession } from './launch-session.ts';

/** From the launch page to the web app exchanging the code: one redirect and one request. */
export const HANDOFF_LIFETIME_MS = 2 * 60 * 1000;

/** A new hand-off: the code for the page, the row (code hash only) for the database. */
export interface NewHandoff {
  code: string;
  codeHash: string;
  status: 'ready' | 'awaiting_state';
  /** With 'awaiting_state': the hash of the state the browser must bring back from platform storage. */
  stateHash: string | null;
}

export function prepareHandoff(awaitingStateHash?: string): NewHandoff {
  const code = generateToken();
  return {
    code,
    codeHash: hashToken(code),
    status: awaitingStateHash === undefined ? 'ready' : 'awaiting_state',
    stateHash: awaitingStateHash ?? null,
  };
}

/** Stores a hand-off on its own (a launch stores its own in the statement that records it). */
export async function createHandoff(
  db: Database,
  session: LaunchSession,
  awaitingStateHash?: string,
): Promise<string> {
  const { code, codeHash, status, stateHash } = prepareHandoff(awaitingStateHash);
  await db.insert(launchHandoffs).values({ codeHash, status, stateHash, session, expiresAt: new Date(Date.now() + HANDOFF_LIFETIME_MS) });
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
  const session = rows[0]?.session as LaunchSession | undefined;
  // A launch stores its session without the registration, which is derived from its ids.
  return session === undefined ? undefined : withRegistration(session);
}

export async function purgeExpiredHandoffs(db: Database, now = new Date()): Promise<void> {
  await db.delete(launchHandoffs).where(lt(launchHandoffs.expiresAt, now));
}
