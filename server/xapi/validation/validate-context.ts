/** Data §2.4.6 Context, with xAPI 2.0's contextAgents and contextGroups. */
import { isIri, isLanguageTag, isUuid } from './formats.ts';
import {
  checkArray,
  checkFormat,
  checkObject,
  checkString,
  isPlainObject,
  report,
  requireProperty,
  type Checker,
} from './problems.ts';
import { validateActivity } from './validate-activity.ts';
import { validateActor, validateAgent, validateGroup } from './validate-agent.ts';
import { validateExtensions } from './validate-common.ts';
import { validateStatementRef } from './validate-statement-ref.ts';

const CONTEXT_KEYS_1_0 = [
  'registration', 'instructor', 'team', 'contextActivities', 'revision',
  'platform', 'language', 'statement', 'extensions',
] as const;
const CONTEXT_KEYS_2_0 = [...CONTEXT_KEYS_1_0, 'contextAgents', 'contextGroups'] as const;
export const CONTEXT_ACTIVITY_KEYS = ['parent', 'grouping', 'category', 'other'] as const;
const CONTEXT_AGENT_KEYS = ['objectType', 'agent', 'relevantTypes'] as const;
const CONTEXT_GROUP_KEYS = ['objectType', 'group', 'relevantTypes'] as const;

/** Data §2.4.6.2.s4: keys are parent/grouping/category/other; each value an Activity or a list. */
function validateContextActivities(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, CONTEXT_ACTIVITY_KEYS)) return;
  for (const key of CONTEXT_ACTIVITY_KEYS) {
    if (!(key in value)) continue;
    const item = value[key];
    if (Array.isArray(item)) item.forEach((activity, index) => validateActivity(checker, activity, `${path}.${key}[${index}]`));
    else validateActivity(checker, item, `${path}.${key}`);
  }
}

/** xAPI 2.0 Data §2.4.6.3/§2.4.6.4: relevantTypes, when given, is a non-empty list of IRIs. */
function validateRelevantTypes(checker: Checker, value: unknown, path: string): void {
  if (!checkArray(checker, value, path)) return;
  if (value.length === 0) report(checker, path, 'must not be empty');
  value.forEach((type, index) => checkFormat(checker, type, `${path}[${index}]`, isIri, 'an IRI'));
}

/** xAPI 2.0: contextAgents is a list of { objectType: "contextAgent", agent, relevantTypes? }. */
function validateContextAgents(checker: Checker, value: unknown, path: string): void {
  if (!checkArray(checker, value, path)) return;
  value.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    if (!checkObject(checker, item, itemPath, CONTEXT_AGENT_KEYS)) return;
    if (item.objectType !== 'contextAgent') report(checker, `${itemPath}.objectType`, 'must be "contextAgent"');
    if (requireProperty(checker, item, 'agent', itemPath)) validateAgent(checker, item.agent, `${itemPath}.agent`);
    if ('relevantTypes' in item) validateRelevantTypes(checker, item.relevantTypes, `${itemPath}.relevantTypes`);
  });
}

/** xAPI 2.0: contextGroups is a list of { objectType: "contextGroup", group, relevantTypes? }. */
function validateContextGroups(checker: Checker, value: unknown, path: string): void {
  if (!checkArray(checker, value, path)) return;
  value.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    if (!checkObject(checker, item, itemPath, CONTEXT_GROUP_KEYS)) return;
    if (item.objectType !== 'contextGroup') report(checker, `${itemPath}.objectType`, 'must be "contextGroup"');
    if (requireProperty(checker, item, 'group', itemPath)) validateGroup(checker, item.group, `${itemPath}.group`);
    if ('relevantTypes' in item) validateRelevantTypes(checker, item.relevantTypes, `${itemPath}.relevantTypes`);
  });
}

/**
 * Data §2.4.6. `objectType` is the statement object's type (undefined means Activity): revision
 * and platform are only allowed when the object is an Activity (Data §2.4.6.s4.b1, b2).
 */
export function validateContext(checker: Checker, value: unknown, path: string, objectType: unknown): void {
  const allowed = checker.version === '2.0' ? CONTEXT_KEYS_2_0 : CONTEXT_KEYS_1_0;
  if (!checkObject(checker, value, path, allowed)) return;
  if ('registration' in value) checkFormat(checker, value.registration, `${path}.registration`, isUuid, 'a UUID');
  if ('instructor' in value) validateActor(checker, value.instructor, `${path}.instructor`);
  if ('team' in value) validateTeam(checker, value.team, `${path}.team`);
  if ('contextActivities' in value) validateContextActivities(checker, value.contextActivities, `${path}.contextActivities`);
  if ('contextAgents' in value) validateContextAgents(checker, value.contextAgents, `${path}.contextAgents`);
  if ('contextGroups' in value) validateContextGroups(checker, value.contextGroups, `${path}.contextGroups`);
  const isActivityObject = objectType === undefined || objectType === 'Activity';
  for (const key of ['revision', 'platform'] as const) {
    if (!(key in value)) continue;
    checkString(checker, value[key], `${path}.${key}`);
    if (!isActivityObject) report(checker, `${path}.${key}`, 'is only allowed when the object is an Activity');
  }
  if ('language' in value) {
    checkFormat(checker, value.language, `${path}.language`, isLanguageTag, 'an RFC 5646 language tag');
  }
  if ('statement' in value) validateStatementRef(checker, value.statement, `${path}.statement`);
  if ('extensions' in value) validateExtensions(checker, value.extensions, `${path}.extensions`);
}

/** Data §2.4.6.s3 table row 3: team is a Group (an Agent there is a rejection). */
function validateTeam(checker: Checker, value: unknown, path: string): void {
  if (isPlainObject(value) && value.objectType !== 'Group') {
    report(checker, `${path}.objectType`, 'must be "Group"');
    return;
  }
  validateGroup(checker, value, path);
}
