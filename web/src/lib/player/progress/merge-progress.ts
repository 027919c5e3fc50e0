import type { CourseProgress, QuizAttempt } from './progress-store.ts';

/** Union of two progress records: lessons done anywhere count; quiz attempts by seed. */
export function mergeProgress(local: CourseProgress, remote: CourseProgress, isRemoteNewer: boolean): CourseProgress {
  const quizzes: Record<string, QuizAttempt[]> = { ...local.quizzes };
  for (const [moduleId, attempts] of Object.entries(remote.quizzes ?? {})) {
    const bySeed = new Map((quizzes[moduleId] ?? []).map((attempt) => [attempt.seed, attempt]));
    for (const attempt of attempts) {
      const mine = bySeed.get(attempt.seed);
      if (mine === undefined || (mine.scoreScaled === undefined && attempt.scoreScaled !== undefined)) bySeed.set(attempt.seed, attempt);
    }
    quizzes[moduleId] = [...bySeed.values()].sort((a, b) => a.startedAt - b.startedAt);
  }
  const lastLesson = isRemoteNewer ? (remote.lastLesson ?? local.lastLesson) : (local.lastLesson ?? remote.lastLesson);
  return {
    completedLessons: [...new Set([...local.completedLessons, ...(remote.completedLessons ?? [])])],
    quizzes,
    ...(lastLesson === undefined ? {} : { lastLesson }),
  };
}
