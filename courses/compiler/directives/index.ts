// The closed set of directives: name → allowed attributes and parser. Anything else is an error.

import type { RootContent } from 'mdast';
import { checkAttributes, readId } from '../attributes.ts';
import { textOf } from '../blocks.ts';
import type { Reference } from '../inline.ts';
import { positionOf } from '../inline.ts';
import type { Block, ProseBlock, ReflectionBlock } from '../types.ts';
import { UnitScope } from '../units.ts';
import { interactionDefinition } from '../xapi.ts';
import { parseChoice, parseHotspot, parseTrueFalse } from './choice.ts';
import { parseFill } from './fill.ts';
import { parseCategorise, parseMatching, parseOrdering } from './pairs.ts';
import { parseFlashcards, parseReveal, parseScenario, parseSocialMap, parseSteps } from './sections.ts';
import type { ContainerNode, DirectiveContext } from './shared.ts';
import { proseOnly, splitLabel } from './shared.ts';

type Parser = (node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext) => Block;

interface InteractiveSpec { attributes: readonly string[]; parse: Parser }

export const QUESTION_DIRECTIVES = ['mcq', 'mrq', 'truefalse', 'fill', 'matching', 'ordering', 'categorise', 'hotspot'] as const;

const INTERACTIVE: Record<string, InteractiveSpec> = {
  mcq: { attributes: ['id'], parse: (node, id, scope, context) => parseChoice(node, 'mcq', id, scope, context) },
  mrq: { attributes: ['id'], parse: (node, id, scope, context) => parseChoice(node, 'mrq', id, scope, context) },
  truefalse: { attributes: ['id', 'answer'], parse: parseTrueFalse },
  fill: { attributes: ['id'], parse: parseFill },
  matching: { attributes: ['id'], parse: parseMatching },
  ordering: { attributes: ['id'], parse: parseOrdering },
  categorise: { attributes: ['id'], parse: parseCategorise },
  hotspot: { attributes: ['id', 'src', 'alt'], parse: parseHotspot },
  scenario: { attributes: ['id', 'start'], parse: parseScenario },
  reveal: { attributes: ['id', 'style'], parse: parseReveal },
  steps: { attributes: ['id', 'style'], parse: parseSteps },
  flashcards: { attributes: ['id'], parse: parseFlashcards },
  reflection: { attributes: ['id', 'maxLength'], parse: parseReflection },
  socialmap: { attributes: ['id'], parse: parseSocialMap },
};

const PROSE_DIRECTIVES = ['callout', 'case', 'sources'];
export const DIRECTIVE_NAMES = [...Object.keys(INTERACTIVE), ...PROSE_DIRECTIVES];

const REFLECTION_LENGTH_DEFAULT = 2000;
const REFLECTION_LENGTH_MAX = 10_000;

function parseReflection(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): ReflectionBlock {
  const raw = node.attributes?.['maxLength'];
  const maxLength = raw === undefined || raw === null ? REFLECTION_LENGTH_DEFAULT : Number(raw);
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > REFLECTION_LENGTH_MAX) {
    context.diagnostics.error('structure', context.file, positionOf(node), `:::reflection{#${id}}: maxLength is a whole number from 1 to ${REFLECTION_LENGTH_MAX}`);
  }
  const block: ReflectionBlock = { type: 'reflection', id, activityPath: context.activityPathFor(id), prompt: proseOnly(node.children, scope.child('prompt'), context, 'a reflection prompt'), maxLength, xapi: undefined as unknown as ReflectionBlock['xapi'] };
  block.xapi = interactionDefinition(block, context.sourceLocale);
  return block;
}

type DirectiveNode = Extract<RootContent, { type: 'containerDirective' | 'leafDirective' }>;

/**
 * Parses one directive met in a lesson (`onlyQuestions` in a bank). Returns undefined when it is
 * not usable; the reason is in the diagnostics.
 */
export function parseDirective(node: DirectiveNode, sectionScope: UnitScope, context: DirectiveContext, onlyQuestions: boolean): Block | undefined {
  const { diagnostics, file } = context;
  const position = positionOf(node);
  const attributes = Object.fromEntries(Object.entries(node.attributes ?? {}).map(([key, value]) => [key, value ?? ''])) as Record<string, string>;
  const allowedNames = onlyQuestions ? [...QUESTION_DIRECTIVES] : DIRECTIVE_NAMES;
  if (!allowedNames.includes(node.name)) {
    const what = onlyQuestions ? 'in a question bank' : 'in a lesson';
    diagnostics.error('unknown-directive', file, position, `unknown directive '${node.name}' ${what} (allowed: ${allowedNames.join(', ')})`);
    return undefined;
  }
  if (node.name === 'sources') {
    if (node.type !== 'leafDirective') diagnostics.error('structure', file, position, 'write ::sources on a line of its own (two colons, no content)');
    checkAttributes(attributes, [], '::sources', file, position, diagnostics);
    return { type: 'sources' };
  }
  if (node.type !== 'containerDirective') {
    diagnostics.error('structure', file, position, `'${node.name}' is a block: write :::${node.name}{…} on its own line, the content, then ::: to close it`);
    return undefined;
  }
  if (node.name === 'callout' || node.name === 'case') return parseProseDirective(node, attributes, sectionScope, context);
  const spec = INTERACTIVE[node.name];
  if (!spec) return undefined;
  checkAttributes(attributes, spec.attributes, `:::${node.name}`, file, position, diagnostics);
  const id = readId(attributes, true, `:::${node.name}`, file, position, diagnostics);
  if (!id) return undefined;
  context.interactionIds.push({ id, file, position });
  const { label, children } = splitLabel(node);
  if (label) diagnostics.error('structure', file, positionOf(label), `:::${node.name} takes no [label]`);
  return spec.parse({ ...node, children: children as ContainerNode['children'] }, id, new UnitScope(id), context);
}

function parseProseDirective(node: ContainerNode, attributes: Record<string, string>, scope: UnitScope, context: DirectiveContext): ProseBlock {
  const { diagnostics, file } = context;
  const position = positionOf(node);
  const { label, children } = splitLabel(node);
  const sourceId = attributes['source'];
  if (sourceId) context.citations.push({ id: sourceId, file, position } satisfies Reference);
  if (node.name === 'callout') {
    checkAttributes(attributes, ['type', 'source'], ':::callout', file, position, diagnostics);
    const variant = (attributes['type'] ?? 'note') as 'note' | 'tip' | 'warning';
    if (!['note', 'tip', 'warning'].includes(variant)) diagnostics.error('structure', file, position, ':::callout type is note, tip or warning');
    if (label) diagnostics.error('structure', file, positionOf(label), ':::callout takes no [label]');
    const block: ProseBlock = { type: 'callout', variant, blocks: proseOnly(children, scope, context, 'a callout') };
    if (sourceId) block.sourceId = sourceId;
    return block;
  }
  checkAttributes(attributes, ['source'], ':::case', file, position, diagnostics);
  if (!sourceId) diagnostics.error('unknown-reference', file, position, ':::case needs source=<id from sources.yaml>: a case story always says where it comes from');
  if (!label) diagnostics.error('structure', file, position, ':::case needs a title: :::case[Title]{source=…}');
  const title = textOf(label?.children ?? [], scope.next(), context, 'case story title', position?.line ?? 1, 120);
  return { type: 'case', title, sourceId: sourceId ?? '', blocks: proseOnly(children, scope, context, 'a case story') };
}
