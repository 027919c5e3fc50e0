import { describe, expect, it } from 'vitest';

import { activityIri } from '../../courses/compiler/ids.ts';
import { parseActivityPlace } from './parse-activity.ts';

const URL = 'https://tool.example.org';

describe('parseActivityPlace', () => {
  it('reads course, module, lesson and interaction from IRIs the compiler builds', () => {
    expect(parseActivityPlace(activityIri(URL, 'lnob', 'module', 'm1', 'lesson', 'l2', 'interaction', 'q3'), URL)).toEqual({
      courseId: 'lnob',
      moduleId: 'm1',
      lessonId: 'l2',
      interactionId: 'q3',
      isQuiz: false,
      bankId: undefined,
    });
    expect(parseActivityPlace(activityIri(URL, 'lnob'), URL)).toMatchObject({ courseId: 'lnob', moduleId: undefined });
    expect(parseActivityPlace(activityIri(URL, 'lnob', 'module', 'm1', 'quiz'), URL)).toMatchObject({ moduleId: 'm1', isQuiz: true });
    expect(parseActivityPlace(activityIri(URL, 'lnob', 'bank', 'b1', 'question', 'q9'), URL)).toMatchObject({ bankId: 'b1', interactionId: 'q9' });
  });

  it('ignores activities of other tools and malformed paths', () => {
    expect(parseActivityPlace('https://other.example/xapi/activities/course/x', URL)).toBeUndefined();
    expect(parseActivityPlace(`${URL}/xapi/activities/lesson/x`, URL)).toBeUndefined();
    expect(parseActivityPlace(`${URL}/xapi/activities/course/`, URL)).toBeUndefined();
    expect(parseActivityPlace(`${URL}/xapi/activities/course/c/module`, URL)).toBeUndefined();
    expect(parseActivityPlace(`${URL}/xapi/activities/course/c/widget/w`, URL)).toBeUndefined();
    expect(parseActivityPlace(`${URL}/xapi/activities/course/c/quiz`, URL)).toBeUndefined();
  });
});
