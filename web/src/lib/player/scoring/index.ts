import type { InteractionBlock } from '../content/course-types.ts';
import { scoreChoices, scoreTrueFalse } from './choice.ts';
import { scoreFill } from './fill.ts';
import { scoreCategorise, scoreMatching, scoreOrdering } from './pairs.ts';
import { scoreScenario } from './scenario.ts';
import type { Score } from './score.ts';
import { scoreSocialMap, type SocialMapMarks } from './social-map.ts';

export type { Score } from './score.ts';

/** What the learner has entered so far, per interaction type (kept as JSON between visits). */
export interface ResponseByType {
  mcq: string[];
  mrq: string[];
  hotspot: string[];
  truefalse: boolean | null;
  fill: string[];
  matching: Record<string, string>;
  categorise: Record<string, string>;
  ordering: string[];
  socialmap: Record<string, SocialMapMarks>;
  scenario: string[];
  reflection: string;
}
export type InteractionType = keyof ResponseByType;
export type ResponseOf<B extends InteractionBlock> = ResponseByType[B['type']];

/** A fresh response; an ordering starts from the shuffled order the caller gives, or empty. */
export function createEmptyResponse(block: InteractionBlock, shuffledOrder?: readonly string[]): ResponseByType[InteractionType] {
  switch (block.type) {
    case 'mcq':
    case 'mrq':
    case 'hotspot':
      return [];
    case 'truefalse':
      return null;
    case 'fill':
      return block.blanks.map(() => '');
    case 'matching':
    case 'categorise':
    case 'socialmap':
      return {};
    case 'ordering':
      // Empty until the component shows the items in a shuffled order.
      return [...(shuffledOrder ?? [])];
    case 'scenario':
      return [block.startId];
    case 'reflection':
      return '';
  }
}

/**
 * Scores any interaction with its pure scoring function. `undefined` for what is not scored
 * (reflection) and for a scenario that has not reached an ending yet.
 */
export function scoreResponse(block: InteractionBlock, response: unknown): Score | undefined {
  switch (block.type) {
    case 'mcq':
    case 'mrq':
      return scoreChoices(block.choices, response as string[]);
    case 'hotspot':
      return scoreChoices(block.regions, response as string[]);
    case 'truefalse':
      return scoreTrueFalse(block.answer, (response as boolean | null) ?? undefined);
    case 'fill':
      return scoreFill(block.blanks, response as string[]);
    case 'matching':
      return scoreMatching(block.pairs, response as Record<string, string>);
    case 'categorise':
      return scoreCategorise(block.items, response as Record<string, string>);
    case 'ordering':
      return scoreOrdering(block.items, response as string[]);
    case 'socialmap':
      return scoreSocialMap(block.groups, response as Record<string, SocialMapMarks>);
    case 'scenario':
      return scoreScenario(block, response as string[])?.score;
    case 'reflection':
      return undefined;
  }
}
