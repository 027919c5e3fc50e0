// A lesson or question-bank file: YAML front matter, then Markdown with the closed directive set.

import type { Root, RootContent } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import type { TSchema } from 'typebox';
import { unified } from 'unified';
import { checkAttributes, readId } from './attributes.ts';
import type { BlockContext } from './blocks.ts';
import { convertHeading, convertProse, takeSuffix } from './blocks.ts';
import { parseDirective } from './directives/index.ts';
import type { DirectiveContext } from './directives/shared.ts';
import type { Diagnostics } from './errors.ts';
import { positionOf } from './inline.ts';
import type { LessonFrontMatter } from './schemas.ts';
import { LessonFrontMatterSchema } from './schemas.ts';
import type { Block, Text } from './types.ts';
import { UnitScope, plainInline } from './units.ts';
import { checkSchema, readYaml } from './yaml-source.ts';

const FRONT_MATTER_PATTERN = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits front matter from the body; the body keeps its line numbers (front matter lines blanked). */
export function splitFrontMatter(text: string, file: string, schema: TSchema, diagnostics: Diagnostics): { data: unknown; body: string } {
  const match = FRONT_MATTER_PATTERN.exec(text);
  if (!match) {
    diagnostics.error('structure', file, { line: 1, column: 1 }, 'the file must start with front matter between --- lines (id, title…)');
    return { data: undefined, body: text };
  }
  const source = readYaml(match[1] ?? '', file, diagnostics, 1);
  const isValid = source !== undefined && checkSchema(schema, source, file, diagnostics);
  const blankLines = '\n'.repeat(match[0].split('\n').length - 1);
  return { data: isValid ? source.value : undefined, body: blankLines + text.slice(match[0].length) };
}

export function parseMarkdown(body: string): Root {
  return unified().use(remarkParse).use(remarkDirective).parse(body);
}

export interface ParsedLesson {
  frontMatter: LessonFrontMatter;
  title: Text;
  objectives: Text[];
  blocks: Block[];
}

/** `context.group`, `label` and `activityPathFor` must already name this lesson. */
export function parseLesson(text: string, context: Omit<DirectiveContext, 'directive'>): ParsedLesson | undefined {
  const { data, body } = splitFrontMatter(text, context.file, LessonFrontMatterSchema, context.diagnostics);
  const frontMatter = data as LessonFrontMatter | undefined;
  if (!frontMatter) return undefined;
  const lessonId = frontMatter.id;
  const register = (unit: string, value: string, part: string, maxLength: number): Text => {
    context.registry.register({ unit, group: context.group, file: context.file, line: 1, context: `${context.label}: ${part}`, maxLength });
    return { unit, content: plainInline(value) };
  };
  const title = register(`${lessonId}.title`, frontMatter.title, 'lesson title', 100);
  const objectives = frontMatter.objectives.map((objective, index) => register(`${lessonId}.objective.${index + 1}`, objective, `learning objective ${index + 1}`, 250));
  const blocks = parseBody(parseMarkdown(body).children, lessonId, context);
  return { frontMatter, title, objectives, blocks };
}

function parseBody(nodes: RootContent[], lessonId: string, baseContext: Omit<DirectiveContext, 'directive'>): Block[] {
  const blocks: Block[] = [];
  const sectionIds = new Set<string>();
  let sectionCount = 0;
  let scope = new UnitScope(`${lessonId}.intro`);
  const context: DirectiveContext = {
    ...baseContext,
    directive: (node, sectionScope) => {
      const block = parseDirective(node, sectionScope, context, false);
      if (block) blocks.push(block);
      return undefined;
    },
  };
  const proseContext: BlockContext = { ...context, directive: undefined };
  for (const node of nodes) {
    if (node.type === 'containerDirective' || node.type === 'leafDirective') {
      context.directive?.(node, scope);
      continue;
    }
    if (node.type !== 'heading') {
      blocks.push(...convertProse([node], scope, proseContext, 'a lesson'));
      continue;
    }
    const position = positionOf(node);
    if (node.depth === 1) context.diagnostics.error('structure', context.file, position, 'the lesson title comes from the front matter: use ## for sections');
    if (node.depth > 4) context.diagnostics.error('structure', context.file, position, 'use headings ## to #### only');
    sectionCount += 1;
    const { children, attributes = {} } = takeSuffix(node.children);
    checkAttributes(attributes, ['id'], 'a heading', context.file, position, context.diagnostics);
    const sectionId = readId(attributes, false, 'a heading', context.file, position, context.diagnostics) ?? `s${sectionCount}`;
    if (sectionIds.has(sectionId)) context.diagnostics.error('duplicate-id', context.file, position, `heading id '${sectionId}' is used twice in this lesson`);
    sectionIds.add(sectionId);
    scope = new UnitScope(`${lessonId}.${sectionId}`);
    blocks.push(convertHeading(node, scope.named('heading'), proseContext, sectionId, children));
  }
  return blocks;
}
