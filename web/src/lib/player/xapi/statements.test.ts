import { describe, expect, it } from 'vitest';

import type { InteractionDefinition } from '../content/course-types.ts';
import {
  ACTIVITY_TYPES,
  buildAnswered,
  buildCompleted,
  buildExperienced,
  buildInitialized,
  buildJudged,
  buildLaunched,
  buildProgressed,
  buildTerminated,
  formatDuration,
  PROGRESS_EXTENSION,
  SESSION_ID_EXTENSION,
  StatementInputError,
  type ActivityTrail,
  type StatementEnvironment,
} from './statements.ts';

const environment: StatementEnvironment = {
  publicUrl: 'https://academy.example',
  accountName: '0b6a1c7e-1111-4a4a-8b8b-222222222222',
  registration: '6f1c2d3e-4a5b-5c6d-8e7f-90a1b2c3d4e5',
  language: 'sr-Latn',
  sessionId: 'session-1',
};
const stamp = { id: '11111111-2222-4333-8444-555555555555', timestamp: new Date('2025-05-01T10:00:00Z') };
const course = { activityPath: 'course/rivertown', type: ACTIVITY_TYPES.course, name: 'Rivertown' };
const module = { activityPath: 'course/rivertown/module/basics', type: ACTIVITY_TYPES.module, name: 'Basics' };
const lesson = { activityPath: 'course/rivertown/module/basics/lesson/factors', type: ACTIVITY_TYPES.lesson, name: 'The five factors' };
const lessonTrail: ActivityTrail = { course, module, lesson };
const definition: InteractionDefinition = {
  type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  name: { 'sr-Latn': 'Which factor?' },
  interactionType: 'choice',
  choices: [{ id: 'c1', description: { 'sr-Latn': 'Discrimination' } }],
  correctResponsesPattern: ['c1'],
};
const iri = (path: string) => `https://academy.example/xapi/activities/${path}`;

describe('xAPI statement builder', () => {
  it('builds launched and initialized on the course with actor, registration, language and session id', () => {
    const launched = buildLaunched(environment, stamp, { course });
    expect(launched).toEqual({
      id: stamp.id,
      actor: { objectType: 'Agent', account: { homePage: 'https://academy.example', name: environment.accountName } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
      object: { objectType: 'Activity', id: iri('course/rivertown'), definition: { type: ACTIVITY_TYPES.course, name: { 'sr-Latn': 'Rivertown' } } },
      context: { registration: environment.registration, platform: 'NALAS e-Academy course runtime', language: 'sr-Latn', extensions: { [SESSION_ID_EXTENSION]: 'session-1' } },
      timestamp: '2025-05-01T10:00:00.000Z',
    });
    expect(buildInitialized(environment, stamp, { course }).verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized');
  });

  it('puts the nearest ancestor in parent and the others in grouping', () => {
    const progressed = buildProgressed(environment, stamp, lessonTrail, 40);
    expect(progressed.object.id).toBe(iri(lesson.activityPath));
    expect(progressed.context.contextActivities?.parent?.map((a) => a.id)).toEqual([iri(module.activityPath)]);
    expect(progressed.context.contextActivities?.grouping?.map((a) => a.id)).toEqual([iri(course.activityPath)]);
    expect(progressed.result).toEqual({ extensions: { [PROGRESS_EXTENSION]: 40 } });
  });

  it('builds answered with the interaction definition, response, success, scaled score and duration', () => {
    const answered = buildAnswered(environment, stamp, lessonTrail, {
      activityPath: `${lesson.activityPath}/interaction/q1`,
      definition,
      response: 'c1',
      success: true,
      scoreScaled: 1,
      durationMs: 65_250,
    });
    expect(answered.object).toEqual({ objectType: 'Activity', id: iri(`${lesson.activityPath}/interaction/q1`), definition });
    expect(answered.result).toEqual({ response: 'c1', success: true, score: { scaled: 1 }, duration: 'PT1M5.25S' });
    expect(answered.context.contextActivities?.parent?.[0]?.id).toBe(iri(lesson.activityPath));
    expect(answered.context.contextActivities?.grouping?.map((a) => a.id)).toEqual([iri(course.activityPath), iri(module.activityPath)]);
  });

  it('leaves success and score out of an unscored answer (a reflection)', () => {
    const answered = buildAnswered(environment, stamp, lessonTrail, { activityPath: 'course/rivertown/x', definition: { ...definition, interactionType: 'long-fill-in' }, response: 'My text' });
    expect(answered.result).toEqual({ response: 'My text' });
  });

  it('builds experienced, completed, passed, failed and terminated', () => {
    const reveal = { activityPath: `${lesson.activityPath}/interaction/rv`, type: ACTIVITY_TYPES.interaction, name: 'Standards' };
    expect(buildExperienced(environment, stamp, lessonTrail, reveal).object.id).toBe(iri(reveal.activityPath));
    expect(buildCompleted(environment, stamp, lessonTrail, 600_000).result).toEqual({ completion: true, duration: 'PT10M0S', extensions: { [PROGRESS_EXTENSION]: 100 } });
    const quiz = { activityPath: 'course/rivertown/module/basics/quiz', type: ACTIVITY_TYPES.assessment, name: 'Quiz' };
    const passed = buildJudged(environment, stamp, { course, module }, quiz, { isPassed: true, scoreScaled: 0.75, durationMs: 1000 });
    expect(passed.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(passed.result).toEqual({ success: true, score: { scaled: 0.75 }, duration: 'PT1S' });
    const failed = buildJudged(environment, stamp, { course, module }, quiz, { isPassed: false, scoreScaled: 0, durationMs: 1000 });
    expect(failed.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(failed.result?.success).toBe(false);
    const terminated = buildTerminated(environment, stamp, { course }, 3_723_000);
    expect(terminated.result).toEqual({ duration: 'PT1H2M3S' });
    expect(terminated.context.contextActivities).toBeUndefined();
  });

  it('omits the registration when the session has none', () => {
    const { registration: _registration, ...withoutRegistration } = environment;
    expect(buildLaunched(withoutRegistration, stamp, { course }).context).not.toHaveProperty('registration');
  });

  it('refuses invalid input instead of sending a statement the LRS must reject', () => {
    expect(() => buildProgressed(environment, stamp, lessonTrail, 101)).toThrow(StatementInputError);
    expect(() => buildProgressed(environment, stamp, lessonTrail, 12.5)).toThrow(StatementInputError);
    expect(() => buildProgressed(environment, stamp, lessonTrail, -1)).toThrow(StatementInputError);
    const answer = { activityPath: 'course/rivertown/x', definition, response: 'c1' };
    expect(() => buildAnswered(environment, stamp, lessonTrail, { ...answer, scoreScaled: 1.5 })).toThrow(StatementInputError);
    expect(() => buildAnswered(environment, stamp, lessonTrail, { ...answer, scoreScaled: Number.NaN })).toThrow(StatementInputError);
    expect(() => buildLaunched(environment, { ...stamp, id: 'not-a-uuid' }, { course })).toThrow(StatementInputError);
    expect(() => buildLaunched({ ...environment, registration: 'abc' }, stamp, { course })).toThrow(StatementInputError);
    expect(() => buildLaunched({ ...environment, accountName: ' ' }, stamp, { course })).toThrow(StatementInputError);
    expect(() => buildLaunched({ ...environment, publicUrl: 'academy.example' }, stamp, { course })).toThrow(StatementInputError);
    expect(() => buildLaunched(environment, { ...stamp, timestamp: new Date('nope') }, { course })).toThrow(StatementInputError);
    expect(() => buildCompleted(environment, stamp, lessonTrail, -5)).toThrow(StatementInputError);
  });
});

describe('formatDuration', () => {
  it('writes ISO 8601 durations to the hundredth of a second', () => {
    expect(formatDuration(0)).toBe('PT0S');
    expect(formatDuration(1234)).toBe('PT1.23S');
    expect(formatDuration(59_999)).toBe('PT1M0S');
    expect(formatDuration(90 * 60_000)).toBe('PT1H30M0S');
  });
});
