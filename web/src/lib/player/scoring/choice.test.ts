import { describe, expect, it } from 'vitest';

import { scoreChoices, scoreTrueFalse } from './choice.ts';

const single = [
  { id: 'c1', isCorrect: true },
  { id: 'geo', isCorrect: false },
];
const multiple = [
  { id: 'c1', isCorrect: true },
  { id: 'c2', isCorrect: true },
  { id: 'c3', isCorrect: false },
];

describe('scoreChoices', () => {
  it('accepts exactly the correct choice of a multiple choice question', () => {
    expect(scoreChoices(single, ['c1'])).toEqual({ isCorrect: true, raw: 1, max: 1, scaled: 1, response: 'c1' });
  });

  it('rejects a wrong choice, no choice, and both choices at once', () => {
    expect(scoreChoices(single, ['geo'])).toMatchObject({ isCorrect: false, raw: 0, scaled: 0, response: 'geo' });
    expect(scoreChoices(single, [])).toMatchObject({ isCorrect: false, response: '' });
    expect(scoreChoices(single, ['c1', 'geo']).isCorrect).toBe(false);
  });

  it('scores multiple response all-or-nothing and writes the response in the author order', () => {
    expect(scoreChoices(multiple, ['c2', 'c1'])).toMatchObject({ isCorrect: true, response: 'c1[,]c2' });
    expect(scoreChoices(multiple, ['c1']).isCorrect).toBe(false);
    expect(scoreChoices(multiple, ['c1', 'c2', 'c3']).isCorrect).toBe(false);
  });

  it('never counts an id that is not one of the choices', () => {
    expect(scoreChoices(single, ['c1', 'forged']).isCorrect).toBe(false);
    expect(scoreChoices(single, ['c1', 'forged']).response).toBe('c1');
  });
});

describe('scoreTrueFalse', () => {
  it('compares with the key and treats no answer as wrong', () => {
    expect(scoreTrueFalse(true, true)).toMatchObject({ isCorrect: true, response: 'true' });
    expect(scoreTrueFalse(false, true)).toMatchObject({ isCorrect: false, response: 'true' });
    expect(scoreTrueFalse(false, false)).toMatchObject({ isCorrect: true, response: 'false' });
    expect(scoreTrueFalse(true, undefined)).toMatchObject({ isCorrect: false, response: '' });
  });
});
