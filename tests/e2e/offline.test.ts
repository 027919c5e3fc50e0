import { describe, expect, it } from 'vitest';

import { createHandoff } from '../../server/session/launch-handoffs.ts';
import { showAllLessonBlocks } from '../helpers/lesson-blocks.ts';
import { learnerSession, usePlayerApp } from '../helpers/player-app.ts';

/** A dropped connection mid-module: the service worker has the rest of the module. */
describe('the player offline', () => {
  const player = usePlayerApp();

  it('opens the next lesson of the module after the connection drops', async () => {
    const browserContext = await player.browser.newContext();
    const page = await browserContext.newPage();
    const code = await createHandoff(player.context.database.db, learnerSession());
    await page.goto(`${player.baseUrl}/launch#code=${code}`);
    await page.waitForURL(`${player.baseUrl}/learn/rivertown`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // Now controlled by the worker: opening the lesson prefetches the rest of the module through it.
    await page.goto(`${player.baseUrl}/learn/rivertown/basics/factors`);
    await page.locator('h1', { hasText: 'The five factors' }).waitFor();
    const isPrefetched = () => page.evaluate(async () => (await (await caches.open('content-v1')).keys()).some((request) => request.url.endsWith('/practice.json')));
    await expect.poll(isPrefetched, { timeout: 20_000, interval: 250 }).toBe(true);
    await browserContext.setOffline(true);
    await page.getByRole('link', { name: /Next/ }).click();
    await page.locator('h1', { hasText: 'Practice' }).waitFor();
    expect(page.url()).toBe(`${player.baseUrl}/learn/rivertown/basics/practice`);
    await page.reload();
    await page.locator('h1', { hasText: 'Practice' }).waitFor();
    // The interactions' code loads on scrolling to them; the worker cached it with the app shell.
    await showAllLessonBlocks(page);
    await page.locator('[data-interaction="sm-rivertown"] input').first().waitFor();
    expect(await page.getByText('This activity could not be loaded.').count()).toBe(0);
  });
});
