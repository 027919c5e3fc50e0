/**
 * Data §2.3.1 Statement Immutability and §2.3.1.s9 comparison: two Statements with the same id
 * are "the same" when they differ only by the listed exceptions. Used when a Statement id is
 * already stored (Communication §2.1.1/§2.1.2: same → no-op, different → 409) and to check a
 * signed Statement's JWS payload (Data §2.6).
 *
 * Ignored: the LRS-assigned id, authority, stored, version (§2.3.1.b1); the timestamp when one side
 * lacks it, and its serialisation otherwise (b4: compared as instants); Activity definitions
 * (b2) and Verb display (b3); member order of Groups (b5); attachments (b6); the case of the
 * email domain (b7); duration precision beyond 0.01 s (Data §4.6.s1.b5); a single context Activity
 * versus an array of one (§2.4.6.2); objectType where the spec defines its default.
 * Everything else, including array order in contextActivities, is compared exactly (b8, s9.b2).
 */
import { normalizeMbox } from '../agents/agent-identity.ts';
import { isPlainObject } from '../validation/problems.ts';
import { truncateDuration } from './normalize-statement.ts';

type Json = unknown;

function comparableActor(actor: Json): Json {
  if (!isPlainObject(actor)) return actor;
  const { member, mbox, ...rest } = actor;
  const result: Record<string, Json> = { ...rest, objectType: actor.objectType ?? 'Agent' };
  if (typeof mbox === 'string') result.mbox = normalizeMbox(mbox);
  if (Array.isArray(member)) {
    result.member = member.map(comparableActor).map((item) => JSON.stringify(sortKeys(item))).sort();
  }
  return result;
}

function comparableActivity(activity: Json): Json {
  if (!isPlainObject(activity)) return activity;
  return { objectType: 'Activity', id: activity.id };
}

function comparableObject(object: Json): Json {
  if (!isPlainObject(object)) return object;
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      return comparableActivity(object);
    case 'Agent':
    case 'Group':
      return comparableActor(object);
    case 'SubStatement':
      return comparableCore(object);
    default:
      return object;
  }
}

function comparableContext(context: Json): Json {
  if (!isPlainObject(context)) return context;
  const result: Record<string, Json> = { ...context };
  if ('instructor' in context) result.instructor = comparableActor(context.instructor);
  if ('team' in context) result.team = comparableActor(context.team);
  if (isPlainObject(context.contextActivities)) {
    const lists: Record<string, Json> = {};
    for (const [key, value] of Object.entries(context.contextActivities)) {
      lists[key] = (Array.isArray(value) ? value : [value]).map(comparableActivity);
    }
    result.contextActivities = lists;
  }
  if (Array.isArray(context.contextAgents)) {
    result.contextAgents = context.contextAgents.map((item) =>
      isPlainObject(item) ? { ...item, agent: comparableActor(item.agent) } : item);
  }
  if (Array.isArray(context.contextGroups)) {
    result.contextGroups = context.contextGroups.map((item) =>
      isPlainObject(item) ? { ...item, group: comparableActor(item.group) } : item);
  }
  return result;
}

/** The parts of a Statement or SubStatement that the comparison looks at, normalised. */
function comparableCore(statement: Record<string, Json>): Record<string, Json> {
  const result: Record<string, Json> = {};
  if ('objectType' in statement) result.objectType = statement.objectType;
  result.actor = comparableActor(statement.actor);
  result.verb = isPlainObject(statement.verb) ? { id: statement.verb.id } : statement.verb;
  result.object = comparableObject(statement.object);
  if ('result' in statement && isPlainObject(statement.result)) {
    const { duration, ...rest } = statement.result;
    result.result = typeof duration === 'string' ? { ...rest, duration: truncateDuration(duration) } : rest;
  }
  if ('context' in statement) result.context = comparableContext(statement.context);
  return result;
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

function sameInstant(a: Json, b: Json): boolean {
  if (a === undefined || b === undefined) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return a === b;
  return Date.parse(a) === Date.parse(b);
}

/** True when `a` and `b` are the same Statement under the comparison rules above. */
export function isSameStatement(a: Record<string, Json>, b: Record<string, Json>): boolean {
  if (!sameInstant(a.timestamp, b.timestamp)) return false;
  if (isPlainObject(a.object) && isPlainObject(b.object) && a.object.objectType === 'SubStatement') {
    if (!sameInstant(a.object.timestamp, b.object.timestamp)) return false;
  }
  return isDeepEqual(sortKeys(comparableCore(stripSubTimestamp(a))), sortKeys(comparableCore(stripSubTimestamp(b))));
}

function stripSubTimestamp(statement: Record<string, Json>): Record<string, Json> {
  if (!isPlainObject(statement.object) || statement.object.objectType !== 'SubStatement') return statement;
  const { timestamp: _timestamp, attachments: _attachments, ...object } = statement.object;
  return { ...statement, object };
}

function isDeepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
