/** Data §2.4.4.1: Activities, Activity Definitions and Interaction Activities. */
import type { InteractionType } from '../types.ts';
import { isIri, isIrl } from './formats.ts';
import {
  checkArray,
  checkFormat,
  checkObject,
  checkString,
  report,
  requireProperty,
  type Checker,
} from './problems.ts';
import { validateExtensions, validateLanguageMap } from './validate-common.ts';

export const INTERACTION_TYPES: readonly InteractionType[] = [
  'true-false', 'choice', 'fill-in', 'long-fill-in', 'matching',
  'performance', 'sequencing', 'likert', 'numeric', 'other',
];

const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;
type ComponentList = (typeof COMPONENT_LISTS)[number];

/** Data §2.4.4.1.s15 table 2: the interaction component lists each interactionType supports. */
export const COMPONENT_LISTS_BY_INTERACTION_TYPE: Readonly<Record<InteractionType, readonly ComponentList[]>> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps'],
  'true-false': [],
  'fill-in': [],
  'long-fill-in': [],
  numeric: [],
  other: [],
};

const ACTIVITY_KEYS = ['objectType', 'id', 'definition'] as const;
const DEFINITION_KEYS = [
  'name', 'description', 'type', 'moreInfo', 'extensions',
  'interactionType', 'correctResponsesPattern', ...COMPONENT_LISTS,
] as const;
const COMPONENT_KEYS = ['id', 'description'] as const;

/** Data §2.4.4.1.s15 and s16: ids are strings, distinct within their list. */
function validateComponentList(checker: Checker, value: unknown, path: string): void {
  if (!checkArray(checker, value, path)) return;
  const seen = new Set<string>();
  value.forEach((component, index) => {
    const itemPath = `${path}[${index}]`;
    if (!checkObject(checker, component, itemPath, COMPONENT_KEYS)) return;
    if (requireProperty(checker, component, 'id', itemPath) && checkString(checker, component.id, `${itemPath}.id`)) {
      if (seen.has(component.id)) report(checker, `${itemPath}.id`, 'must be distinct within the list');
      seen.add(component.id);
    }
    if ('description' in component) validateLanguageMap(checker, component.description, `${itemPath}.description`);
  });
}

/**
 * Data §2.4.4.1.s8–s16: interactionType is one of the ten values (case-sensitive, §2.2.s4.b1.b6);
 * the interaction properties only with an interactionType, and component lists only where table
 * 2 supports them (§2.4.4.1.s13.b3 lets the LRS reject the rest).
 */
function validateInteraction(checker: Checker, definition: Record<string, unknown>, path: string): void {
  const type = definition.interactionType;
  const isKnownType = typeof type === 'string' && (INTERACTION_TYPES as readonly string[]).includes(type);
  if ('interactionType' in definition && !isKnownType) {
    report(checker, `${path}.interactionType`, `must be one of ${INTERACTION_TYPES.join(', ')}`);
  }
  if ('correctResponsesPattern' in definition) {
    const patternPath = `${path}.correctResponsesPattern`;
    if (!('interactionType' in definition)) report(checker, patternPath, 'is only allowed with an interactionType');
    if (checkArray(checker, definition.correctResponsesPattern, patternPath)) {
      definition.correctResponsesPattern.forEach((item, index) => checkString(checker, item, `${patternPath}[${index}]`));
    }
  }
  for (const list of COMPONENT_LISTS) {
    if (!(list in definition)) continue;
    const supported = isKnownType ? COMPONENT_LISTS_BY_INTERACTION_TYPE[type as InteractionType] : [];
    if (!isKnownType && !('interactionType' in definition)) {
      report(checker, `${path}.${list}`, 'is only allowed with an interactionType');
    } else if (isKnownType && !supported.includes(list)) {
      report(checker, `${path}.${list}`, `is not supported for interactionType "${String(type)}"`);
    }
    validateComponentList(checker, definition[list], `${path}.${list}`);
  }
}

export function validateActivityDefinition(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, DEFINITION_KEYS)) return;
  if ('name' in value) validateLanguageMap(checker, value.name, `${path}.name`);
  if ('description' in value) validateLanguageMap(checker, value.description, `${path}.description`);
  if ('type' in value) checkFormat(checker, value.type, `${path}.type`, isIri, 'an IRI');
  if ('moreInfo' in value) checkFormat(checker, value.moreInfo, `${path}.moreInfo`, isIrl, 'an IRL');
  if ('extensions' in value) validateExtensions(checker, value.extensions, `${path}.extensions`);
  validateInteraction(checker, value, path);
}

/** Data §2.4.4.1.s1: id (an IRI) exactly once; objectType, when present, is exactly "Activity". */
export function validateActivity(checker: Checker, value: unknown, path: string): void {
  if (!checkObject(checker, value, path, ACTIVITY_KEYS)) return;
  if ('objectType' in value && value.objectType !== 'Activity') {
    report(checker, `${path}.objectType`, 'must be "Activity"');
  }
  if (requireProperty(checker, value, 'id', path)) checkFormat(checker, value.id, `${path}.id`, isIri, 'an IRI');
  if ('definition' in value) validateActivityDefinition(checker, value.definition, `${path}.definition`);
}
