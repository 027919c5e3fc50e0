// Matching, ordering and categorise: lists whose structure is the answer key.

import type { List, ListItem, Paragraph, RootContent } from 'mdast';
import { textOf } from '../blocks.ts';
import { positionOf } from '../inline.ts';
import type { CategoriseBlock, MatchingBlock, OrderingBlock, Text } from '../types.ts';
import type { UnitScope } from '../units.ts';
import { interactionDefinition } from '../xapi.ts';
import type { ContainerNode, DirectiveContext } from './shared.ts';
import { convertExplanation, proseOnly, splitAroundList } from './shared.ts';

/** An item's own text (first paragraph) and its nested list, if any. */
function itemParts(item: ListItem): { paragraph: Paragraph | undefined; nested: List | undefined; other: RootContent[] } {
  const [first, ...rest] = item.children;
  const nested = rest.find((child): child is List => child.type === 'list');
  const other = rest.filter((child) => child.type !== 'list');
  return { paragraph: first?.type === 'paragraph' ? first : undefined, nested, other };
}

function itemText(paragraph: Paragraph | undefined, unit: string, context: DirectiveContext, part: string, fallbackLine: number): Text {
  return textOf(paragraph?.children ?? [], unit, context, part, paragraph?.position?.start.line ?? fallbackLine, 200);
}

function rejectExtra(other: RootContent[], where: string, context: DirectiveContext): void {
  for (const node of other) context.diagnostics.error('structure', context.file, positionOf(node), `only one line of text and an indented list may go in an item of ${where}`);
}

export function parseMatching(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): MatchingBlock {
  const where = `:::matching{#${id}}`;
  const { prompt, list, explanation } = splitAroundList(node.children, 'pairs', context);
  const promptBlocks = proseOnly(prompt, scope.child('prompt'), context, 'a question prompt');
  const pairs: MatchingBlock['pairs'] = [];
  for (const [index, item] of (list?.children ?? []).entries()) {
    const { paragraph, nested, other } = itemParts(item);
    rejectExtra(other, where, context);
    const line = positionOf(item)?.line ?? 1;
    const matches = nested?.children ?? [];
    if (matches.length !== 1) {
      context.diagnostics.error('matching-unequal', context.file, positionOf(item), `each item of ${where} needs exactly one indented match (found ${matches.length})`);
      continue;
    }
    const number = index + 1;
    pairs.push({
      sourceId: `s${number}`,
      source: itemText(paragraph, scope.named(`source${number}`), context, `matching item ${number}`, line),
      targetId: `t${number}`,
      target: itemText(itemParts(matches[0] as ListItem).paragraph, scope.named(`target${number}`), context, `match for item ${number}`, line),
    });
  }
  if (pairs.length < 2) context.diagnostics.error('matching-unequal', context.file, positionOf(node), `${where} needs at least two complete pairs`);
  const block: MatchingBlock = { type: 'matching', id, activityPath: context.activityPathFor(id), prompt: promptBlocks, pairs, xapi: undefined as unknown as MatchingBlock['xapi'] };
  return finish(block, explanation, scope, context);
}

export function parseOrdering(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): OrderingBlock {
  const where = `:::ordering{#${id}}`;
  const { prompt, list, explanation } = splitAroundList(node.children, 'items', context);
  const promptBlocks = proseOnly(prompt, scope.child('prompt'), context, 'a question prompt');
  const items: OrderingBlock['items'] = [];
  for (const [index, item] of (list?.children ?? []).entries()) {
    const { paragraph, nested, other } = itemParts(item);
    rejectExtra(nested ? [nested, ...other] : other, where, context);
    const itemId = `i${index + 1}`;
    items.push({ id: itemId, text: itemText(paragraph, scope.named(`item${index + 1}`), context, `ordering item ${index + 1} (in the right order)`, positionOf(item)?.line ?? 1) });
  }
  if (items.length < 2) context.diagnostics.error('no-correct-answer', context.file, positionOf(node), `${where} needs a list of at least two items in the right order`);
  const block: OrderingBlock = { type: 'ordering', id, activityPath: context.activityPathFor(id), prompt: promptBlocks, items, xapi: undefined as unknown as OrderingBlock['xapi'] };
  return finish(block, explanation, scope, context);
}

export function parseCategorise(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): CategoriseBlock {
  const where = `:::categorise{#${id}}`;
  const { prompt, list, explanation } = splitAroundList(node.children, 'groups', context);
  const promptBlocks = proseOnly(prompt, scope.child('prompt'), context, 'a question prompt');
  const groups: CategoriseBlock['groups'] = [];
  const items: CategoriseBlock['items'] = [];
  for (const [index, groupItem] of (list?.children ?? []).entries()) {
    const { paragraph, nested, other } = itemParts(groupItem);
    rejectExtra(other, where, context);
    const groupId = `g${index + 1}`;
    const label = itemText(paragraph, scope.named(`group${index + 1}`), context, `category ${index + 1}`, positionOf(groupItem)?.line ?? 1);
    if (!nested || nested.children.length === 0) {
      context.diagnostics.error('categorise-no-group', context.file, positionOf(groupItem), `in ${where}, nothing is indented under '${labelOf(paragraph)}': groups are top-level items and every item sits indented under its group`);
      continue;
    }
    groups.push({ id: groupId, label });
    for (const member of nested.children) {
      const parts = itemParts(member);
      if (parts.nested) context.diagnostics.error('structure', context.file, positionOf(parts.nested), `${where} has only two levels: groups and their items`);
      const number = items.length + 1;
      items.push({ id: `i${number}`, groupId, text: itemText(parts.paragraph, scope.named(`item${number}`), context, `item to sort into category ${index + 1}`, positionOf(member)?.line ?? 1) });
    }
  }
  if (groups.length < 2) context.diagnostics.error('structure', context.file, positionOf(node), `${where} needs at least two groups`);
  const block: CategoriseBlock = { type: 'categorise', id, activityPath: context.activityPathFor(id), prompt: promptBlocks, groups, items, xapi: undefined as unknown as CategoriseBlock['xapi'] };
  return finish(block, explanation, scope, context);
}

function labelOf(paragraph: Paragraph | undefined): string {
  const first = paragraph?.children[0];
  return first?.type === 'text' ? first.value.slice(0, 40) : '…';
}

function finish<T extends MatchingBlock | OrderingBlock | CategoriseBlock>(block: T, explanation: Parameters<typeof convertExplanation>[0], scope: UnitScope, context: DirectiveContext): T {
  const explanationBlocks = convertExplanation(explanation, scope, context);
  if (explanationBlocks) block.explanation = explanationBlocks;
  block.xapi = interactionDefinition(block, context.sourceLocale);
  return block;
}
