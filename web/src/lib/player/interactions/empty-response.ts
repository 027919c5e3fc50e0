import type { InteractionBlock } from '../content/course-types.ts';
import type { SocialMapMarks } from '../scoring/social-map.ts';

// Apart from the scoring functions: a frame needs an empty response to show its interaction,
// scoring only once the learner checks an answer, so scoring stays out of the first screen.

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
