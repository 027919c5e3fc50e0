/** Where an activity sits in a course, read from its IRI (courses/compiler/ids.ts builds them). */
export interface ActivityPlace {
  courseId: string;
  moduleId: string | undefined;
  lessonId: string | undefined;
  /** An interaction in a lesson, or a question of a bank. */
  interactionId: string | undefined;
  isQuiz: boolean;
  bankId: string | undefined;
}

const PATH_SEGMENTS_MAX = 10;

/**
 * Parses `<publicUrl>/xapi/activities/course/<c>[/module/<m>[/lesson/<l>[/interaction/<i>]|/quiz]]`
 * and `…/course/<c>/bank/<b>/question/<q>`. Activities of other tools give undefined.
 */
export function parseActivityPlace(activityId: string, publicUrl: string): ActivityPlace | undefined {
  const prefix = `${publicUrl}/xapi/activities/`;
  if (!activityId.startsWith(prefix)) return undefined;
  const segments = activityId.slice(prefix.length).split('/');
  if (segments.length > PATH_SEGMENTS_MAX || segments[0] !== 'course' || segments[1] === undefined || segments[1] === '') return undefined;
  const place: ActivityPlace = { courseId: decode(segments[1]), moduleId: undefined, lessonId: undefined, interactionId: undefined, isQuiz: false, bankId: undefined };
  for (let index = 2; index < segments.length; index += 2) {
    const name = segments[index];
    const value = segments[index + 1];
    if (name === 'quiz' && value === undefined && place.moduleId !== undefined) {
      place.isQuiz = true;
      continue;
    }
    if (value === undefined || value === '') return undefined;
    if (name === 'module') place.moduleId = decode(value);
    else if (name === 'lesson') place.lessonId = decode(value);
    else if (name === 'interaction' || name === 'question') place.interactionId = decode(value);
    else if (name === 'bank') place.bankId = decode(value);
    else return undefined;
  }
  return place;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
