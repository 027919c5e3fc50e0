// What every directive parser shares: the context, splitting a directive's children into its
// parts, and reading `[x]` choice items.

import type { Blockquote, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { Attributes } from '../attributes.ts';
import type { BlockContext } from '../blocks.ts';
import { convertProse, takeSuffix } from '../blocks.ts';
import { positionOf } from '../inline.ts';
import type { ProseBlock } from '../types.ts';
import type { UnitScope } from '../units.ts';

export interface DirectiveContext extends BlockContext {
  courseId: string;
  sourceLocale: string;
  /** Relative activity path for an interaction id in this lesson or bank. */
  activityPathFor: (id: string) => string;
  /** Every interaction id met, to check course-wide uniqueness. */
  interactionIds: { id: string; file: string; position: ReturnType<typeof positionOf> }[];
}

export type ContainerNode = Extract<RootContent, { type: 'containerDirective' }>;

/** Directive children without the `[label]` paragraph, and that label. */
export function splitLabel(node: ContainerNode): { label: Paragraph | undefined; children: RootContent[] } {
  const first = node.children[0];
  const isLabel = first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true;
  return isLabel ? { label: first, children: node.children.slice(1) } : { label: undefined, children: node.children };
}

/** Prompt blocks (before the first list), the list, and explanation quotes after it. */
export function splitAroundList(
  children: RootContent[],
  where: string,
  context: DirectiveContext,
): { prompt: RootContent[]; list: List | undefined; explanation: Blockquote[] } {
  const index = children.findIndex((child) => child.type === 'list');
  if (index === -1) return { prompt: children, list: undefined, explanation: [] };
  const after = children.slice(index + 1);
  const explanation: Blockquote[] = [];
  for (const node of after) {
    if (node.type === 'blockquote') explanation.push(node);
    else context.diagnostics.error('structure', context.file, positionOf(node), `after the list of ${where} only a > quote (the explanation) may follow`);
  }
  return { prompt: children.slice(0, index), list: children[index] as List, explanation };
}

export function convertExplanation(quotes: Blockquote[], scope: UnitScope, context: DirectiveContext): ProseBlock[] | undefined {
  if (quotes.length === 0) return undefined;
  return convertProse(quotes.flatMap((quote) => quote.children), scope.child('explanation'), { ...context, label: `${context.label}, explanation` }, 'an explanation');
}

export interface ChoiceItem {
  item: ListItem;
  isCorrect: boolean;
  /** The item's text without the `[x]` marker and the `{…}` suffix. */
  children: PhrasingContent[];
  attributes: Attributes;
  /** Nested quotes: feedback for this choice. */
  feedback: Blockquote[];
}

const MARKER_PATTERN = /^\[([ xX])\]\s*/;

/** Reads `- [x] text {#id}` items with optional nested `> feedback`. */
export function readChoiceItems(list: List, where: string, context: DirectiveContext): ChoiceItem[] {
  const items: ChoiceItem[] = [];
  for (const item of list.children) {
    const [first, ...rest] = item.children;
    const position = positionOf(item);
    const firstText = first?.type === 'paragraph' ? first.children[0] : undefined;
    const marker = firstText?.type === 'text' ? MARKER_PATTERN.exec(firstText.value) : null;
    if (first?.type !== 'paragraph' || !marker || firstText?.type !== 'text') {
      context.diagnostics.error('structure', context.file, position, `each item of ${where} starts with [x] (correct) or [ ] (not correct)`);
      continue;
    }
    const stripped: PhrasingContent[] = [{ ...firstText, value: firstText.value.slice(marker[0].length) }, ...first.children.slice(1)];
    const { children, attributes } = takeSuffix(stripped);
    const feedback: Blockquote[] = [];
    for (const node of rest) {
      if (node.type === 'blockquote') feedback.push(node);
      else context.diagnostics.error('structure', context.file, positionOf(node), `under an item of ${where} only a > quote (its feedback) may follow`);
    }
    items.push({ item, isCorrect: marker[1] !== ' ', children, attributes: attributes ?? {}, feedback });
  }
  return items;
}

export function convertFeedback(quotes: Blockquote[], scope: UnitScope, context: DirectiveContext): ProseBlock[] | undefined {
  if (quotes.length === 0) return undefined;
  return convertProse(quotes.flatMap((quote) => quote.children), scope.child('feedback'), { ...context, label: `${context.label}, feedback` }, 'feedback');
}

/** Splits children at headings: content before the first heading, then one section per heading. */
export function splitSections(children: RootContent[]): { intro: RootContent[]; sections: { heading: Heading; body: RootContent[] }[] } {
  const intro: RootContent[] = [];
  const sections: { heading: Heading; body: RootContent[] }[] = [];
  for (const node of children) {
    if (node.type === 'heading') sections.push({ heading: node, body: [] });
    else (sections.at(-1)?.body ?? intro).push(node);
  }
  return { intro, sections };
}

export function proseOnly(nodes: RootContent[], scope: UnitScope, context: DirectiveContext, where: string): ProseBlock[] {
  const { directive: _ignored, ...withoutDirectives } = context;
  return convertProse(nodes, scope, withoutDirectives, where);
}

