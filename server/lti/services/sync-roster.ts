import { and, eq, notInArray, sql } from 'drizzle-orm';

import { mapRolesToFace, NRPS_SCOPE_CONTEXT_MEMBERSHIP_READONLY, readContextMembers } from '../../../lti/index.ts';
import type { Database } from '../../db/index.ts';
import { contexts, enrolments, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { enqueueOutbox } from '../../outbox/outbox.ts';
import { findPlatformById } from '../platform-records.ts';
import type { PlatformAccess } from './platform-access.ts';

export const ROSTER_TOPIC = 'lti.nrps.roster';

export interface RosterSyncResult {
  members: number;
  isTruncated: boolean;
  syncedAt: string;
}

/** Queues a roster read for a context (on trainer launch), once per context at a time. */
export async function enqueueRosterSync(db: Database, contextId: string): Promise<void> {
  await enqueueOutbox(db, { topic: ROSTER_TOPIC, key: contextId, payload: { contextId } });
}

/**
 * Reads the context's roster with NRPS 2.0 and upserts every member (users and enrolments with
 * source 'roster'), so the trainer's cohort shows people who never launched. Members missing
 * from a complete roster are marked inactive; a truncated read deactivates no one.
 */
export async function syncRoster(db: Database, access: PlatformAccess, contextId: string): Promise<RosterSyncResult> {
  const [context] = await db.select().from(contexts).where(eq(contexts.id, contextId)).limit(1);
  if (context === undefined) throw new AppError('not_found', 'No such course context.');
  if (context.membershipsUrl === null) throw new AppError('conflict', 'The platform offers no roster service for this course.');
  const platform = await findPlatformById(db, context.platformId);
  if (platform === undefined || platform.status !== 'active') throw new AppError('conflict', 'The platform of this course is not active.');
  const accessToken = await access.accessToken(platform, [NRPS_SCOPE_CONTEXT_MEMBERSHIP_READONLY]);
  const roster = await readContextMembers({ contextMembershipsUrl: context.membershipsUrl, accessToken, fetch: access.fetch });
  const syncedAt = new Date();
  await db.transaction(async (transaction) => {
    const seenUserIds: string[] = [];
    for (const member of roster.members) {
      const [user] = await transaction
        .insert(users)
        .values({ platformId: platform.id, subject: member.userId, name: member.name ?? null, email: member.email ?? null })
        .onConflictDoUpdate({
          target: [users.platformId, users.subject],
          set: { name: sql`coalesce(excluded.name, ${users.name})`, email: sql`coalesce(excluded.email, ${users.email})` },
        })
        .returning({ id: users.id });
      if (user === undefined) continue;
      seenUserIds.push(user.id);
      const face = mapRolesToFace(member.roles, { isNalasPlatform: platform.isNalas });
      const status = member.status === 'Active' ? 'active' : 'inactive';
      await transaction
        .insert(enrolments)
        .values({ contextId, userId: user.id, roles: member.roles, face, status, source: 'roster' })
        .onConflictDoUpdate({ target: [enrolments.contextId, enrolments.userId], set: { roles: member.roles, face, status, updatedAt: syncedAt } });
    }
    if (!roster.isTruncated && seenUserIds.length > 0) {
      await transaction
        .update(enrolments)
        .set({ status: 'inactive', updatedAt: syncedAt })
        .where(and(eq(enrolments.contextId, contextId), notInArray(enrolments.userId, seenUserIds)));
    }
    await transaction.update(contexts).set({ rosterSyncedAt: syncedAt, updatedAt: syncedAt }).where(eq(contexts.id, contextId));
  });
  return { members: roster.members.length, isTruncated: roster.isTruncated, syncedAt: syncedAt.toISOString() };
}
