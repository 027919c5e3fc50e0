import { describe, expect, it } from 'vitest';

import { schema } from '../../server/db/index.ts';
import { createHandoff } from '../../server/session/launch-handoffs.ts';
import { showLessonBlock } from '../helpers/lesson-blocks.ts';
import { learnerSession, usePlayerApp } from '../helpers/player-app.ts';

/** Resume on another device: the answers live in the LRS State API, not only in one browser. */
describe('resuming a course on another device', () => {
  const player = usePlayerApp();

  it('shows on a second browser the answer given on the first, and records the statements in the LRS', async () => {
    const session = learnerSession();
    const openLesson = async () => {
      const page = await (await player.browser.newContext()).newPage();
      await page.goto(`${player.baseUrl}/launch#code=${await createHandoff(player.context.database.db, session)}`);
      // The link is bound to the course: the launch opens its overview.
      await page.waitForURL(`${player.baseUrl}/learn/rivertown`);
      await page.goto(`${player.baseUrl}/learn/rivertown/basics/factors`);
      return page;
    };

    const first = await openLesson();
    const trueFalse = await showLessonBlock(first, 'q-tf');
    await trueFalse.getByLabel('True').check();
    await trueFalse.getByRole('button', { name: 'Check my answer' }).click();
    await trueFalse.getByTestId('feedback').getByText('Correct.').waitFor();
    await expect
      .poll(async () => (await player.context.database.db.select().from(schema.xapiDocuments)).length, { timeout: 15_000 })
      .toBe(1);

    const second = await openLesson();
    // The saved answer is there when the component loads on scrolling to it.
    const again = await showLessonBlock(second, 'q-tf');
    await again.getByTestId('feedback').getByText('Correct.').waitFor({ timeout: 15_000 });
    expect(await again.getByLabel('True').isChecked()).toBe(true);

    await expect
      .poll(async () => (await player.context.database.db.select().from(schema.statements)).length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const rows = await player.context.database.db.select().from(schema.statements);
    const verbs = new Set(rows.map((row) => row.verbId));
    expect(verbs).toContain('http://adlnet.gov/expapi/verbs/answered');
    for (const row of rows) expect(row.actorKey).toBe(`account:${JSON.stringify([player.baseUrl, session.sub])}`);
  });
});
