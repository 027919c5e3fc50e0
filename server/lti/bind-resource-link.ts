import { and, eq, isNull } from 'drizzle-orm';

import { readSourceCourse, titleOf } from '../courses/read-catalogue.ts';
import type { Database } from '../db/index.ts';
import { resourceLinks } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/**
 * A resource link added by hand in the LMS names no course; the first trainer who opens it binds
 * it to a course or module. Binding happens once: later launches keep what was chosen (a trainer
 * who wants another course adds another activity, so learners' records never change meaning).
 */
export async function bindResourceLink(
  db: Database,
  input: { resourceLinkId: string; courseId: string; moduleId: string | undefined; contentDirectory: string },
): Promise<{ courseId: string; moduleId: string | undefined; title: string }> {
  const course = await readSourceCourse(input.courseId, input.contentDirectory);
  const title = titleOf(course, input.moduleId);
  const rows = await db
    .update(resourceLinks)
    .set({ courseId: course.id, moduleId: input.moduleId ?? null, updatedAt: new Date() })
    .where(and(eq(resourceLinks.id, input.resourceLinkId), isNull(resourceLinks.courseId)))
    .returning({ id: resourceLinks.id });
  if (rows.length === 0) throw new AppError('conflict', 'This activity is already bound to a course.');
  return { courseId: course.id, moduleId: input.moduleId, title };
}
