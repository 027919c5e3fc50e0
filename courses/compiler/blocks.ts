// Markdown block content → prose blocks with their translatable units.

import type { Heading, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { Attributes } from './attributes.ts';
import { splitAttributeSuffix } from './attributes.ts';
import { isValidId } from './ids.ts';
import type { InlineContext, Reference } from './inline.ts';
import { convertInline, positionOf } from './inline.ts';
import type { ProseBlock, Text } from './types.ts';
import type { UnitRegistry, UnitScope } from './units.ts';

export interface BlockContext extends InlineContext {
  registry: UnitRegistry;
  /** The XLIFF <file> the units go to. */
  group: string;
  /** Prefix of translator notes, e.g. `Lesson "Five factors"`. */
  label: string;
  media: Reference[];
  /** Handles a directive met among prose blocks; undefined means directives are not allowed here. */
  directive?: (node: Extract<RootContent, { type: 'containerDirective' | 'leafDirective' }>, scope: UnitScope) => ProseBlock | undefined;
}

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'];

/** Removes a trailing `{…}` from phrasing content; `attributes` is undefined when there is none. */
export function takeSuffix(children: PhrasingContent[]): { children: PhrasingContent[]; attributes: Attributes | undefined } {
  const last = children.at(-1);
  if (last?.type !== 'text') return { children, attributes: undefined };
  const split = splitAttributeSuffix(last.value);
  if (!split.attributes) return { children, attributes: undefined };
  const trimmed = split.text.replace(/\s+$/, '');
  const head = children.slice(0, -1);
  return { children: trimmed === '' ? head : [...head, { ...last, value: trimmed }], attributes: split.attributes };
}

/** Creates a Text for phrasing content and registers its unit. */
export function textOf(children: PhrasingContent[], unit: string, context: BlockContext, part: string, line: number, maxLength?: number): Text {
  const content = convertInline(children, context);
  context.registry.register({ unit, group: context.group, file: context.file, line, context: `${context.label}: ${part}`, ...(maxLength ? { maxLength } : {}) });
  return { unit, content };
}

function lineOf(node: { position?: { start: { line: number } } | undefined }): number {
  return node.position?.start.line ?? 1;
}

/**
 * A paragraph may end with `{#id}` to fix its unit id. Only a lone `#id` counts, so ordinary text
 * in braces at the end of a sentence stays text.
 */
function paragraphUnit(paragraph: Paragraph, scope: UnitScope, context: BlockContext): { children: PhrasingContent[]; unit: string } {
  const { children, attributes } = takeSuffix(paragraph.children);
  const id = attributes?.['id'];
  if (attributes && id !== undefined && Object.keys(attributes).length === 1) {
    if (!isValidId(id)) context.diagnostics.error('invalid-id', context.file, positionOf(paragraph), `id '${id}' is not valid`);
    return { children, unit: scope.named(id) };
  }
  return { children: paragraph.children, unit: scope.next() };
}

function convertImage(paragraph: Paragraph, scope: UnitScope, context: BlockContext): ProseBlock | undefined {
  const image = paragraph.children[0];
  if (image?.type !== 'image') return undefined;
  const position = positionOf(image);
  const alt = (image.alt ?? '').trim();
  if (alt === '') context.diagnostics.error('image', context.file, position, `image '${image.url}' has no text alternative: write ![what it shows](${image.url})`);
  checkMediaPath(image.url, context, position);
  const unit = scope.next();
  const altText = textOf([{ type: 'text', value: alt }], `${unit}.alt`, context, 'image description (alt text)', lineOf(image), 250);
  const block: ProseBlock = { type: 'image', src: image.url, alt: altText };
  if (image.title) block.caption = textOf([{ type: 'text', value: image.title }], `${unit}.caption`, context, 'image caption', lineOf(image));
  return block;
}

/** Images come only from the course's own media folder, in a raster format (SVG can hold script). */
export function checkMediaPath(src: string, context: BlockContext, position: Reference['position']): void {
  const extension = src.split('.').at(-1)?.toLowerCase() ?? '';
  const isInMedia = /^media\/[A-Za-z0-9._/-]+$/.test(src) && !src.split('/').includes('..');
  if (!isInMedia) {
    context.diagnostics.error('image', context.file, position, `image '${src}' must be a file in this course's media/ folder, e.g. media/map.png`);
  } else if (!IMAGE_EXTENSIONS.includes(extension)) {
    context.diagnostics.error('image', context.file, position, `image '${src}' must be ${IMAGE_EXTENSIONS.join(', ')}`);
  } else {
    context.media.push({ id: src, file: context.file, position });
  }
}

export function convertHeading(heading: Heading, unit: string, context: BlockContext, id: string, children: PhrasingContent[]): ProseBlock {
  const level = Math.min(Math.max(heading.depth, 2), 4) as 2 | 3 | 4;
  return { type: 'heading', level, id, text: textOf(children, unit, context, `heading level ${level}`, lineOf(heading), 120) };
}

export function convertProse(nodes: RootContent[], scope: UnitScope, context: BlockContext, where: string): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  for (const node of nodes) {
    const block = convertProseNode(node, scope, context, where);
    if (block) blocks.push(block);
  }
  return blocks;
}

function convertProseNode(node: RootContent, scope: UnitScope, context: BlockContext, where: string): ProseBlock | undefined {
  const { diagnostics, file } = context;
  const position = positionOf(node);
  switch (node.type) {
    case 'paragraph': {
      if (node.children.length === 1 && node.children[0]?.type === 'image') return convertImage(node, scope, context);
      const { children, unit } = paragraphUnit(node, scope, context);
      return { type: 'paragraph', text: textOf(children, unit, context, 'paragraph', lineOf(node)) };
    }
    case 'list':
      return {
        type: 'list',
        ordered: node.ordered === true,
        items: node.children.map((item) => convertProse(item.children, scope, context, where)),
      };
    case 'blockquote':
      return { type: 'quote', blocks: convertProse(node.children, scope, context, where) };
    case 'thematicBreak':
      return { type: 'rule' };
    case 'html':
      diagnostics.error('raw-html', file, position, 'raw HTML is not allowed in course content');
      return undefined;
    case 'code':
      diagnostics.error('markdown', file, position, 'code blocks are not part of the course format (use `code` inside a sentence)');
      return undefined;
    case 'definition':
      diagnostics.error('markdown', file, position, 'link definitions are not supported: write [text](https://…) in place');
      return undefined;
    case 'heading':
      diagnostics.error('structure', file, position, `headings are not allowed in ${where}`);
      return undefined;
    case 'containerDirective':
    case 'leafDirective':
      if (context.directive) return context.directive(node, scope);
      diagnostics.error('structure', file, position, `directives do not nest: ':::${node.name}' cannot be inside ${where}`);
      return undefined;
    default:
      diagnostics.error('markdown', file, position, `'${node.type}' is not part of the course format`);
      return undefined;
  }
}
