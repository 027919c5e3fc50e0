import type { Course, ModuleRef, QuestionBlock, QuizRules } from '$lib/player/content/course-types.ts';
import type { Score } from '$lib/player/scoring/score.ts';
import { courseActivity, moduleActivity, newStamp, record } from '$lib/player/xapi/recorder.svelte.ts';
import { ACTIVITY_TYPES, buildAnswered, buildJudged, type StatementEnvironment } from '$lib/player/xapi/statements.ts';

/** The answered statements of an attempt, then passed or failed for the quiz. */
export function recordQuizAttempt(
  environment: StatementEnvironment | undefined,
  course: Course,
  module: ModuleRef,
  quiz: QuizRules,
  results: { question: QuestionBlock; score: Score }[],
  outcome: { isPassed: boolean; scoreScaled: number; durationMs: number },
  quizName: string,
): void {
  if (environment === undefined) return;
  const quizActivity = { activityPath: quiz.activityPath, type: ACTIVITY_TYPES.assessment, name: quizName };
  const trail = { course: courseActivity(course), module: moduleActivity(module) };
  const answered = results.map(({ question, score }) =>
    buildAnswered(environment, newStamp(), { ...trail, lesson: quizActivity }, {
      activityPath: question.activityPath,
      definition: question.xapi,
      response: score.response,
      success: score.isCorrect,
      scoreScaled: score.scaled,
    }),
  );
  void record([...answered, buildJudged(environment, newStamp(), trail, quizActivity, outcome)]);
}
