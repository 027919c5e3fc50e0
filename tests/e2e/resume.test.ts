import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../../server/db/index.ts';
import { createHandoff } from '../../server/session/launch-handoffs.ts';
import type { LaunchSession } from '../../server/session/launch-session.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium } from '../helpers/browser.ts';
import { createFixtureWebRoot } from '../helpers/fixture-content.ts';
import { findFreePort } from '../helpers/server-process.ts';

/** Resume on another device: the answers live in the LRS State API, not only in one browser. */
describe('resuming a course on another device', () => {
  let context: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let web: ReturnType<typeof createFixtureWebRoot> | undefined;

  beforeAll(async () => {
    web = createFixtureWebRoot();
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    context = await createTestApp('pglite', { PUBLIC_URL: baseUrl }, { webRoot: web.webRoot });
    await context.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await context?.close();
    web?.remove();
  });

  it('shows on a second browser the answer given on the first, and records the statements in the LRS', async () => {
    const session: LaunchSession = {
      sub: crypto.randomUUID(),
      platformId: crypto.randomUUID(),
      organisationId: undefined,
      contextId: undefined,
      resourceLinkId: undefined,
      face: 'learner',
      roles: [],
      locale: 'en',
      courseId: 'rivertown',
      moduleId: undefined,
      registration: crypto.randomUUID(),
      name: 'Lea Learner',
      messageType: 'LtiResourceLinkRequest',
      deepLinking: undefined,
    };
    const openLesson = async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${baseUrl}/launch#code=${await createHandoff(context.database.db, session)}`);
      // The link is bound to the course: the launch opens its overview.
      await page.waitForURL(`${baseUrl}/learn/rivertown`);
      await page.goto(`${baseUrl}/learn/rivertown/basics/factors`);
      return page;
    };

    const first = await openLesson();
    const trueFalse = first.locator('[data-interaction="q-tf"]');
    await trueFalse.getByLabel('True').check();
    await trueFalse.getByRole('button', { name: 'Check my answer' }).click();
    await trueFalse.getByTestId('feedback').getByText('Correct.').waitFor();
    await expect
      .poll(async () => (await context.database.db.select().from(schema.xapiDocuments)).length, { timeout: 15_000 })
      .toBe(1);

    const second = await openLesson();
    const again = second.locator('[data-interaction="q-tf"]');
    await again.getByTestId('feedback').getByText('Correct.').waitFor({ timeout: 15_000 });
    expect(await again.getByLabel('True').isChecked()).toBe(true);

    await expect
      .poll(async () => (await context.database.db.select().from(schema.statements)).length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const rows = await context.database.db.select().from(schema.statements);
    const verbs = new Set(rows.map((row) => row.verbId));
    expect(verbs).toContain('http://adlnet.gov/expapi/verbs/answered');
    for (const row of rows) expect(row.actorKey).toBe(`account:${JSON.stringify([baseUrl, session.sub])}`);
  });
});
