import type { Block, Course, InteractionBlock, Lesson, LessonRef, ModuleRef } from '$lib/player/content/course-types.ts';
import { textToPlain } from '$lib/player/content/plain-text.ts';
import { lessonKey, updateProgress } from '$lib/player/progress/progress-store.ts';
import type { Score } from '$lib/player/scoring/score.ts';
import { courseActivity, lessonActivity, moduleActivity, newStamp, record } from '$lib/player/xapi/recorder.svelte.ts';
import { ACTIVITY_TYPES, buildAnswered, buildCompleted, buildExperienced, buildProgressed, type StatementEnvironment } from '$lib/player/xapi/statements.ts';

// What a lesson records: the local progress (always) and the statements (with a launch session).

const INTERACTION_TYPES = new Set(['mcq', 'mrq', 'truefalse', 'fill', 'matching', 'ordering', 'categorise', 'hotspot', 'scenario', 'reflection', 'socialmap']);

export function isInteraction(block: Block): block is InteractionBlock {
  return INTERACTION_TYPES.has(block.type);
}

const trailOf = (course: Course, module: ModuleRef, lesson: LessonRef) => ({ course: courseActivity(course), module: moduleActivity(module), lesson: lessonActivity(lesson) });

function completedPercent(course: Course, completedLessons: string[]): number {
  const total = course.modules.reduce((sum, module) => sum + module.lessons.length, 0);
  return total === 0 ? 0 : Math.round((completedLessons.length / total) * 100);
}

/** Remembers where the learner is; a lesson without interactions is complete once opened. */
export function recordLessonVisit(environment: StatementEnvironment | undefined, course: Course, module: ModuleRef, lessonRef: LessonRef, lesson: Lesson, isCompleteOnVisit: boolean): void {
  updateProgress(course.id, (progress) => {
    progress.lastLesson = { moduleId: module.id, lessonId: lesson.id };
  });
  if (isCompleteOnVisit) completeLesson(environment, course, module, lessonRef, 0);
}

function completeLesson(environment: StatementEnvironment | undefined, course: Course, module: ModuleRef, lessonRef: LessonRef, durationMs: number): void {
  const key = lessonKey(module.id, lessonRef.id);
  let isNew = false;
  const progress = updateProgress(course.id, (current) => {
    if (current.completedLessons.includes(key)) return;
    current.completedLessons.push(key);
    isNew = true;
  });
  if (!isNew || environment === undefined) return;
  void record([
    buildCompleted(environment, newStamp(), trailOf(course, module, lessonRef), durationMs),
    buildProgressed(environment, newStamp(), { course: courseActivity(course) }, completedPercent(course, progress.completedLessons)),
  ]);
}

/** Progress inside the lesson; when every interaction is answered the lesson is completed. */
export function recordLessonProgress(
  environment: StatementEnvironment | undefined,
  course: Course,
  module: ModuleRef,
  lessonRef: LessonRef,
  answeredCount: number,
  interactionCount: number,
  durationMs: number,
): void {
  if (interactionCount > 0 && answeredCount >= interactionCount) {
    completeLesson(environment, course, module, lessonRef, durationMs);
    return;
  }
  if (environment === undefined || interactionCount === 0) return;
  void record([buildProgressed(environment, newStamp(), trailOf(course, module, lessonRef), Math.round((answeredCount / interactionCount) * 100))]);
}

export function recordAnswer(
  environment: StatementEnvironment | undefined,
  course: Course,
  module: ModuleRef,
  lessonRef: LessonRef,
  block: InteractionBlock,
  score: Score | undefined,
  response: unknown,
  durationMs: number,
): void {
  if (environment === undefined) return;
  const answer =
    score === undefined
      ? { activityPath: block.activityPath, definition: block.xapi, response: typeof response === 'string' ? response : '', durationMs }
      : { activityPath: block.activityPath, definition: block.xapi, response: score.response, success: score.isCorrect, scoreScaled: score.scaled, durationMs };
  void record([buildAnswered(environment, newStamp(), trailOf(course, module, lessonRef), answer)]);
}

export function recordExperienced(environment: StatementEnvironment | undefined, course: Course, module: ModuleRef, lessonRef: LessonRef, block: Block): void {
  if (environment === undefined || !('activityPath' in block)) return;
  const name = block.type === 'reveal' ? block.panels[0]?.title : block.type === 'steps' ? block.steps[0]?.title : block.type === 'flashcards' ? block.cards[0]?.title : undefined;
  const object = { activityPath: block.activityPath, type: ACTIVITY_TYPES.interaction, name: name === undefined ? block.type : textToPlain(name) };
  void record([buildExperienced(environment, newStamp(), trailOf(course, module, lessonRef), object)]);
}
