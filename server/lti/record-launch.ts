import { sql } from 'drizzle-orm';

import type { LtiFace, LtiLaunch } from '../../lti/index.ts';
import type { Database } from '../db/index.ts';
import { contexts, enrolments, resourceLinks, users } from '../db/schema.ts';

export interface RecordedLaunch {
  userId: string;
  contextId: string | undefined;
  resourceLinkId: string | undefined;
  courseId: string | undefined;
  moduleId: string | undefined;
}

/** Custom parameters by which a deep-linked resource link names what it opens. */
export const CUSTOM_COURSE_PARAMETER = 'course';
export const CUSTOM_MODULE_PARAMETER = 'module';

/**
 * Upserts what a launch tells about the user, the context, the resource link and the
 * membership, in one transaction. The user gets a stable pseudonymous UUID per platform user:
 * it is what xAPI statements carry; the LMS identity stays in this table.
 */
export async function recordLaunch(db: Database, platformId: string, launch: LtiLaunch, face: LtiFace): Promise<RecordedLaunch> {
  const subject = launch.subject ?? 'anonymous';
  return db.transaction(async (transaction) => {
    const now = new Date();
    const [user] = await transaction
      .insert(users)
      .values({ platformId, subject, name: launch.person.name ?? null, email: launch.person.email ?? null, locale: launch.locale ?? null, lastSeenAt: now })
      .onConflictDoUpdate({
        target: [users.platformId, users.subject],
        set: {
          name: sql`coalesce(excluded.name, ${users.name})`,
          email: sql`coalesce(excluded.email, ${users.email})`,
          locale: sql`coalesce(excluded.locale, ${users.locale})`,
          lastSeenAt: now,
        },
      })
      .returning({ id: users.id });
    if (user === undefined) throw new Error('user upsert returned nothing');
    if (launch.context === undefined) {
      return { userId: user.id, contextId: undefined, resourceLinkId: undefined, courseId: undefined, moduleId: undefined };
    }
    const [context] = await transaction
      .insert(contexts)
      .values({
        platformId,
        deploymentId: launch.deploymentId,
        contextId: launch.context.id,
        title: launch.context.title ?? null,
        label: launch.context.label ?? null,
        membershipsUrl: launch.nrps?.contextMembershipsUrl ?? null,
        lineItemsUrl: launch.ags?.lineItemsUrl ?? null,
      })
      .onConflictDoUpdate({
        target: [contexts.platformId, contexts.contextId],
        set: {
          title: sql`coalesce(excluded.title, ${contexts.title})`,
          label: sql`coalesce(excluded.label, ${contexts.label})`,
          membershipsUrl: sql`coalesce(excluded.memberships_url, ${contexts.membershipsUrl})`,
          lineItemsUrl: sql`coalesce(excluded.line_items_url, ${contexts.lineItemsUrl})`,
          updatedAt: now,
        },
      })
      .returning({ id: contexts.id });
    if (context === undefined) throw new Error('context upsert returned nothing');
    await transaction
      .insert(enrolments)
      .values({ contextId: context.id, userId: user.id, roles: launch.roles, face, status: 'active', source: 'launch', lastLaunchAt: now })
      .onConflictDoUpdate({
        target: [enrolments.contextId, enrolments.userId],
        set: { roles: launch.roles, face, status: 'active', lastLaunchAt: now, updatedAt: now },
      });
    const link = launch.resourceLink === undefined ? undefined : await upsertResourceLink(transaction, context.id, launch, now);
    return { userId: user.id, contextId: context.id, resourceLinkId: link?.id, courseId: link?.courseId ?? undefined, moduleId: link?.moduleId ?? undefined };
  });
}

async function upsertResourceLink(db: Database, contextId: string, launch: LtiLaunch, now: Date) {
  const link = launch.resourceLink;
  if (link === undefined) return undefined;
  // A deep-linked link names its course and module in custom parameters; a link added by hand
  // names nothing and is bound later by the first trainer who opens it.
  const courseId = launch.custom[CUSTOM_COURSE_PARAMETER] ?? null;
  const moduleId = courseId === null ? null : (launch.custom[CUSTOM_MODULE_PARAMETER] ?? null);
  const [row] = await db
    .insert(resourceLinks)
    .values({ contextId, resourceLinkId: link.id, title: link.title ?? null, courseId, moduleId, lineItemUrl: launch.ags?.lineItemUrl ?? null })
    .onConflictDoUpdate({
      target: [resourceLinks.contextId, resourceLinks.resourceLinkId],
      set: {
        title: sql`coalesce(excluded.title, ${resourceLinks.title})`,
        courseId: sql`coalesce(excluded.course_id, ${resourceLinks.courseId})`,
        moduleId: sql`case when excluded.course_id is null then ${resourceLinks.moduleId} else excluded.module_id end`,
        lineItemUrl: sql`coalesce(excluded.line_item_url, ${resourceLinks.lineItemUrl})`,
        updatedAt: now,
      },
    })
    .returning({ id: resourceLinks.id, courseId: resourceLinks.courseId, moduleId: resourceLinks.moduleId });
  return row;
}
