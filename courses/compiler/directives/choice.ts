// Multiple choice, multiple response, true/false and hotspot: a prompt, `[x]` items, feedback.

import { checkAttributes, readId } from '../attributes.ts';
import { checkMediaPath, textOf } from '../blocks.ts';
import { positionOf } from '../inline.ts';
import type { Choice, HotspotBlock, HotspotRegion, McqBlock, MrqBlock, TrueFalseBlock } from '../types.ts';
import type { UnitScope } from '../units.ts';
import { interactionDefinition } from '../xapi.ts';
import type { ContainerNode, DirectiveContext } from './shared.ts';
import { convertExplanation, convertFeedback, proseOnly, readChoiceItems, splitAroundList } from './shared.ts';

const PENDING = undefined as unknown as McqBlock['xapi'];

export function parseChoice(node: ContainerNode, kind: 'mcq' | 'mrq', id: string, scope: UnitScope, context: DirectiveContext): McqBlock | MrqBlock {
  const where = `:::${kind}{#${id}}`;
  const { prompt, list, explanation } = splitAroundList(node.children, 'choices', context);
  const promptBlocks = proseOnly(prompt, scope.child('prompt'), context, 'a question prompt');
  const choices: Choice[] = [];
  if (!list) context.diagnostics.error('structure', context.file, positionOf(node), `${where} needs a list of choices: - [x] right, - [ ] wrong`);
  const items = list ? readChoiceItems(list, where, context) : [];
  items.forEach((item, index) => {
    const position = positionOf(item.item);
    checkAttributes(item.attributes, ['id'], 'a choice', context.file, position, context.diagnostics);
    const choiceId = readId(item.attributes, false, 'a choice', context.file, position, context.diagnostics) ?? `c${index + 1}`;
    const choiceScope = scope.child(`choice.${choiceId}`);
    const choice: Choice = { id: choiceId, isCorrect: item.isCorrect, text: textOf(item.children, choiceScope.prefix, context, `choice ${choiceId}`, position?.line ?? 1, 300) };
    const feedback = convertFeedback(item.feedback, choiceScope, context);
    if (feedback) choice.feedback = feedback;
    choices.push(choice);
  });
  const correctCount = choices.filter((choice) => choice.isCorrect).length;
  if (list && correctCount === 0) context.diagnostics.error('no-correct-answer', context.file, positionOf(node), `${where} has no correct answer: mark one choice with [x]`);
  if (kind === 'mcq' && correctCount > 1) context.diagnostics.error('too-many-correct', context.file, positionOf(node), `${where} has ${correctCount} correct answers: use :::mrq for more than one`);
  if (list && choices.length < 2) context.diagnostics.error('structure', context.file, positionOf(node), `${where} needs at least two choices`);
  const block: McqBlock | MrqBlock = {
    type: kind,
    id,
    activityPath: context.activityPathFor(id),
    prompt: promptBlocks,
    choices,
    xapi: PENDING,
  };
  const explanationBlocks = convertExplanation(explanation, scope, context);
  if (explanationBlocks) block.explanation = explanationBlocks;
  block.xapi = interactionDefinition(block, context.sourceLocale);
  return block;
}

export function parseTrueFalse(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): TrueFalseBlock {
  const attributes = (node.attributes ?? {}) as Record<string, string>;
  const answer = attributes['answer'];
  if (answer !== 'true' && answer !== 'false') {
    context.diagnostics.error('no-correct-answer', context.file, positionOf(node), `:::truefalse{#${id}} needs answer=true or answer=false`);
  }
  const quotes = node.children.filter((child) => child.type === 'blockquote');
  const prompt = node.children.filter((child) => child.type !== 'blockquote');
  const block: TrueFalseBlock = {
    type: 'truefalse',
    id,
    activityPath: context.activityPathFor(id),
    prompt: proseOnly(prompt, scope.child('prompt'), context, 'a question prompt'),
    answer: answer === 'true',
    xapi: PENDING,
  };
  const explanation = convertExplanation(quotes, scope, context);
  if (explanation) block.explanation = explanation;
  block.xapi = interactionDefinition(block, context.sourceLocale);
  return block;
}

const PERCENT_MAX = 100;

function readShape(attributes: Record<string, string>): { shape: 'rect' | 'circle'; coords: number[] } | undefined {
  const rect = attributes['rect'];
  const circle = attributes['circle'];
  const raw = rect ?? circle;
  if (raw === undefined || (rect !== undefined && circle !== undefined)) return undefined;
  const coords = raw.split(',').map((part) => Number(part.trim()));
  const expected = rect !== undefined ? 4 : 3;
  if (coords.length !== expected || coords.some((value) => !Number.isFinite(value) || value < 0 || value > PERCENT_MAX)) return undefined;
  return { shape: rect !== undefined ? 'rect' : 'circle', coords };
}

export function parseHotspot(node: ContainerNode, id: string, scope: UnitScope, context: DirectiveContext): HotspotBlock {
  const where = `:::hotspot{#${id}}`;
  const position = positionOf(node);
  const attributes = (node.attributes ?? {}) as Record<string, string>;
  const src = attributes['src'] ?? '';
  const alt = (attributes['alt'] ?? '').trim();
  if (src === '') context.diagnostics.error('hotspot', context.file, position, `${where} needs src="media/…" (the image)`);
  else checkMediaPath(src, context, position);
  if (alt === '') context.diagnostics.error('hotspot', context.file, position, `${where} has no alt text: describe the image with alt="…"`);
  const { prompt, list, explanation } = splitAroundList(node.children, 'regions', context);
  const promptBlocks = proseOnly(prompt, scope.child('prompt'), context, 'a question prompt');
  const items = list ? readChoiceItems(list, where, context) : [];
  const regions: HotspotRegion[] = [];
  items.forEach((item, index) => {
    const itemPosition = positionOf(item.item);
    checkAttributes(item.attributes, ['id', 'rect', 'circle'], 'a hotspot region', context.file, itemPosition, context.diagnostics);
    const regionId = readId(item.attributes, false, 'a hotspot region', context.file, itemPosition, context.diagnostics) ?? `r${index + 1}`;
    const shape = readShape(item.attributes);
    if (!shape) context.diagnostics.error('hotspot', context.file, itemPosition, `region ${regionId} of ${where} needs {rect=left,top,width,height} or {circle=x,y,radius} in percent (0–100)`);
    const regionScope = scope.child(`region.${regionId}`);
    const region: HotspotRegion = {
      id: regionId,
      label: textOf(item.children, regionScope.prefix, context, `hotspot region ${regionId} (also read out in the list alternative)`, itemPosition?.line ?? 1, 200),
      shape: shape?.shape ?? 'rect',
      coords: shape?.coords ?? [],
      isCorrect: item.isCorrect,
    };
    const feedback = convertFeedback(item.feedback, regionScope, context);
    if (feedback) region.feedback = feedback;
    regions.push(region);
  });
  if (regions.length === 0) context.diagnostics.error('hotspot', context.file, position, `${where} has no region: list them as - [x] label {rect=…}`);
  else if (!regions.some((region) => region.isCorrect)) context.diagnostics.error('no-correct-answer', context.file, position, `${where} has no correct region: mark one with [x]`);
  const block: HotspotBlock = {
    type: 'hotspot',
    id,
    activityPath: context.activityPathFor(id),
    prompt: promptBlocks,
    src,
    alt: textOf([{ type: 'text', value: alt }], scope.named('alt'), context, 'image description (alt text) of a hotspot image', position?.line ?? 1, 250),
    regions,
    xapi: PENDING,
  };
  const explanationBlocks = convertExplanation(explanation, scope, context);
  if (explanationBlocks) block.explanation = explanationBlocks;
  block.xapi = interactionDefinition(block, context.sourceLocale);
  return block;
}
