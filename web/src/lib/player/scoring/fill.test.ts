import { describe, expect, it } from 'vitest';

import type { Blank } from '../content/course-types.ts';
import { isBlankCorrect, normaliseTypedAnswer, scoreFill } from './fill.ts';

const text = (value: string) => ({ unit: 'u', content: [{ type: 'text' as const, value }] });
const blanks: Blank[] = [
  { kind: 'typed', answers: text('commitment|decision') },
  {
    kind: 'dropdown',
    options: [
      { id: 'o1', text: text('policy uptake') },
      { id: 'o2', text: text('a survey') },
    ],
    correctOptionId: 'o1',
  },
];

describe('fill in the blanks', () => {
  it('accepts any listed answer, ignoring case and extra spaces', () => {
    expect(normaliseTypedAnswer('  Policy   Uptake ')).toBe('policy uptake');
    expect(isBlankCorrect(blanks[0]!, ' Commitment ')).toBe(true);
    expect(isBlankCorrect(blanks[0]!, 'DECISION')).toBe(true);
  });

  it('rejects an empty, missing or different typed answer', () => {
    expect(isBlankCorrect(blanks[0]!, '')).toBe(false);
    expect(isBlankCorrect(blanks[0]!, '   ')).toBe(false);
    expect(isBlankCorrect(blanks[0]!, undefined)).toBe(false);
    expect(isBlankCorrect(blanks[0]!, 'commit')).toBe(false);
  });

  it('compares a drop-down by option id', () => {
    expect(isBlankCorrect(blanks[1]!, 'o1')).toBe(true);
    expect(isBlankCorrect(blanks[1]!, 'o2')).toBe(false);
    expect(isBlankCorrect(blanks[1]!, 'policy uptake')).toBe(false);
  });

  it('gives one point per blank and writes the response as text', () => {
    expect(scoreFill(blanks, ['decision', 'o1'])).toEqual({ isCorrect: true, raw: 2, max: 2, scaled: 1, response: 'decision[,]policy uptake' });
    expect(scoreFill(blanks, ['decision', 'o2'])).toMatchObject({ isCorrect: false, raw: 1, scaled: 0.5, response: 'decision[,]a survey' });
    expect(scoreFill(blanks, [])).toMatchObject({ isCorrect: false, raw: 0, response: '[,]' });
  });
});
