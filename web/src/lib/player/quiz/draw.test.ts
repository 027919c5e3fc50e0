import { describe, expect, it } from 'vitest';

import type { McqBlock, QuestionBlock } from '../content/course-types.ts';
import { canStartAttempt, createSeededRandom, drawQuestions, findScoreBand, isPassed, shuffleWith } from './draw.ts';

const text = (value: string) => ({ unit: value, content: [{ type: 'text' as const, value }] });
const xapi = { type: 'http://adlnet.gov/expapi/activities/cmi.interaction' as const, name: {}, interactionType: 'choice' as const };
function question(id: string): McqBlock {
  const choices = ['c1', 'c2', 'c3', 'c4'].map((choice) => ({ id: choice, text: text(choice), isCorrect: choice === 'c1' }));
  return { type: 'mcq', id, activityPath: `course/c/interaction/${id}`, prompt: [], xapi, choices };
}
const bank: QuestionBlock[] = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'].map(question);

describe('quiz draw', () => {
  it('is the same for the same seed and differs between seeds', () => {
    expect(drawQuestions(bank, 3, true, 42)).toEqual(drawQuestions(bank, 3, true, 42));
    const ids = (seed: number) => drawQuestions(bank, 6, false, seed).map((q) => q.id).join();
    expect(new Set([1, 2, 3, 4, 5].map(ids)).size).toBeGreaterThan(1);
  });

  it('draws the number asked for without repeating a question', () => {
    const drawn = drawQuestions(bank, 4, false, 7);
    expect(drawn).toHaveLength(4);
    expect(new Set(drawn.map((q) => q.id)).size).toBe(4);
    expect(drawQuestions(bank, 10, false, 7)).toHaveLength(6);
  });

  it('shuffles the choices only when asked, keeping every choice', () => {
    const unshuffled = drawQuestions(bank, 6, false, 3) as McqBlock[];
    expect(unshuffled.every((q) => q.choices.map((c) => c.id).join() === 'c1,c2,c3,c4')).toBe(true);
    const shuffled = drawQuestions(bank, 6, true, 3) as McqBlock[];
    expect(shuffled.some((q) => q.choices.map((c) => c.id).join() !== 'c1,c2,c3,c4')).toBe(true);
    expect(shuffled.every((q) => [...q.choices.map((c) => c.id)].sort().join() === 'c1,c2,c3,c4')).toBe(true);
  });

  it('refuses a draw count that is not a positive integer', () => {
    expect(() => drawQuestions(bank, 0, false, 1)).toThrow(RangeError);
    expect(() => drawQuestions(bank, 1.5, false, 1)).toThrow(RangeError);
  });

  it('gives values in [0, 1) and a permutation from the shuffle', () => {
    const random = createSeededRandom(99);
    for (let index = 0; index < 100; index += 1) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
    expect(shuffleWith([1, 2, 3, 4], createSeededRandom(5)).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('quiz rules', () => {
  const bands = [
    { min: 0.5, feedback: text('Well done.') },
    { min: 0, feedback: text('Read again.') },
  ];

  it('picks the highest band reached', () => {
    expect(findScoreBand(bands, 0)?.feedback.unit).toBe('Read again.');
    expect(findScoreBand(bands, 0.49)?.feedback.unit).toBe('Read again.');
    expect(findScoreBand(bands, 0.5)?.feedback.unit).toBe('Well done.');
    expect(findScoreBand([], 1)).toBeUndefined();
  });

  it('passes at the pass mark and limits attempts unless the limit is 0', () => {
    expect(isPassed(0.5, 0.5)).toBe(true);
    expect(isPassed(0.49, 0.5)).toBe(false);
    expect(canStartAttempt(3, 2)).toBe(true);
    expect(canStartAttempt(3, 3)).toBe(false);
    expect(canStartAttempt(0, 1000)).toBe(true);
  });
});
