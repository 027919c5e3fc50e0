import { randomUUID } from 'node:crypto';

import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../server/db/index.ts';
import type { LaunchSession } from '../server/session/launch-session.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/database.ts';
import { createFixtureWebRoot } from './helpers/fixture-content.ts';

function learnerSession(name: string | undefined): LaunchSession {
  return {
    sub: randomUUID(),
    platformId: randomUUID(),
    organisationId: undefined,
    contextId: undefined,
    resourceLinkId: undefined,
    face: 'learner',
    roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    locale: 'sr-Cyrl',
    courseId: 'rivertown',
    moduleId: undefined,
    registration: randomUUID(),
    name,
    messageType: 'LtiResourceLinkRequest',
    deepLinking: undefined,
  };
}

describe.each(databaseKinds())('certificates on %s', (kind) => {
  let context: TestApp;
  let web: ReturnType<typeof createFixtureWebRoot>;

  beforeAll(async () => {
    web = createFixtureWebRoot();
    context = await createTestApp(kind, { PUBLIC_URL: 'https://tool.example.org' }, { webRoot: web.webRoot });
  });
  afterAll(async () => {
    await context?.close();
    web?.remove();
  });

  async function tokenFor(session: LaunchSession): Promise<string> {
    return (await context.app.signSession(session)).token;
  }

  const ask = async (session: LaunchSession, locale = 'sr-Cyrl') =>
    context.app.inject({ method: 'POST', url: '/api/certificates', headers: { authorization: `Bearer ${await tokenFor(session)}` }, payload: { courseId: 'rivertown', locale } });

  async function completeEveryModule(session: LaunchSession): Promise<void> {
    const course = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(`${web.webRoot}/content/rivertown/en/course.json`, 'utf8'))) as { modules: Array<{ id: string }> };
    const at = new Date();
    for (const module of course.modules) {
      await context.database.db.insert(schema.moduleProgress).values({
        learnerId: session.sub,
        registration: String(session.registration),
        courseId: 'rivertown',
        moduleId: module.id,
        startedAt: at,
        lastActivityAt: at,
        completedAt: at,
        passedAt: at,
        attempts: 1,
        bestScaledScore: 0.9,
      });
    }
  }

  it('refuses a certificate before the course is complete', async () => {
    const response = await ask(learnerSession('Ана Петровић'));
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/every module/);
  });

  it('issues one certificate per learner and course, verifiable by code, as a PDF in Cyrillic and Latin', async () => {
    const session = learnerSession('Ана Петровић-Đorđević');
    await completeEveryModule(session);
    const issued = await ask(session);
    expect(issued.statusCode).toBe(201);
    const certificate = issued.json();
    expect(certificate).toMatchObject({ isValid: true, learnerName: 'Ана Петровић-Đorđević', locale: 'sr-Cyrl' });
    expect(certificate.code).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
    expect(certificate.verifyUrl).toBe(`https://tool.example.org/verify/${certificate.code}`);
    expect((await ask(session)).json().code).toBe(certificate.code);

    const verified = await context.app.inject({ method: 'GET', url: `/api/certificates/${certificate.code.toLowerCase()}` });
    expect(verified.json()).toMatchObject({ code: certificate.code, isValid: true, courseTitle: certificate.courseTitle });
    const pdf = await context.app.inject({ method: 'GET', url: `/api/certificates/${certificate.code}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const document = await PDFDocument.load(pdf.rawPayload);
    expect(document.getPageCount()).toBe(1);
    expect(document.getTitle()).toContain(certificate.courseTitle);
  });

  it('answers 404 for unknown or malformed codes and refuses a learner without a name', async () => {
    expect((await context.app.inject({ method: 'GET', url: '/api/certificates/ABCDEFGHJKMN' })).statusCode).toBe(404);
    expect((await context.app.inject({ method: 'GET', url: '/api/certificates/not-a-code' })).statusCode).toBe(404);
    const nameless = learnerSession(undefined);
    await completeEveryModule(nameless);
    const response = await ask(nameless, 'en');
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/name/);
  });

  it('needs a session to ask for a certificate', async () => {
    const response = await context.app.inject({ method: 'POST', url: '/api/certificates', payload: { courseId: 'rivertown', locale: 'en' } });
    expect(response.statusCode).toBe(401);
  });
});
