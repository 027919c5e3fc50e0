import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { activityIri } from '../courses/compiler/ids.ts';
import { schema } from '../server/db/index.ts';
import { projectStatements, type ProjectableStatement } from '../server/progress/project-statements.ts';
import { VERB } from '../server/progress/verbs.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/database.ts';

const PUBLIC_URL = 'https://tool.example.org';
const learnerId = randomUUID();
const registration = randomUUID();

function statement(verb: string, objectId: string, extra: Partial<ProjectableStatement> = {}, minute = 0): ProjectableStatement {
  return {
    id: randomUUID(),
    actor: { account: { homePage: PUBLIC_URL, name: learnerId } },
    verb: { id: verb },
    object: { id: objectId },
    context: { registration },
    timestamp: new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString(),
    ...extra,
  };
}

const moduleIri = activityIri(PUBLIC_URL, 'lnob', 'module', 'm1');
const lessonIri = activityIri(PUBLIC_URL, 'lnob', 'module', 'm1', 'lesson', 'l2');
const questionIri = activityIri(PUBLIC_URL, 'lnob', 'bank', 'b1', 'question', 'q1');
const quizIri = activityIri(PUBLIC_URL, 'lnob', 'module', 'm1', 'quiz');

describe.each(databaseKinds())('progress projection on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it('keeps module state from statements: started, furthest lesson, attempts, best score, pass', async () => {
    const options = { publicUrl: PUBLIC_URL, organisationId: null };
    await projectStatements(database.db, [statement(VERB.experienced, lessonIri, {}, 5)], options);
    const quizContext = { registration, contextActivities: { parent: [{ id: quizIri }] } };
    await projectStatements(
      database.db,
      [
        statement(VERB.answered, questionIri, { context: quizContext, result: { response: 'a', success: false } }, 6),
        statement(VERB.failed, moduleIri, { result: { score: { scaled: 0.4 }, success: false } }, 7),
        statement(VERB.answered, questionIri, { context: quizContext, result: { response: 'b', success: true } }, 8),
      ],
      options,
    );
    const outcomes = await projectStatements(database.db, [statement(VERB.passed, moduleIri, { result: { score: { scaled: 0.9 }, success: true } }, 9)], options);
    expect(outcomes).toEqual([{ learnerId, registration, courseId: 'lnob', moduleId: 'm1', kind: 'passed', scaledScore: 0.9 }]);
    await projectStatements(database.db, [statement(VERB.failed, moduleIri, { result: { score: { scaled: 0.5 } } }, 10)], options);

    const rows = await database.db.select().from(schema.moduleProgress);
    const moduleRow = rows.find((row) => row.moduleId === 'm1');
    expect(moduleRow).toMatchObject({ furthestLesson: 'l2', attempts: 3, failedAttempts: 2, passedAt: new Date(Date.UTC(2026, 10, 22, 10, 9)) });
    expect(moduleRow?.bestScaledScore).toBeCloseTo(0.9);
    expect(moduleRow?.startedAt).toEqual(new Date(Date.UTC(2026, 10, 22, 10, 5)));
    expect(moduleRow?.lastActivityAt).toEqual(new Date(Date.UTC(2026, 10, 22, 10, 10)));
    expect(rows.find((row) => row.moduleId === '')).toMatchObject({ courseId: 'lnob' });

    const answers = await database.db.select().from(schema.firstAnswers);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ activityId: questionIri, response: 'a', isSuccess: false });
  });

  it('ignores other tools’ learners and statements without a registration', async () => {
    const before = (await database.db.select().from(schema.moduleProgress)).length;
    await projectStatements(
      database.db,
      [
        { ...statement(VERB.completed, moduleIri), actor: { account: { homePage: 'https://elsewhere.example', name: 'x' } } },
        { ...statement(VERB.completed, moduleIri), context: {} },
      ],
      { publicUrl: PUBLIC_URL, organisationId: null },
    );
    expect(await database.db.select().from(schema.moduleProgress)).toHaveLength(before);
  });
});
