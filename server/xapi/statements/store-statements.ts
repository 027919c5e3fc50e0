/**
 * Storing a request's Statements: one transaction holds the Statements, their Attachments, the
 * progress projection and, for the player's own learner, the grade for the LMS. Either all of it
 * is committed or none (Communication §2.1.2: nothing partial from a rejected batch).
 */
import { and, eq } from 'drizzle-orm';

import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import { moduleProgress, statementAttachments } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { enqueueGrade } from '../../lti/services/post-grade.ts';
import { isProjectable, projectStatements, type ModuleOutcome, type ProjectableStatement } from '../../progress/project-statements.ts';
import type { LaunchSession } from '../../session/launch-session.ts';
import { agentKey } from '../agents/agent-identity.ts';
import type { MultipartPart } from '../attachments/multipart.ts';
import type { XapiCaller } from '../auth/resolve-caller.ts';
import { forwardingWake } from '../forwarding/forward-statements.ts';
import { insertStatements, isVoiding } from '../storage/statement-store.ts';
import type { Agent, Statement, XapiVersionFamily } from '../types.ts';
import { isSameStatement } from './compare-statements.ts';
import { prepareStatement } from './prepare-statement.ts';

/** LTI AGS scores are sent out of this maximum (scaled score × 100). */
export const GRADE_SCORE_MAXIMUM = 100;

export interface StoreStatementsInput {
  statements: readonly Statement[];
  /** Verified attachment parts by SHA-2 (from a multipart/mixed request). */
  attachmentParts: ReadonlyMap<string, MultipartPart>;
  caller: XapiCaller;
  family: XapiVersionFamily;
}

/** The Agent a launch session stands for: the pseudonymous account on the tool (issue 4 item 3). */
export function sessionAgent(config: Config, session: LaunchSession): Agent {
  return { objectType: 'Agent', account: { homePage: config.publicUrl, name: session.sub } };
}

/** A launch session may only write for its own learner and registration (issue 4 item 2). */
function checkSessionStatement(config: Config, session: LaunchSession, statement: Statement, index: number): void {
  if (agentKey(statement.actor) !== agentKey(sessionAgent(config, session))) {
    throw new AppError('forbidden', `statements[${index}].actor: a session may only send statements about its own learner`);
  }
  if (session.registration === undefined || statement.context?.registration !== session.registration) {
    throw new AppError('forbidden', `statements[${index}].context.registration: must be the registration of this launch`);
  }
}

/** Stores the Statements and what follows from them; returns their ids in request order. */
export async function storeStatements(db: Database, config: Config, input: StoreStatementsInput): Promise<string[]> {
  const { caller } = input;
  if (caller.session !== undefined) {
    const session = caller.session;
    input.statements.forEach((statement, index) => checkSessionStatement(config, session, statement, index));
  }
  const stored = new Date();
  const prepared = input.statements.map((statement) =>
    prepareStatement(statement, { stored, authority: caller.authority as Agent, requestVersion: input.family }));
  const ids = prepared.map((statement) => statement.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw new AppError('bad_request', `statements: id ${duplicate} appears more than once in the batch`);
  // Compared as sent, not as prepared: a timestamp the LRS filled in is not the client's (Data §2.3.1.b4).
  const sentById = new Map(prepared.map((statement, index) => [statement.id, input.statements[index] as unknown as Record<string, unknown>]));
  const isSameAsSent = (storedStatement: Record<string, unknown>, incoming: Record<string, unknown>) =>
    isSameStatement(storedStatement, sentById.get(String(incoming.id)) ?? incoming);
  const organisationId = caller.organisationId ?? null;
  const scope = { organisationId, credentialId: caller.credentialId ?? null };
  const batch = prepared as unknown as Record<string, unknown>[];
  // The forwarding wake runs inside the statement that stores: after commit, targets are woken.
  const wake = { name: 'forwarding_wake', query: forwardingWake() };
  if (isStoredByOneStatement(config, input, batch)) {
    await insertStatements(db, batch, scope, isSameAsSent, wake);
    return ids;
  }
  await db.transaction(async (transaction) => {
    const added = await insertStatements(transaction, batch, scope, isSameAsSent, wake);
    for (const [sha2, part] of input.attachmentParts) {
      await transaction
        .insert(statementAttachments)
        .values({ sha2, contentType: part.headers['content-type'] ?? 'application/octet-stream', length: part.body.length, content: part.body })
        .onConflictDoNothing();
    }
    const outcomes = await projectStatements(transaction, added as unknown as ProjectableStatement[], { publicUrl: config.publicUrl, organisationId });
    if (caller.session !== undefined) await enqueueSessionGrades(transaction, caller.session, outcomes, stored);
  });
  return ids;
}

/**
 * A single statement that needs nothing beside its own rows (no attachments, no projection, no
 * grade, no voiding) is stored by one SQL statement, atomic by itself: one round trip instead of
 * a transaction's three or more (begin, store, commit). A refused one stores nothing either way.
 */
function isStoredByOneStatement(config: Config, input: StoreStatementsInput, batch: readonly Record<string, unknown>[]): boolean {
  const [only] = batch;
  return (
    batch.length === 1 &&
    only !== undefined &&
    input.attachmentParts.size === 0 &&
    input.caller.session === undefined &&
    !isVoiding(only) &&
    !isProjectable(only as unknown as ProjectableStatement, config.publicUrl)
  );
}

/**
 * A module of the session's resource link completed, passed or failed: the LMS gets the best
 * scaled score so far (read after projecting, so it includes this batch). A module completed
 * without any scored attempt counts as full marks: the LMS shows completion of ungraded modules.
 */
async function enqueueSessionGrades(db: Database, session: LaunchSession, outcomes: readonly ModuleOutcome[], at: Date): Promise<void> {
  const resourceLinkId = session.resourceLinkId;
  if (resourceLinkId === undefined) return;
  const relevant = outcomes.filter((outcome) =>
    outcome.learnerId === session.sub &&
    outcome.registration === session.registration &&
    outcome.courseId === session.courseId &&
    (session.moduleId === undefined || outcome.moduleId === session.moduleId));
  for (const outcome of relevant) {
    const [row] = await db
      .select({ best: moduleProgress.bestScaledScore })
      .from(moduleProgress)
      .where(and(
        eq(moduleProgress.learnerId, outcome.learnerId),
        eq(moduleProgress.registration, outcome.registration),
        eq(moduleProgress.courseId, outcome.courseId),
        eq(moduleProgress.moduleId, outcome.moduleId),
      ))
      .limit(1);
    const scaled = row?.best ?? (outcome.kind === 'completed' ? 1 : 0);
    await enqueueGrade(db, {
      resourceLinkId,
      userId: session.sub,
      scoreGiven: Math.round(Math.max(0, scaled) * GRADE_SCORE_MAXIMUM * 100) / 100,
      scoreMaximum: GRADE_SCORE_MAXIMUM,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      comment: undefined,
      timestamp: at.toISOString(),
    });
  }
}
