import { randomUUID } from 'node:crypto';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { activityIri } from '../courses/compiler/ids.ts';
import { schema } from '../server/db/index.ts';
import { GRADE_TOPIC } from '../server/lti/services/post-grade.ts';
import { VERB } from '../server/progress/verbs.ts';
import type { LaunchSession } from '../server/session/launch-session.ts';
import { createLrsCredential } from '../server/xapi/auth/lrs-credentials.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';

type Json = Record<string, unknown>;

describe.each(databaseKinds())('xAPI with a launch session token on %s', (kind) => {
  let context: TestApp;
  let session: LaunchSession;
  let bearer: string;
  let admin: string;

  beforeAll(async () => {
    context = await createTestApp(kind);
    const created = await createLrsCredential(context.database.db, { name: 'admin', organisationId: null, scopes: ['all'], createdBy: null });
    admin = `Basic ${Buffer.from(`${created.credential.key}:${created.secret}`).toString('base64')}`;
    session = {
      sub: randomUUID(),
      platformId: randomUUID(),
      organisationId: undefined,
      contextId: randomUUID(),
      resourceLinkId: randomUUID(),
      face: 'learner',
      roles: [],
      locale: 'en',
      courseId: 'lnob',
      moduleId: 'm1',
      registration: randomUUID(),
      name: undefined,
      messageType: 'LtiResourceLinkRequest',
      deepLinking: undefined,
    };
    bearer = `Bearer ${(await context.app.signSession(session)).token}`;
  });
  afterAll(async () => {
    await context.close();
  });

  const learner = (name = session.sub) => ({ objectType: 'Agent', account: { homePage: context.config.publicUrl, name } });
  const moduleIri = () => activityIri(context.config.publicUrl, 'lnob', 'module', 'm1');

  function statement(overrides: Json = {}): Json {
    return {
      actor: learner(),
      verb: { id: VERB.experienced },
      object: { id: moduleIri() },
      context: { registration: session.registration },
      ...overrides,
    };
  }

  const send = (method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown, auth = bearer) =>
    context.app.inject({
      method,
      url,
      headers: { 'x-experience-api-version': '2.0.0', authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  it('writes statements only about its own learner and registration', async () => {
    expect((await send('POST', '/xapi/statements', statement())).statusCode).toBe(200);
    const otherLearner = await send('POST', '/xapi/statements', statement({ actor: learner(randomUUID()) }));
    expect(otherLearner.statusCode).toBe(403);
    expect(otherLearner.json().message).toContain('statements[0].actor');
    const otherRegistration = await send('POST', '/xapi/statements', statement({ context: { registration: randomUUID() } }));
    expect(otherRegistration.statusCode).toBe(403);
    expect((await send('POST', '/xapi/statements', statement({ context: {} }))).statusCode).toBe(403);
  });

  it('reads only its own statements, whatever it asks for', async () => {
    const [otherId] = (await send('POST', '/xapi/statements', statement({ actor: learner(randomUUID()), context: {} }), admin)).json() as string[];
    const [ownId] = (await send('POST', '/xapi/statements', statement())).json() as string[];
    const everything = (await send('GET', '/xapi/statements')).json() as { statements: Json[] };
    expect(everything.statements.map((item) => item.id)).toContain(ownId);
    expect(everything.statements.map((item) => item.id)).not.toContain(otherId);
    expect((await send('GET', `/xapi/statements?statementId=${otherId}`)).statusCode).toBe(404);
    const asOther = await send('GET', `/xapi/statements?agent=${encodeURIComponent(JSON.stringify(learner(randomUUID())))}`);
    expect((asOther.json() as { statements: Json[] }).statements).toEqual([]);
  });

  it('touches State only for its own learner and registration, and no profiles', async () => {
    const query = (agentName: string, registration: string | undefined) =>
      new URLSearchParams({
        activityId: moduleIri(),
        agent: JSON.stringify(learner(agentName)),
        stateId: 'bookmark',
        ...(registration === undefined ? {} : { registration }),
      }).toString();
    expect((await send('PUT', `/xapi/activities/state?${query(session.sub, session.registration)}`, { lesson: 2 })).statusCode).toBe(204);
    expect((await send('GET', `/xapi/activities/state?${query(session.sub, session.registration)}`)).json()).toEqual({ lesson: 2 });
    expect((await send('GET', `/xapi/activities/state?${query(randomUUID(), session.registration)}`)).statusCode).toBe(403);
    expect((await send('GET', `/xapi/activities/state?${query(session.sub, undefined)}`)).statusCode).toBe(403);
    expect((await send('GET', `/xapi/activities/profile?activityId=${encodeURIComponent(moduleIri())}&profileId=p`)).statusCode).toBe(403);
  });

  it('projects a passed module in the same request and queues its grade for the LMS', async () => {
    const failed = statement({ verb: { id: VERB.failed }, result: { score: { scaled: 0.4 }, success: false } });
    const passed = statement({ verb: { id: VERB.passed }, result: { score: { scaled: 0.85 }, success: true } });
    expect((await send('POST', '/xapi/statements', [failed, passed])).statusCode).toBe(200);
    const [progress] = await context.database.db.select().from(schema.moduleProgress).where(eq(schema.moduleProgress.moduleId, 'm1'));
    expect(progress).toMatchObject({ learnerId: session.sub, registration: session.registration, attempts: 2, failedAttempts: 1 });
    expect(progress?.passedAt).not.toBeNull();
    const grades = await context.database.db.select().from(schema.outbox).where(eq(schema.outbox.topic, GRADE_TOPIC));
    expect(grades).toHaveLength(1);
    expect(grades[0]?.key).toBe(`${session.resourceLinkId ?? ''}:${session.sub}`);
    expect(grades[0]?.payload).toMatchObject({
      resourceLinkId: session.resourceLinkId,
      userId: session.sub,
      scoreGiven: 85,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
  });

  it('queues no grade for statements sent with Basic credentials, though it projects them', async () => {
    const before = (await context.database.db.select().from(schema.outbox)).length;
    const otherLearner = randomUUID();
    const passed = statement({ actor: learner(otherLearner), verb: { id: VERB.passed }, result: { score: { scaled: 1 } } });
    expect((await send('POST', '/xapi/statements', passed, admin)).statusCode).toBe(200);
    expect(await context.database.db.select().from(schema.outbox)).toHaveLength(before);
    expect(await context.database.db.select().from(schema.moduleProgress).where(eq(schema.moduleProgress.learnerId, otherLearner))).not.toHaveLength(0);
  });
});
