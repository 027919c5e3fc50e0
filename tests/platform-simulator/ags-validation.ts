import { isRecord } from './http.ts';
import type { LineItem, Score } from './records.ts';
import { ACTIVITY_PROGRESS, GRADING_PROGRESS } from './vocabulary.ts';

/** AGS 2.0 §3.4.6: ISO 8601 with sub-second precision and a zone. */
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LABEL_LENGTH_MAX = 255;
const COMMENT_LENGTH_MAX = 10_000;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isIsoTimestampWithMilliseconds(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}

/** A score publish request (AGS 2.0 §3.4). Returns the problems; empty means valid. */
export function checkScore(body: unknown): string[] {
  if (!isRecord(body)) return ['score must be a JSON object'];
  const problems: string[] = [];
  if (typeof body.userId !== 'string' || body.userId === '') problems.push('userId is missing');
  if (body.scoreGiven !== undefined) {
    if (!isFiniteNumber(body.scoreGiven) || body.scoreGiven < 0) problems.push('scoreGiven must be a number ≥ 0');
    if (!isFiniteNumber(body.scoreMaximum) || body.scoreMaximum <= 0) problems.push('scoreMaximum must be a number > 0 when scoreGiven is sent');
    // The spec tolerates extra credit; Moodle-like gradebooks cap at the maximum and the tool
    // never has a reason to exceed it, so a score above it here is the tool's mistake.
    else if (isFiniteNumber(body.scoreGiven) && body.scoreGiven > body.scoreMaximum) problems.push('scoreGiven exceeds scoreMaximum');
  } else if (body.scoreMaximum !== undefined && (!isFiniteNumber(body.scoreMaximum) || body.scoreMaximum <= 0)) {
    problems.push('scoreMaximum must be a number > 0');
  }
  if (!(ACTIVITY_PROGRESS as readonly unknown[]).includes(body.activityProgress)) problems.push(`activityProgress must be one of ${ACTIVITY_PROGRESS.join(', ')}`);
  if (!(GRADING_PROGRESS as readonly unknown[]).includes(body.gradingProgress)) problems.push(`gradingProgress must be one of ${GRADING_PROGRESS.join(', ')}`);
  if (!isIsoTimestampWithMilliseconds(body.timestamp)) problems.push('timestamp must be ISO 8601 with sub-second precision and a zone');
  if (body.comment !== undefined && (typeof body.comment !== 'string' || body.comment.length > COMMENT_LENGTH_MAX)) problems.push('comment must be a string');
  return problems;
}

/** True when `incoming` may replace `current` (AGS 2.0 §3.4.6: an older timestamp must not). */
export function isScoreNewer(incoming: Score, current: Score | undefined): boolean {
  return current === undefined || Date.parse(incoming.timestamp) >= Date.parse(current.timestamp);
}

export type LineItemFields = Omit<LineItem, 'id' | 'contextId'>;

/** A line item as posted or put by the tool (AGS 2.0 §3.2). */
export function checkLineItem(body: unknown): { problems: string[]; fields: LineItemFields | undefined } {
  if (!isRecord(body)) return { problems: ['line item must be a JSON object'], fields: undefined };
  const problems: string[] = [];
  if (!isFiniteNumber(body.scoreMaximum) || body.scoreMaximum <= 0) problems.push('scoreMaximum must be a number > 0');
  if (typeof body.label !== 'string' || body.label.trim() === '' || body.label.length > LABEL_LENGTH_MAX) problems.push('label must be a non-empty string');
  for (const name of ['resourceId', 'resourceLinkId', 'tag'] as const) {
    if (body[name] !== undefined && typeof body[name] !== 'string') problems.push(`${name} must be a string`);
  }
  for (const name of ['startDateTime', 'endDateTime'] as const) {
    if (body[name] !== undefined && !(typeof body[name] === 'string' && ISO_DATE_TIME_PATTERN.test(body[name]))) problems.push(`${name} must be an ISO 8601 date-time`);
  }
  if (body.gradesReleased !== undefined && typeof body.gradesReleased !== 'boolean') problems.push('gradesReleased must be a boolean');
  if (problems.length > 0) return { problems, fields: undefined };
  const fields: LineItemFields = { scoreMaximum: body.scoreMaximum as number, label: body.label as string };
  for (const name of ['resourceId', 'resourceLinkId', 'tag', 'startDateTime', 'endDateTime'] as const) {
    if (typeof body[name] === 'string') fields[name] = body[name];
  }
  if (typeof body.gradesReleased === 'boolean') fields.gradesReleased = body.gradesReleased;
  return { problems, fields };
}
