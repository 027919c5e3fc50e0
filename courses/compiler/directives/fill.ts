// Fill in the blanks: `:blank[answer]{accept="a|b"}` typed, `:blank[answer]{options="x|y"}` drop-down.

import { textOf } from '../blocks.ts';
import type { BlankSource } from '../inline.ts';
import { positionOf } from '../inline.ts';
import type { Blank, FillBlock } from '../types.ts';
import type { UnitScope } from '../units.ts';
import { interactionDefinition } from '../xapi.ts';
import type { ContainerNode, DirectiveContext } from './shared.ts';
import { convertExplanation, proseOnly } from './shared.ts';

export function parseFill(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): FillBlock {
  const blankSources: BlankSource[] = [];
  const quotes = node.children.filter((child) => child.type === 'blockquote');
  const prompt = node.children.filter((child) => child.type !== 'blockquote');
  const promptBlocks = proseOnly(prompt, scope.child('prompt'), { ...context, blanks: blankSources }, 'a fill-in prompt');
  if (blankSources.length === 0) {
    context.diagnostics.error('no-correct-answer', context.file, positionOf(node), `:::fill{#${id}} has no blank: write :blank[answer] where the learner fills in`);
  }
  const blanks: Blank[] = blankSources.map((source, index) => blankOf(source, scope.child(`blank${index + 1}`), context));
  const block: FillBlock = {
    type: 'fill',
    id,
    activityPath: context.activityPathFor(id),
    prompt: promptBlocks,
    blanks,
    xapi: undefined as unknown as FillBlock['xapi'],
  };
  const explanation = convertExplanation(quotes, scope, context);
  if (explanation) block.explanation = explanation;
  block.xapi = interactionDefinition(block, context.sourceLocale);
  return block;
}

function blankOf(source: BlankSource, scope: UnitScope, context: DirectiveContext): Blank {
  const line = source.position?.line ?? 1;
  if (source.options) {
    // The right option is o1 in the source; the player shows options in a shuffled order.
    const all = [source.answer, ...source.options];
    const options = all.map((value, index) => ({
      id: `o${index + 1}`,
      text: textOf([{ type: 'text', value }], scope.named(`option${index + 1}`), context, index === 0 ? 'drop-down option (the right one)' : 'drop-down option (a wrong one)', line, 80),
    }));
    return { kind: 'dropdown', options, correctOptionId: 'o1' };
  }
  const value = [source.answer, ...source.accept].join('|');
  return { kind: 'typed', answers: textOf([{ type: 'text', value }], scope.named('answers'), context, 'accepted answers to a typed blank, separated by | (add forms the learner may write in your language)', line) };
}
