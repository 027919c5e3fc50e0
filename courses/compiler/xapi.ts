// cmi.interaction activity definitions for each interaction type, as the player sends them in
// "answered" statements (xAPI 2.0 §9.3 / 1.0.3 "Interaction Activities"). Descriptions are in the
// lesson's locale; ids are the stable ids of the source so responses compare across languages.

import type { InteractionBlock, InteractionComponent, InteractionDefinition, ProseBlock, Text } from './types.ts';
import { LNOB_FACTORS } from './types.ts';
import { collectTexts, inlineToPlain } from './units.ts';

const CMI_INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
const DESCRIPTION_LENGTH_MAX = 500;

function plain(text: Text): string {
  return inlineToPlain(text.content).trim();
}

function proseToPlain(blocks: ProseBlock[]): string {
  const joined = collectTexts(blocks).map(plain).join(' ').trim();
  return joined.length > DESCRIPTION_LENGTH_MAX ? `${joined.slice(0, DESCRIPTION_LENGTH_MAX - 1)}…` : joined;
}

function component(id: string, text: Text, locale: string): InteractionComponent {
  return { id, description: { [locale]: plain(text) } };
}

/** Responses in patterns are joined with `[,]` and pairs with `[.]` (xAPI 2.0 §9.3.2). */
export function interactionDefinition(block: InteractionBlock, locale: string): InteractionDefinition {
  const base = { type: CMI_INTERACTION, name: { [locale]: proseToPlain(block.prompt) || block.id } } as const;
  switch (block.type) {
    case 'mcq':
    case 'mrq':
      return {
        ...base,
        interactionType: 'choice',
        choices: block.choices.map((choice) => component(choice.id, choice.text, locale)),
        correctResponsesPattern: [block.choices.filter((choice) => choice.isCorrect).map((choice) => choice.id).join('[,]')],
      };
    case 'truefalse':
      return { ...base, interactionType: 'true-false', correctResponsesPattern: [String(block.answer)] };
    case 'fill': {
      const answers = block.blanks.map((blank) => {
        if (blank.kind === 'dropdown') return blank.options.find((option) => option.id === blank.correctOptionId)?.text ?? blank.options[0]?.text;
        return blank.answers;
      });
      const firstAnswers = answers.map((text) => (text ? plain(text).split('|')[0]?.trim() ?? '' : ''));
      return { ...base, interactionType: 'fill-in', correctResponsesPattern: [`{case_matters=false}${firstAnswers.join('[,]')}`] };
    }
    case 'matching':
      return {
        ...base,
        interactionType: 'matching',
        source: block.pairs.map((pair) => component(pair.sourceId, pair.source, locale)),
        target: block.pairs.map((pair) => component(pair.targetId, pair.target, locale)),
        correctResponsesPattern: [block.pairs.map((pair) => `${pair.sourceId}[.]${pair.targetId}`).join('[,]')],
      };
    case 'ordering':
      return {
        ...base,
        interactionType: 'sequencing',
        choices: block.items.map((item) => component(item.id, item.text, locale)),
        correctResponsesPattern: [block.items.map((item) => item.id).join('[,]')],
      };
    case 'categorise':
      return {
        ...base,
        interactionType: 'matching',
        source: block.items.map((item) => component(item.id, item.text, locale)),
        target: block.groups.map((group) => component(group.id, group.label, locale)),
        correctResponsesPattern: [block.items.map((item) => `${item.id}[.]${item.groupId}`).join('[,]')],
      };
    case 'hotspot':
      return {
        ...base,
        interactionType: 'choice',
        choices: block.regions.map((region) => component(region.id, region.label, locale)),
        correctResponsesPattern: [block.regions.filter((region) => region.isCorrect).map((region) => region.id).join('[,]')],
      };
    case 'scenario':
      // The response is the id of the ending reached, one of the scenario's nodes: a choice (an
      // `other` interaction may not list choices), where any good ending is a correct pattern.
      return {
        ...base,
        interactionType: 'choice',
        choices: block.nodes.map((node) => component(node.id, node.title, locale)),
        correctResponsesPattern: block.nodes.filter((node) => node.outcome === 'good').map((node) => node.id),
      };
    case 'socialmap': {
      // Each marked cell is a choice: `<group>:<factor>` or `<group>:gap`.
      const choices: InteractionComponent[] = [];
      const correct: string[] = [];
      for (const group of block.groups) {
        const name = plain(group.name);
        for (const cell of [...LNOB_FACTORS, 'gap']) {
          const id = `${group.id}:${cell}`;
          choices.push({ id, description: { [locale]: `${name}: ${cell}` } });
          const isMarked = cell === 'gap' ? group.hasGap : (group.factors as string[]).includes(cell);
          if (isMarked) correct.push(id);
        }
      }
      return { ...base, interactionType: 'choice', choices, correctResponsesPattern: [correct.join('[,]')] };
    }
    case 'reflection':
      return { ...base, interactionType: 'long-fill-in' };
  }
}
