import { describe, expect, it } from 'vitest';

import type { SocialMapGroup } from '../content/course-types.ts';
import { listSocialMapCells, scoreSocialMap } from './social-map.ts';

const text = { unit: 'u', content: [] };
const groups: SocialMapGroup[] = [
  { id: 'roma', name: text, need: text, service: text, factors: ['discrimination', 'geography'], hasGap: true },
  { id: 'older', name: text, need: text, service: text, factors: ['geography'], hasGap: false },
];

describe('social mapping exercise', () => {
  it('has six cells per group: the five factors and the gap', () => {
    expect(listSocialMapCells(groups, {})).toHaveLength(12);
  });

  it('is correct when every cell matches the key', () => {
    const score = scoreSocialMap(groups, {
      roma: { factors: ['geography', 'discrimination'], hasGap: true },
      older: { factors: ['geography'], hasGap: false },
    });
    expect(score).toEqual({ isCorrect: true, raw: 12, max: 12, scaled: 1, response: 'roma:discrimination[,]roma:geography[,]roma:gap[,]older:geography' });
  });

  it('scores per cell: an extra factor and a missed gap each cost one point', () => {
    const score = scoreSocialMap(groups, {
      roma: { factors: ['discrimination', 'geography', 'shocks'], hasGap: false },
      older: { factors: ['geography'], hasGap: false },
    });
    expect(score).toMatchObject({ isCorrect: false, raw: 10, max: 12 });
  });

  it('counts an unanswered table as the cells left empty, never as correct', () => {
    expect(scoreSocialMap(groups, {})).toMatchObject({ isCorrect: false, raw: 8, response: '' });
    expect(scoreSocialMap([], {})).toMatchObject({ isCorrect: false, max: 0, scaled: 0 });
  });
});
