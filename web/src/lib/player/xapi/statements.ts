import type { InteractionDefinition } from '../content/course-types.ts';
import type { Activity, Context, Result, Statement } from './statement-types.ts';

// Statements in the style of cmi5 (the verbs, the progress extension, the session id), built as
// plain data: the ids and times come in from the caller, so the same input gives the same output.
// Not a conforming cmi5 AU: the launch is LTI, not a cmi5 launch; see docs/xapi-profile.md.

export const VERBS = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  progressed: 'http://adlnet.gov/expapi/verbs/progressed',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;
export type VerbName = keyof typeof VERBS;

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  interaction: 'http://adlnet.gov/expapi/activities/interaction',
} as const;

export const PROGRESS_EXTENSION = 'https://w3id.org/xapi/cmi5/result/extensions/progress';
export const SESSION_ID_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const PLATFORM_NAME = 'NALAS e-Academy course runtime';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Who and where: the same for every statement of one player session. */
export interface StatementEnvironment {
  /** The tool's public URL (the page origin): account home page and base of activity IRIs. */
  publicUrl: string;
  /** The pseudonymous user id of the launch session (`sub`). */
  accountName: string;
  registration?: string;
  /** The language of the content shown (BCP 47). */
  language: string;
  /** One id per player session (cmi5 `sessionid`), from initialized to terminated. */
  sessionId: string;
}

/** An activity by its compiled path and its name in the content language. */
export interface ActivityReference {
  activityPath: string;
  type: string;
  name: string;
}

/** Where the statement happens, outermost first: course, then module, then lesson. */
export interface ActivityTrail {
  course: ActivityReference;
  module?: ActivityReference;
  lesson?: ActivityReference;
}

export interface Stamp {
  id: string;
  timestamp: Date;
}

export class StatementInputError extends Error {
  override name = 'StatementInputError';
}

function assertInput(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StatementInputError(message);
}

export function activityIriOf(publicUrl: string, activityPath: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/xapi/activities/${activityPath}`;
}

function toActivity(environment: StatementEnvironment, reference: ActivityReference): Activity {
  return {
    objectType: 'Activity',
    id: activityIriOf(environment.publicUrl, reference.activityPath),
    definition: { type: reference.type, name: { [environment.language]: reference.name } },
  };
}

/** ISO 8601 duration with hundredths of a second (xAPI 2.0, 4.6: precision of 0.01 s). */
export function formatDuration(durationMs: number): string {
  assertInput(Number.isFinite(durationMs) && durationMs >= 0, `duration must be a non-negative number of milliseconds, got ${durationMs}`);
  const centiseconds = Math.round(durationMs / 10);
  const hours = Math.floor(centiseconds / 360_000);
  const minutes = Math.floor((centiseconds % 360_000) / 6_000);
  const seconds = (centiseconds % 6_000) / 100;
  return `PT${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}${seconds}S`;
}

/** The ancestors of the object: the nearest one is the parent, the ones above it the grouping. */
function contextFor(environment: StatementEnvironment, ancestors: ActivityReference[]): Context {
  const activities = ancestors.map((reference) => toActivity(environment, reference));
  const parent = activities.at(-1);
  const grouping = activities.slice(0, -1);
  const context: Context = {
    platform: PLATFORM_NAME,
    language: environment.language,
    extensions: { [SESSION_ID_EXTENSION]: environment.sessionId },
  };
  if (environment.registration !== undefined) context.registration = environment.registration;
  if (parent !== undefined) context.contextActivities = grouping.length > 0 ? { parent: [parent], grouping } : { parent: [parent] };
  return context;
}

function validateEnvironment(environment: StatementEnvironment, stamp: Stamp): void {
  assertInput(/^https?:\/\/[^/]+/.test(environment.publicUrl), `publicUrl must be an absolute http(s) URL, got "${environment.publicUrl}"`);
  assertInput(environment.accountName.trim() !== '', 'the account name (session sub) is required');
  assertInput(environment.language.trim() !== '', 'the language is required');
  assertInput(environment.registration === undefined || UUID_PATTERN.test(environment.registration), 'registration must be a UUID');
  assertInput(UUID_PATTERN.test(stamp.id), 'the statement id must be a UUID');
  assertInput(!Number.isNaN(stamp.timestamp.getTime()), 'the timestamp must be a valid date');
}

interface StatementParts {
  verb: VerbName;
  object: Activity;
  ancestors: ActivityReference[];
  result?: Result;
}

function buildStatement(environment: StatementEnvironment, stamp: Stamp, parts: StatementParts): Statement {
  validateEnvironment(environment, stamp);
  const statement: Statement = {
    id: stamp.id,
    actor: { objectType: 'Agent', account: { homePage: environment.publicUrl, name: environment.accountName } },
    verb: { id: VERBS[parts.verb], display: { 'en-US': parts.verb } },
    object: parts.object,
    context: contextFor(environment, parts.ancestors),
    timestamp: stamp.timestamp.toISOString(),
  };
  if (parts.result !== undefined) statement.result = parts.result;
  return statement;
}

/** The trail as ancestors of an object inside it (a lesson's interaction, a module's quiz…). */
function trailToList(trail: ActivityTrail): ActivityReference[] {
  return [trail.course, trail.module, trail.lesson].filter((reference): reference is ActivityReference => reference !== undefined);
}

/** The innermost activity of the trail as the object, the others as its context. */
function trailObject(environment: StatementEnvironment, trail: ActivityTrail): { object: Activity; ancestors: ActivityReference[] } {
  const list = trailToList(trail);
  return { object: toActivity(environment, list.at(-1)!), ancestors: list.slice(0, -1) };
}

export function buildLaunched(environment: StatementEnvironment, stamp: Stamp, trail: ActivityTrail): Statement {
  return buildStatement(environment, stamp, { verb: 'launched', ...trailObject(environment, trail) });
}

export function buildInitialized(environment: StatementEnvironment, stamp: Stamp, trail: ActivityTrail): Statement {
  return buildStatement(environment, stamp, { verb: 'initialized', ...trailObject(environment, trail) });
}

/** Progress of the innermost activity of the trail, in whole percent (cmi5 progress extension). */
export function buildProgressed(environment: StatementEnvironment, stamp: Stamp, trail: ActivityTrail, progressPercent: number): Statement {
  assertInput(Number.isInteger(progressPercent) && progressPercent >= 0 && progressPercent <= 100, `progress must be a whole percent from 0 to 100, got ${progressPercent}`);
  return buildStatement(environment, stamp, { verb: 'progressed', ...trailObject(environment, trail), result: { extensions: { [PROGRESS_EXTENSION]: progressPercent } } });
}

export interface AnsweredInput {
  activityPath: string;
  definition: InteractionDefinition;
  response: string;
  /** Absent for what is not scored (a reflection). */
  success?: boolean;
  scoreScaled?: number;
  durationMs?: number;
}

function scaledScore(scaled: number): { scaled: number } {
  assertInput(Number.isFinite(scaled) && scaled >= -1 && scaled <= 1, `score.scaled must be between -1 and 1, got ${scaled}`);
  return { scaled: Math.round(scaled * 10_000) / 10_000 };
}

/** An answer to an interaction of the innermost activity of the trail (a lesson or a quiz). */
export function buildAnswered(environment: StatementEnvironment, stamp: Stamp, trail: ActivityTrail, input: AnsweredInput): Statement {
  assertInput(input.definition.type === 'http://adlnet.gov/expapi/activities/cmi.interaction', 'an answered statement needs a cmi.interaction definition');
  const result: Result = { response: input.response };
  if (input.success !== undefined) result.success = input.success;
  if (input.scoreScaled !== undefined) result.score = scaledScore(input.scoreScaled);
  if (input.durationMs !== undefined) result.duration = formatDuration(input.durationMs);
  const object: Activity = { objectType: 'Activity', id: activityIriOf(environment.publicUrl, input.activityPath), definition: input.definition };
  return buildStatement(environment, stamp, { verb: 'answered', object, ancestors: trailToList(trail), result });
}

/** Something looked at inside the innermost activity of the trail (a reveal, steps, flashcards). */
export function buildExperienced(environment: StatementEnvironment, stamp: Stamp, trail: ActivityTrail, object: ActivityReference): Statement {
  return buildStatement(environment, stamp, { verb: 'experienced', object: toActivity(environment, object), ancestors: trailToList(trail) });
}

export function buildCompleted(environment: StatementEnvironment, stamp: Stamp, trail: ActivityTrail, durationMs: number): Statement {
  return buildStatement(environment, stamp, {
    verb: 'completed',
    ...trailObject(environment, trail),
    result: { completion: true, duration: formatDuration(durationMs), extensions: { [PROGRESS_EXTENSION]: 100 } },
  });
}

/** Passed or failed a quiz (the object) of the innermost activity of the trail (its module). */
export function buildJudged(
  environment: StatementEnvironment,
  stamp: Stamp,
  trail: ActivityTrail,
  quiz: ActivityReference,
  input: { isPassed: boolean; scoreScaled: number; durationMs: number },
): Statement {
  return buildStatement(environment, stamp, {
    verb: input.isPassed ? 'passed' : 'failed',
    object: toActivity(environment, quiz),
    ancestors: trailToList(trail),
    result: { success: input.isPassed, score: scaledScore(input.scoreScaled), duration: formatDuration(input.durationMs) },
  });
}

export function buildTerminated(environment: StatementEnvironment, stamp: Stamp, trail: ActivityTrail, durationMs: number): Statement {
  return buildStatement(environment, stamp, { verb: 'terminated', ...trailObject(environment, trail), result: { duration: formatDuration(durationMs) } });
}
