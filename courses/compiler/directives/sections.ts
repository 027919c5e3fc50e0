// Directives made of sections under headings: reveal, steps, flashcards, scenario, social map.

import type { Heading, List, RootContent } from 'mdast';
import { checkAttributes, readId } from '../attributes.ts';
import { takeSuffix, textOf } from '../blocks.ts';
import { positionOf } from '../inline.ts';
import type { FlashcardsBlock, LnobFactor, Panel, RevealBlock, ScenarioBlock, ScenarioNode, ScenarioOutcome, SocialMapBlock, SocialMapGroup, StepsBlock } from '../types.ts';
import { LNOB_FACTORS } from '../types.ts';
import type { UnitScope } from '../units.ts';
import { interactionDefinition } from '../xapi.ts';
import type { ContainerNode, DirectiveContext } from './shared.ts';
import { proseOnly, splitSections } from './shared.ts';

interface Section { id: string; attributes: Record<string, string>; heading: Heading; title: ReturnType<typeof takeSuffix>['children']; body: RootContent[] }

/** Sections with their heading ids (`{#id}`, or `<prefix><n>` when the heading has none). */
function readSections(node: ContainerNode, where: string, allowed: string[], isIdRequired: boolean, prefix: string, context: DirectiveContext): { intro: RootContent[]; sections: Section[] } {
  const { intro, sections } = splitSections(node.children);
  const result: Section[] = [];
  sections.forEach(({ heading, body }, index) => {
    const { children, attributes = {} } = takeSuffix(heading.children);
    const position = positionOf(heading);
    checkAttributes(attributes, allowed, `a heading in ${where}`, context.file, position, context.diagnostics);
    const id = readId(attributes, isIdRequired, `a heading in ${where}`, context.file, position, context.diagnostics) ?? `${prefix}${index + 1}`;
    if (result.some((section) => section.id === id)) context.diagnostics.error('duplicate-id', context.file, position, `id '${id}' is used twice in ${where}`);
    result.push({ id, attributes, heading, title: children, body });
  });
  if (result.length === 0) context.diagnostics.error('structure', context.file, positionOf(node), `${where} needs at least one ## heading`);
  return { intro, sections: result };
}

function rejectIntro(intro: RootContent[], where: string, context: DirectiveContext): void {
  const first = intro[0];
  if (first) context.diagnostics.error('structure', context.file, positionOf(first), `${where} starts with a ## heading; move this text under one`);
}

function panels(sections: Section[], where: string, part: string, scope: UnitScope, context: DirectiveContext): Panel[] {
  return sections.map((section) => ({
    id: section.id,
    title: textOf(section.title, scope.named(`${section.id}.title`), context, `${part} title`, section.heading.position?.start.line ?? 1, 120),
    blocks: proseOnly(section.body, scope.child(section.id), context, where),
  }));
}

export function parseReveal(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): RevealBlock {
  const where = `:::reveal{#${id}}`;
  const style = (node.attributes?.['style'] ?? 'accordion') as RevealBlock['style'];
  if (style !== 'accordion' && style !== 'tabs') context.diagnostics.error('structure', context.file, positionOf(node), `${where}: style is accordion or tabs`);
  const { intro, sections } = readSections(node, where, ['id'], false, 'p', context);
  rejectIntro(intro, where, context);
  return { type: 'reveal', id, activityPath: context.activityPathFor(id), style, panels: panels(sections, where, 'panel', scope, context) };
}

export function parseSteps(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): StepsBlock {
  const where = `:::steps{#${id}}`;
  const style = (node.attributes?.['style'] ?? 'process') as StepsBlock['style'];
  if (style !== 'process' && style !== 'timeline') context.diagnostics.error('structure', context.file, positionOf(node), `${where}: style is process or timeline`);
  const { intro, sections } = readSections(node, where, ['id'], false, 'step', context);
  rejectIntro(intro, where, context);
  return { type: 'steps', id, activityPath: context.activityPathFor(id), style, steps: panels(sections, where, 'step', scope, context) };
}

export function parseFlashcards(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): FlashcardsBlock {
  const where = `:::flashcards{#${id}}`;
  const { intro, sections } = readSections(node, where, ['id'], false, 'card', context);
  rejectIntro(intro, where, context);
  return { type: 'flashcards', id, activityPath: context.activityPathFor(id), cards: panels(sections, where, 'card front', scope, context) };
}

const OUTCOMES: readonly string[] = ['good', 'poor', 'neutral'];

/** A list whose every item is only a link to `#node`: the choices of a scenario node. */
function isChoiceList(node: RootContent): node is List {
  return node.type === 'list' && node.children.every((item) => {
    const paragraph = item.children[0];
    return item.children.length === 1 && paragraph?.type === 'paragraph' && paragraph.children.length === 1 && paragraph.children[0]?.type === 'link' && paragraph.children[0].url.startsWith('#');
  });
}

export function parseScenario(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): ScenarioBlock {
  const where = `:::scenario{#${id}}`;
  const { diagnostics, file } = context;
  const { intro, sections } = readSections(node, where, ['id', 'outcome'], true, 'node', context);
  rejectIntro(intro, where, context);
  const ids = new Set(sections.map((section) => section.id));
  const nodes: ScenarioNode[] = [];
  const edges = new Map<string, string[]>();
  for (const section of sections) {
    const nodeScope = scope.child(`node.${section.id}`);
    const choiceLists = section.body.filter(isChoiceList);
    const choices: ScenarioNode['choices'] = [];
    for (const item of choiceLists.flatMap((list) => list.children)) {
      const link = (item.children[0] as Extract<RootContent, { type: 'paragraph' }>).children[0] as Extract<RootContent, { type: 'link' }>;
      const targetId = link.url.slice(1);
      if (!ids.has(targetId)) diagnostics.error('branch-missing-node', file, positionOf(link), `${where}: the choice goes to '#${targetId}', but no node has that id`);
      choices.push({ targetId, text: textOf(link.children, nodeScope.named(`choice${choices.length + 1}`), context, `a choice in scenario node '${section.id}'`, link.position?.start.line ?? 1, 200) });
    }
    edges.set(section.id, choices.map((choice) => choice.targetId));
    const scenarioNode: ScenarioNode = {
      id: section.id,
      title: textOf(section.title, nodeScope.named('title'), context, 'scenario node title', section.heading.position?.start.line ?? 1, 120),
      blocks: proseOnly(section.body.filter((child) => !isChoiceList(child)), nodeScope, context, where),
      choices,
    };
    const outcome = section.attributes['outcome'];
    const position = positionOf(section.heading);
    if (choices.length === 0 && (outcome === undefined || !OUTCOMES.includes(outcome))) {
      diagnostics.error('scenario', file, position, `${where}: node '${section.id}' has no choices, so it is an ending and needs outcome=good, outcome=poor or outcome=neutral`);
    } else if (choices.length > 0 && outcome !== undefined) {
      diagnostics.error('scenario', file, position, `${where}: node '${section.id}' has choices, so it cannot have an outcome`);
    } else if (outcome !== undefined) {
      scenarioNode.outcome = outcome as ScenarioOutcome;
    }
    nodes.push(scenarioNode);
  }
  const startId = (node.attributes?.['start'] ?? '').trim();
  if (startId === '') diagnostics.error('scenario', file, positionOf(node), `${where} needs start=<node id>`);
  else if (!ids.has(startId)) diagnostics.error('branch-missing-node', file, positionOf(node), `${where}: start '${startId}' is not a node id`);
  else reportUnreachable(startId, edges, sections, where, context);
  if (nodes.length > 0 && !nodes.some((scenarioNode) => scenarioNode.outcome !== undefined)) diagnostics.error('scenario', file, positionOf(node), `${where} has no ending`);
  const block: ScenarioBlock = { type: 'scenario', id, activityPath: context.activityPathFor(id), prompt: [], startId, nodes, xapi: undefined as unknown as ScenarioBlock['xapi'] };
  block.xapi = interactionDefinition(block, context.sourceLocale);
  return block;
}

function reportUnreachable(startId: string, edges: Map<string, string[]>, sections: Section[], where: string, context: DirectiveContext): void {
  const reached = new Set<string>([startId]);
  const queue = [startId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const target of edges.get(next) ?? []) {
      if (reached.has(target) || !edges.has(target)) continue;
      reached.add(target);
      queue.push(target);
    }
  }
  for (const section of sections) {
    if (!reached.has(section.id)) context.diagnostics.error('branch-unreachable', context.file, positionOf(section.heading), `${where}: no path from the start reaches node '${section.id}'`);
  }
}

export function parseSocialMap(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): SocialMapBlock {
  const where = `:::socialmap{#${id}}`;
  const { intro, sections } = readSections(node, where, ['id', 'factors', 'gap'], true, 'group', context);
  const groups = sections.map((section) => readGroup(section, where, scope.child(`group.${section.id}`), context));
  const block: SocialMapBlock = { type: 'socialmap', id, activityPath: context.activityPathFor(id), prompt: proseOnly(intro, scope.child('prompt'), context, 'the exercise introduction'), groups, xapi: undefined as unknown as SocialMapBlock['xapi'] };
  block.xapi = interactionDefinition(block, context.sourceLocale);
  return block;
}

const LINE_PATTERN = /^(need|service)s?:\s*/i;

function readGroup(section: Section, where: string, scope: UnitScope, context: DirectiveContext): SocialMapGroup {
  const position = positionOf(section.heading);
  const line = position?.line ?? 1;
  const factors: LnobFactor[] = [];
  for (const factor of (section.attributes['factors'] ?? '').split(/[\s,]+/).filter((part) => part !== '')) {
    if ((LNOB_FACTORS as readonly string[]).includes(factor)) factors.push(factor as LnobFactor);
    else context.diagnostics.error('structure', context.file, position, `${where}: '${factor}' is not an LNOB factor (use ${LNOB_FACTORS.join(', ')})`);
  }
  const gap = section.attributes['gap'];
  if (gap !== 'true' && gap !== 'false') context.diagnostics.error('no-correct-answer', context.file, position, `${where}: group '${section.id}' needs gap=true or gap=false`);
  const lines: Partial<Record<'need' | 'service', ReturnType<typeof takeSuffix>['children']>> = {};
  for (const child of section.body) {
    const items = child.type === 'list' ? child.children : [];
    if (child.type !== 'list') context.diagnostics.error('structure', context.file, positionOf(child), `${where}: under a group write only - Need: … and - Service: …`);
    for (const item of items) {
      const paragraph = item.children[0];
      const first = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined;
      const match = first?.type === 'text' ? LINE_PATTERN.exec(first.value) : null;
      if (!match || paragraph?.type !== 'paragraph' || first?.type !== 'text') {
        context.diagnostics.error('structure', context.file, positionOf(item), `${where}: each line under a group starts with Need: or Service:`);
        continue;
      }
      const key = match[1]?.toLowerCase() === 'need' ? 'need' : 'service';
      if (lines[key]) context.diagnostics.error('structure', context.file, positionOf(item), `${where}: group '${section.id}' has two ${key} lines`);
      lines[key] = [{ ...first, value: first.value.slice(match[0].length) }, ...paragraph.children.slice(1)];
    }
  }
  for (const key of ['need', 'service'] as const) {
    if (!lines[key]) context.diagnostics.error('structure', context.file, position, `${where}: group '${section.id}' has no - ${key === 'need' ? 'Need' : 'Service'}: line`);
  }
  return {
    id: section.id,
    name: textOf(section.title, scope.named('name'), context, 'social-mapping group (a row of the table)', line, 120),
    need: textOf(lines.need ?? [], scope.named('need'), context, 'what the group needs', line, 200),
    service: textOf(lines.service ?? [], scope.named('service'), context, 'which services exist for the need', line, 200),
    factors,
    hasGap: gap === 'true',
  };
}
