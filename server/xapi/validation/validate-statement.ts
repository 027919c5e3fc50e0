/** Data §2.4 Statement properties, §2.3.2 voiding and §2.4.4.3 SubStatements. */
import type { Statement, XapiVersionFamily } from '../types.ts';
import { isIri, isTimestamp, isUuid } from './formats.ts';
import {
  checkFormat,
  checkObject,
  createChecker,
  formatProblem,
  isPlainObject,
  report,
  requireProperty,
  type Checker,
  type ValidationProblem,
} from './problems.ts';
import { validateActivity } from './validate-activity.ts';
import { IFI_KEYS, validateActor, validateAgent, validateGroup } from './validate-agent.ts';
import { validateAttachments } from './validate-attachment.ts';
import { validateLanguageMap } from './validate-common.ts';
import { validateContext } from './validate-context.ts';
import { validateResult } from './validate-result.ts';
import { validateStatementRef } from './validate-statement-ref.ts';

/** Data §2.3.2: the verb that voids the Statement its StatementRef object points at. */
export const VOIDED_VERB_ID = 'http://adlnet.gov/expapi/verbs/voided';

/** Data §2.4.10 and xAPI 2.0 §2.4.10: "1.0", "1.0.x", "2.0" or "2.0.x". */
export const STATEMENT_VERSION_PATTERN = /^[12]\.0(?:\.\d+)?$/;

/** Data §2.4.9.s3.b1: an OAuth authority is a Group of exactly this many Agents. */
export const AUTHORITY_GROUP_MEMBER_COUNT = 2;

const STATEMENT_KEYS = [
  'id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments',
] as const;
/** Data §2.4.4.3.s8.b3: a SubStatement has no id, stored, version or authority. */
const SUB_STATEMENT_KEYS = ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'] as const;
const VERB_KEYS = ['id', 'display'] as const;
const OBJECT_TYPES = ['Activity', 'Agent', 'Group', 'StatementRef', 'SubStatement'] as const;

export interface ValidateStatementOptions {
  version: XapiVersionFamily;
}

function validateVerb(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, VERB_KEYS)) return;
  if (requireProperty(checker, value, 'id', path)) checkFormat(checker, value.id, `${path}.id`, isIri, 'an IRI');
  if ('display' in value) validateLanguageMap(checker, value.display, `${path}.display`);
}

/** Data §2.4.4.s2: objectType picks the kind of object; missing means Activity. */
function validateObject(checker: Checker, value: unknown, path: string, isInSubStatement: boolean): void {
  const objectType = isPlainObject(value) ? value.objectType : undefined;
  if (objectType === undefined || objectType === 'Activity') validateActivity(checker, value, path);
  else if (objectType === 'Agent') validateAgent(checker, value, path);
  else if (objectType === 'Group') validateGroup(checker, value, path);
  else if (objectType === 'StatementRef') validateStatementRef(checker, value, path);
  else if (objectType === 'SubStatement' && isInSubStatement) {
    // Data §2.4.4.3.s8.b4
    report(checker, `${path}.objectType`, 'a SubStatement must not contain a SubStatement');
  } else if (objectType === 'SubStatement') validateSubStatement(checker, value, path);
  else report(checker, `${path}.objectType`, `must be one of ${OBJECT_TYPES.join(', ')}`);
}

/** The properties a Statement and a SubStatement share (Data §2.4.4.3.s8.b2). */
function validateCommon(checker: Checker, value: Record<string, unknown>, path: string, isSub: boolean): void {
  if (requireProperty(checker, value, 'actor', path)) validateActor(checker, value.actor, `${path}.actor`);
  if (requireProperty(checker, value, 'verb', path)) validateVerb(checker, value.verb, `${path}.verb`);
  if (requireProperty(checker, value, 'object', path)) validateObject(checker, value.object, `${path}.object`, isSub);
  if ('result' in value) validateResult(checker, value.result, `${path}.result`);
  const objectType = isPlainObject(value.object) ? value.object.objectType : undefined;
  if ('context' in value) validateContext(checker, value.context, `${path}.context`, objectType);
  if ('timestamp' in value) {
    checkFormat(checker, value.timestamp, `${path}.timestamp`, isTimestamp, 'an ISO 8601 timestamp (Data 4.5)');
  }
  if ('attachments' in value) validateAttachments(checker, value.attachments, `${path}.attachments`);
  validateVoiding(checker, value, path);
}

/** Data §2.3.2.s2.b1: a voiding Statement's object is a StatementRef. */
function validateVoiding(checker: Checker, value: Record<string, unknown>, path: string): void {
  const verbId = isPlainObject(value.verb) ? value.verb.id : undefined;
  if (verbId !== VOIDED_VERB_ID || !isPlainObject(value.object)) return;
  if (value.object.objectType !== 'StatementRef') {
    report(checker, `${path}.object.objectType`, 'must be "StatementRef" in a voiding Statement');
  }
}

function validateSubStatement(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, SUB_STATEMENT_KEYS)) return;
  validateCommon(checker, value, path, true);
}

/** Data §2.4.9.s3.b1: an Agent, or an anonymous Group of two Agents (OAuth consumer and user). */
function validateAuthority(checker: Checker, value: unknown, path: string): void {
  validateActor(checker, value, path);
  if (!isPlainObject(value) || value.objectType !== 'Group') return;
  if (IFI_KEYS.some((key) => key in value)) report(checker, path, 'must be an anonymous Group when it is a Group');
  if (!Array.isArray(value.member) || value.member.length !== AUTHORITY_GROUP_MEMBER_COUNT) {
    report(checker, `${path}.member`, `must list exactly ${AUTHORITY_GROUP_MEMBER_COUNT} Agents in an authority Group`);
  }
}

function validateStatementInto(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, STATEMENT_KEYS)) return;
  if ('id' in value) checkFormat(checker, value.id, `${path}.id`, isUuid, 'a UUID');
  validateCommon(checker, value, path, false);
  if ('stored' in value) checkFormat(checker, value.stored, `${path}.stored`, isTimestamp, 'an ISO 8601 timestamp (Data 4.5)');
  if ('authority' in value) validateAuthority(checker, value.authority, `${path}.authority`);
  if ('version' in value) {
    checkFormat(checker, value.version, `${path}.version`, (text) => STATEMENT_VERSION_PATTERN.test(text), 'a version starting with "1.0" or "2.0"');
  }
}

/** Every problem in one Statement, each naming its field; empty when the Statement is valid. */
export function validateStatement(value: unknown, options: ValidateStatementOptions, path = 'statement'): ValidationProblem[] {
  const checker = createChecker(options.version);
  validateStatementInto(checker, value, path);
  return checker.problems;
}

export function isValidStatement(value: unknown, options: ValidateStatementOptions): value is Statement {
  return validateStatement(value, options).length === 0;
}

/**
 * Communication §2.1.2: a batch is stored whole or not at all, so one invalid Statement rejects
 * the batch. Returns every problem across the batch (paths `statements[i]…`).
 */
export function validateStatements(batch: readonly unknown[], options: ValidateStatementOptions): ValidationProblem[] {
  return batch.flatMap((statement, index) => validateStatement(statement, options, `statements[${index}]`));
}

/** The message for a 400 answer: the first problem, e.g. `statement.actor.mbox: must be a mailto IRI`. */
export function describeFirstProblem(problems: readonly ValidationProblem[]): string | undefined {
  const first = problems[0];
  return first === undefined ? undefined : formatProblem(first);
}
