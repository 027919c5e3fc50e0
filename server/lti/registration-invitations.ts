import { and, eq, gt, isNull } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { registrationInvitations } from '../db/schema.ts';
import { generateToken, hashToken } from '../admin/tokens.ts';

/** An invitation is sent to an LMS administrator and used within days, not months. */
export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

export type Invitation = typeof registrationInvitations.$inferSelect;

export async function createRegistrationInvitation(
  db: Database,
  input: { organisationId: string | null; isNalas: boolean; note: string | null; createdBy: string | null },
): Promise<{ code: string; expiresAt: Date }> {
  const code = generateToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  await db.insert(registrationInvitations).values({ ...input, codeHash: hashToken(code), expiresAt });
  return { code, expiresAt };
}

/** A usable invitation: known, unexpired and unused. */
export async function findUsableInvitation(db: Database, code: string): Promise<Invitation | undefined> {
  const rows = await db
    .select()
    .from(registrationInvitations)
    .where(and(eq(registrationInvitations.codeHash, hashToken(code)), isNull(registrationInvitations.usedAt), gt(registrationInvitations.expiresAt, new Date())))
    .limit(1);
  return rows[0];
}

/** Marks the invitation used by this platform; false when another registration used it first. */
export async function markInvitationUsed(db: Database, code: string, platformId: string): Promise<boolean> {
  const rows = await db
    .update(registrationInvitations)
    .set({ usedAt: new Date(), platformId })
    .where(and(eq(registrationInvitations.codeHash, hashToken(code)), isNull(registrationInvitations.usedAt)))
    .returning({ codeHash: registrationInvitations.codeHash });
  return rows.length === 1;
}
