import { eq } from 'drizzle-orm';

import {
  AGS_SCOPE_LINE_ITEM,
  AGS_SCOPE_SCORE,
  buildScore,
  createLineItem,
  listLineItems,
  postScore,
  type ActivityProgress,
  type GradingProgress,
} from '../../../lti/index.ts';
import type { Database } from '../../db/index.ts';
import { contexts, resourceLinks, users } from '../../db/schema.ts';
import { enqueueOutbox, type OutboxItem } from '../../outbox/outbox.ts';
import { findPlatformById } from '../platform-records.ts';
import type { PlatformAccess } from './platform-access.ts';

export const GRADE_TOPIC = 'lti.ags.score';

export interface GradePayload {
  resourceLinkId: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  comment: string | undefined;
  timestamp: string;
}

/**
 * Queues a grade for the LMS gradebook in the caller's transaction. One outbox item per learner
 * and resource link: a newer grade replaces one not yet sent, so the LMS gets the latest.
 */
export async function enqueueGrade(db: Database, grade: GradePayload): Promise<void> {
  await enqueueOutbox(db, { topic: GRADE_TOPIC, key: `${grade.resourceLinkId}:${grade.userId}`, payload: grade });
}

/** Outbox handler: finds or creates the line item, then posts the score (AGS 2.0 §3.4). */
export async function postGrade(db: Database, access: PlatformAccess, item: OutboxItem): Promise<void> {
  const grade = item.payload as GradePayload;
  const [row] = await db
    .select({
      subject: users.subject,
      platformId: users.platformId,
      lineItemUrl: resourceLinks.lineItemUrl,
      linkId: resourceLinks.resourceLinkId,
      title: resourceLinks.title,
      courseId: resourceLinks.courseId,
      moduleId: resourceLinks.moduleId,
      lineItemsUrl: contexts.lineItemsUrl,
    })
    .from(resourceLinks)
    .innerJoin(contexts, eq(contexts.id, resourceLinks.contextId))
    .innerJoin(users, eq(users.id, grade.userId))
    .where(eq(resourceLinks.id, grade.resourceLinkId))
    .limit(1);
  if (row === undefined) throw new Error('resource link or user no longer exists');
  const platform = await findPlatformById(db, row.platformId);
  if (platform === undefined || platform.status !== 'active') throw new Error('platform not active');
  const lineItemUrl = row.lineItemUrl ?? (await findOrCreateLineItem(db, access, platform, { ...row, resourceLinkId: grade.resourceLinkId, scoreMaximum: grade.scoreMaximum }));
  const accessToken = await access.accessToken(platform, [AGS_SCOPE_SCORE]);
  const score = buildScore({ ...grade, userId: row.subject, at: new Date(grade.timestamp) });
  await postScore({ lineItemUrl, score, accessToken, fetch: access.fetch });
}

async function findOrCreateLineItem(
  db: Database,
  access: PlatformAccess,
  platform: NonNullable<Awaited<ReturnType<typeof findPlatformById>>>,
  link: { lineItemsUrl: string | null; linkId: string; title: string | null; courseId: string | null; moduleId: string | null; resourceLinkId: string; scoreMaximum: number },
): Promise<string> {
  if (link.lineItemsUrl === null) throw new Error('the platform offers no line items service for this context');
  const accessToken = await access.accessToken(platform, [AGS_SCOPE_LINE_ITEM]);
  const resourceId = [link.courseId, link.moduleId].filter((part) => part !== null).join('/') || undefined;
  const existing = await listLineItems({ lineItemsUrl: link.lineItemsUrl, accessToken, fetch: access.fetch, filter: { resourceLinkId: link.linkId } });
  const lineItem =
    existing[0] ??
    (await createLineItem({
      lineItemsUrl: link.lineItemsUrl,
      accessToken,
      fetch: access.fetch,
      lineItem: { scoreMaximum: link.scoreMaximum, label: link.title ?? 'e-Academy course', resourceLinkId: link.linkId, ...(resourceId === undefined ? {} : { resourceId }) },
    }));
  if (lineItem.id === undefined) throw new Error('the platform returned a line item without an id');
  await db.update(resourceLinks).set({ lineItemUrl: lineItem.id, updatedAt: new Date() }).where(eq(resourceLinks.id, link.resourceLinkId));
  return lineItem.id;
}
