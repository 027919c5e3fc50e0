import { and, eq } from 'drizzle-orm';

import type { Course } from '../../courses/compiler/types.ts';
import type { Database } from '../db/index.ts';
import { moduleProgress } from '../db/schema.ts';

/**
 * Whether a learner has finished a course by its rules (course.yaml `completion`): every module
 * done, where a module with a quiz is done when the quiz was passed (rule `all-quizzes`) and a
 * module without one when it was completed. Progress counts across registrations, so a course
 * taken module by module through several LMS activities still completes.
 */
export async function isCourseCompleted(db: Database, learnerId: string, course: Course): Promise<boolean> {
  const rows = await db
    .select({ moduleId: moduleProgress.moduleId, completedAt: moduleProgress.completedAt, passedAt: moduleProgress.passedAt })
    .from(moduleProgress)
    .where(and(eq(moduleProgress.learnerId, learnerId), eq(moduleProgress.courseId, course.id)));
  const isPassRequired = course.completion.passed === 'all-quizzes';
  return course.modules.every((module) =>
    rows.some((row) => row.moduleId === module.id && (module.quiz !== undefined && isPassRequired ? row.passedAt !== null : row.completedAt !== null || row.passedAt !== null)),
  );
}
