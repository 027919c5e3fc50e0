// A question bank: front matter (id, title) and question directives only.

import type { DirectiveContext } from './directives/shared.ts';
import { parseDirective } from './directives/index.ts';
import { positionOf } from './inline.ts';
import { parseMarkdown, splitFrontMatter } from './parse-lesson.ts';
import type { BankFrontMatter } from './schemas.ts';
import { BankFrontMatterSchema } from './schemas.ts';
import type { QuestionBlock, Text } from './types.ts';
import { UnitScope, plainInline } from './units.ts';

export interface ParsedBank {
  frontMatter: BankFrontMatter;
  title: Text;
  questions: QuestionBlock[];
}

export function parseBank(text: string, expectedId: string, context: Omit<DirectiveContext, 'directive'>): ParsedBank | undefined {
  const { data, body } = splitFrontMatter(text, context.file, BankFrontMatterSchema, context.diagnostics);
  const frontMatter = data as BankFrontMatter | undefined;
  if (!frontMatter) return undefined;
  if (frontMatter.id !== expectedId) {
    context.diagnostics.error('structure', context.file, { line: 2, column: 1 }, `bank id '${frontMatter.id}' must match its file name '${expectedId}.md'`);
  }
  const titleUnit = `bank-${frontMatter.id}.title`;
  context.registry.register({ unit: titleUnit, group: context.group, file: context.file, line: 2, context: `${context.label}: quiz title`, maxLength: 100 });
  const questions: QuestionBlock[] = [];
  const scope = new UnitScope(`bank-${frontMatter.id}`);
  const directiveContext: DirectiveContext = { ...context, directive: undefined };
  for (const node of parseMarkdown(body).children) {
    if (node.type === 'containerDirective' || node.type === 'leafDirective') {
      const block = parseDirective(node, scope, directiveContext, true);
      if (block) questions.push(block as QuestionBlock);
    } else {
      context.diagnostics.error('structure', context.file, positionOf(node), 'a question bank holds only questions (:::mcq, :::truefalse…): move this text into a question');
    }
  }
  return { frontMatter, title: { unit: titleUnit, content: plainInline(frontMatter.title) }, questions };
}
