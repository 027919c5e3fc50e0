import { describe, expect, it } from 'vitest';

import { mergeProgress } from './merge-progress.ts';

describe('mergeProgress', () => {
  const local = {
    completedLessons: ['m1/l1'],
    lastLesson: { moduleId: 'm1', lessonId: 'l2' },
    quizzes: { m1: [{ seed: 1, startedAt: 10, responses: {} }] },
  };
  const remote = {
    completedLessons: ['m1/l1', 'm2/l1'],
    lastLesson: { moduleId: 'm2', lessonId: 'l2' },
    quizzes: { m1: [{ seed: 1, startedAt: 10, responses: { q: 'a' }, scoreScaled: 0.8, isPassed: true }, { seed: 2, startedAt: 5, responses: {} }] },
  };

  it('keeps every lesson done on any device and every quiz attempt, a finished one over an open one', () => {
    const merged = mergeProgress(local, remote, false);
    expect(merged.completedLessons).toEqual(['m1/l1', 'm2/l1']);
    expect(merged.quizzes.m1?.map((attempt) => attempt.seed)).toEqual([2, 1]);
    expect(merged.quizzes.m1?.find((attempt) => attempt.seed === 1)?.scoreScaled).toBe(0.8);
  });

  it('resumes at the place of the device used last', () => {
    expect(mergeProgress(local, remote, true).lastLesson).toEqual({ moduleId: 'm2', lessonId: 'l2' });
    expect(mergeProgress(local, remote, false).lastLesson).toEqual({ moduleId: 'm1', lessonId: 'l2' });
    expect(mergeProgress({ completedLessons: [], quizzes: {} }, remote, false).lastLesson).toEqual({ moduleId: 'm2', lessonId: 'l2' });
  });
});
