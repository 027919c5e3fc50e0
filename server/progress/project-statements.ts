import { sql } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { firstAnswers, moduleProgress } from '../db/schema.ts';
import { parseActivityPlace, type ActivityPlace } from './parse-activity.ts';
import { PROGRESS_EXTENSION, VERB } from './verbs.ts';

/** The parts of a stored statement the projections read. */
export interface ProjectableStatement {
  id: string;
  actor: { account?: { homePage?: string; name?: string } };
  verb: { id: string };
  object: { id?: string; objectType?: string };
  result?: { success?: boolean; completion?: boolean; response?: string; score?: { scaled?: number }; extensions?: Record<string, unknown> };
  context?: { registration?: string; contextActivities?: { parent?: Array<{ id: string }>; grouping?: Array<{ id: string }> } };
  timestamp: string;
}

/** A module whose completion or pass changed: what grade passback needs. */
export interface ModuleOutcome {
  learnerId: string;
  registration: string;
  courseId: string;
  moduleId: string;
  kind: 'completed' | 'passed' | 'failed';
  scaledScore: number | undefined;
}

/**
 * Updates the per-learner projections from statements as they are stored, in the same
 * transaction: module progress (started, last activity, furthest lesson, progress, completed,
 * passed, attempts, best score) and first answers per question. Only our own learners (account
 * on the tool's public URL) with a registration are projected.
 */
export async function projectStatements(
  db: Database,
  statements: readonly ProjectableStatement[],
  options: { publicUrl: string; organisationId: string | null },
): Promise<ModuleOutcome[]> {
  const outcomes: ModuleOutcome[] = [];
  for (const statement of statements) {
    const learnerId = learnerOf(statement, options.publicUrl);
    const registration = statement.context?.registration;
    const place = placeOf(statement, options.publicUrl);
    if (learnerId === undefined || registration === undefined || statement.verb.id === VERB.voided || place === undefined) continue;
    const at = new Date(statement.timestamp);
    const key = { learnerId, registration, courseId: place.courseId };
    await touchProgress(db, { ...key, moduleId: '' }, at, options.organisationId);
    if (place.moduleId === undefined) continue;
    const moduleKey = { ...key, moduleId: place.moduleId };
    await touchProgress(db, moduleKey, at, options.organisationId, place.lessonId);
    const outcome = await applyVerb(db, statement, moduleKey, place, at);
    if (outcome !== undefined) outcomes.push(outcome);
    if (statement.verb.id === VERB.answered && place.interactionId !== undefined && statement.object.id !== undefined) {
      await recordFirstAnswer(db, statement, { learnerId, registration, courseId: place.courseId, activityId: statement.object.id }, at);
    }
  }
  return outcomes;
}

/** Whether `projectStatements` has anything to do for this statement: our learner, in a course. */
export function isProjectable(statement: ProjectableStatement, publicUrl: string): boolean {
  return learnerOf(statement, publicUrl) !== undefined && statement.context?.registration !== undefined && statement.verb.id !== VERB.voided && placeOf(statement, publicUrl) !== undefined;
}

function learnerOf(statement: ProjectableStatement, publicUrl: string): string | undefined {
  return statement.actor.account?.homePage === publicUrl ? statement.actor.account.name : undefined;
}

/** Where the statement happened: its object, or for bank questions the quiz it was part of. */
function placeOf(statement: ProjectableStatement, publicUrl: string): ActivityPlace | undefined {
  const own = statement.object.id === undefined ? undefined : parseActivityPlace(statement.object.id, publicUrl);
  if (own !== undefined && own.moduleId !== undefined) return own;
  for (const parent of statement.context?.contextActivities?.parent ?? []) {
    const place = parseActivityPlace(parent.id, publicUrl);
    if (place !== undefined && place.moduleId !== undefined) return { ...place, interactionId: own?.interactionId };
  }
  return own;
}

type ProgressKey = { learnerId: string; registration: string; courseId: string; moduleId: string };

async function touchProgress(db: Database, key: ProgressKey, at: Date, organisationId: string | null, lessonId?: string): Promise<void> {
  await db
    .insert(moduleProgress)
    .values({ ...key, organisationId, startedAt: at, lastActivityAt: at, furthestLesson: lessonId ?? null })
    .onConflictDoUpdate({
      target: [moduleProgress.learnerId, moduleProgress.registration, moduleProgress.courseId, moduleProgress.moduleId],
      set: {
        startedAt: sql`least(${moduleProgress.startedAt}, excluded.started_at)`,
        lastActivityAt: sql`greatest(${moduleProgress.lastActivityAt}, excluded.last_activity_at)`,
        furthestLesson: sql`coalesce(excluded.furthest_lesson, ${moduleProgress.furthestLesson})`,
      },
    });
}

async function applyVerb(db: Database, statement: ProjectableStatement, key: ProgressKey, place: ActivityPlace, at: Date): Promise<ModuleOutcome | undefined> {
  const where = sql`${moduleProgress.learnerId} = ${key.learnerId} and ${moduleProgress.registration} = ${key.registration} and ${moduleProgress.courseId} = ${key.courseId} and ${moduleProgress.moduleId} = ${key.moduleId}`;
  const isModuleLevel = place.lessonId === undefined && place.interactionId === undefined;
  const scaled = statement.result?.score?.scaled;
  const progress = statement.result?.extensions?.[PROGRESS_EXTENSION];
  if (statement.verb.id === VERB.progressed && typeof progress === 'number' && isModuleLevel) {
    await db.update(moduleProgress).set({ progressPercent: sql`greatest(${moduleProgress.progressPercent}, ${Math.round(Math.min(100, Math.max(0, progress)))})` }).where(where);
    return undefined;
  }
  if (statement.verb.id === VERB.completed && isModuleLevel) {
    await db.update(moduleProgress).set({ completedAt: sql`coalesce(${moduleProgress.completedAt}, ${at.toISOString()}::timestamptz)`, progressPercent: 100 }).where(where);
    return { ...key, kind: 'completed', scaledScore: scaled };
  }
  const isQuizOutcome = (statement.verb.id === VERB.passed || statement.verb.id === VERB.failed) && (isModuleLevel || place.isQuiz);
  if (!isQuizOutcome) return undefined;
  const isPassed = statement.verb.id === VERB.passed;
  const best = typeof scaled === 'number' ? sql`greatest(coalesce(${moduleProgress.bestScaledScore}, ${scaled}), ${scaled})` : sql`${moduleProgress.bestScaledScore}`;
  await db
    .update(moduleProgress)
    .set({
      attempts: sql`${moduleProgress.attempts} + 1`,
      failedAttempts: isPassed ? sql`${moduleProgress.failedAttempts}` : sql`${moduleProgress.failedAttempts} + 1`,
      passedAt: isPassed ? sql`coalesce(${moduleProgress.passedAt}, ${at.toISOString()}::timestamptz)` : sql`${moduleProgress.passedAt}`,
      bestScaledScore: best,
    })
    .where(where);
  return { ...key, kind: isPassed ? 'passed' : 'failed', scaledScore: scaled };
}

async function recordFirstAnswer(
  db: Database,
  statement: ProjectableStatement,
  key: { learnerId: string; registration: string; courseId: string; activityId: string },
  at: Date,
): Promise<void> {
  await db
    .insert(firstAnswers)
    .values({
      ...key,
      response: statement.result?.response ?? null,
      isSuccess: statement.result?.success ?? null,
      scaledScore: statement.result?.score?.scaled ?? null,
      answeredAt: at,
      statementId: statement.id,
    })
    .onConflictDoNothing();
}
