import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../../server/db/index.ts';
import { createHandoff } from '../../server/session/launch-handoffs.ts';
import type { TestApp } from '../helpers/app.ts';
import { showLessonBlock } from '../helpers/lesson-blocks.ts';
import { learnerSession, startPlayerApp, type PlayerApp } from '../helpers/player-app.ts';

/** Resume on another device: the answers live in the LRS State API, not only in one browser. */
describe('resuming a course on another device', () => {
  let player: PlayerApp;
  let context: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    player = await startPlayerApp();
    ({ context, browser, baseUrl } = player);
  });
  afterAll(async () => {
    await player?.close();
  });

  it('shows on a second browser the answer given on the first, and records the statements in the LRS', async () => {
    const session = learnerSession();
    const openLesson = async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${baseUrl}/launch#code=${await createHandoff(context.database.db, session)}`);
      // The link is bound to the course: the launch opens its overview.
      await page.waitForURL(`${baseUrl}/learn/rivertown`);
      await page.goto(`${baseUrl}/learn/rivertown/basics/factors`);
      return page;
    };

    const first = await openLesson();
    const trueFalse = await showLessonBlock(first, 'q-tf');
    await trueFalse.getByLabel('True').check();
    await trueFalse.getByRole('button', { name: 'Check my answer' }).click();
    await trueFalse.getByTestId('feedback').getByText('Correct.').waitFor();
    await expect
      .poll(async () => (await context.database.db.select().from(schema.xapiDocuments)).length, { timeout: 15_000 })
      .toBe(1);

    const second = await openLesson();
    // The saved answer is there when the component loads on scrolling to it.
    const again = await showLessonBlock(second, 'q-tf');
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
