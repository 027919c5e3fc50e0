import type { InteractionBlock } from '../content/course-types.ts';
import { scoreChoices, scoreTrueFalse } from './choice.ts';
import { scoreFill } from './fill.ts';
import { scoreCategorise, scoreMatching, scoreOrdering } from './pairs.ts';
import { scoreScenario } from './scenario.ts';
import type { Score } from './score.ts';
import { scoreSocialMap, type SocialMapMarks } from './social-map.ts';

export type { Score } from './score.ts';

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
