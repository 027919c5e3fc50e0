import fs from 'node:fs';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { registerSimulatedPlatform } from '../helpers/lti.ts';
import { usePlayerApp } from '../helpers/player-app.ts';
import { ROLE, startPlatformSimulator, type PlatformSimulator } from '../platform-simulator/index.ts';

// The launch's language travels beside the one-time code in the fragment of `/launch`
// (server/lti/pages/launch-pages.ts): the app starts in it, so a browser in another language
// never fetches the messages of its own language first.
const LOCALES = ['en', 'sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'hr', 'cnr'] as const;
type Locale = (typeof LOCALES)[number];

const MESSAGES = Object.fromEntries(
  LOCALES.map((locale) => [locale, JSON.parse(fs.readFileSync(new URL(`../../web/messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>]),
) as Record<Locale, Record<string, string>>;

/**
 * The common message tables among the scripts `page` receives, by their text: each carries the
 * skip link of its language. Reports every language whose skip link a table holds.
 */
function watchMessageTables(page: Page): () => Promise<Array<Locale[]>> {
  const scripts: Array<Promise<string>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''));
  });
  return async () =>
    (await Promise.all(scripts))
      .map((text) => LOCALES.filter((locale) => text.includes(`\`${MESSAGES[locale].skip_to_content}\``)))
      .filter((locales) => locales.length > 0);
}

describe('the language of a launch in Chromium', () => {
  const player = usePlayerApp();
  let simulator: PlatformSimulator;

  beforeAll(async () => {
    simulator = await startPlatformSimulator({ toolUrl: player.baseUrl });
    await registerSimulatedPlatform(player.context.database.db, simulator);
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('opens a launch in Macedonian from an English browser with the Macedonian messages only', async () => {
    const launch = await simulator.launch({ roles: [ROLE.learner], locale: 'mk-MK', presentation: 'window' });
    const handoff = /href="(\/launch#[^"]+)"/.exec(launch.body)?.[1]?.replaceAll('&amp;', '&');
    expect(handoff).toMatch(/^\/launch#code=[\w-]+&locale=mk-MK$/);
    const browserContext = await player.browser.newContext({ locale: 'en-GB' });
    const page = await browserContext.newPage();
    const receivedTables = watchMessageTables(page);
    await page.goto(`${player.baseUrl}${handoff}`);
    await page.locator('h1', { hasText: MESSAGES.mk.learn_title }).waitFor();
    expect(page.url()).toBe(`${player.baseUrl}/learn`);
    expect(await page.getAttribute('html', 'lang')).toBe('mk');
    await page.waitForLoadState('networkidle');
    expect(await receivedTables()).toEqual([['mk']]);
    await browserContext.close();
  });

  it('shows a failed hand-off in the launch’s language, without the browser’s messages', async () => {
    const browserContext = await player.browser.newContext({ locale: 'en-GB' });
    const page = await browserContext.newPage();
    const receivedTables = watchMessageTables(page);
    await page.goto(`${player.baseUrl}/launch#code=not-a-code&locale=mk`);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('h1').textContent()).toBe(MESSAGES.mk.launch_title);
    expect(await page.getAttribute('html', 'lang')).toBe('mk');
    // The code and the language are cleared from the address, so history keeps neither.
    expect(page.url()).toBe(`${player.baseUrl}/launch`);
    await page.waitForLoadState('networkidle');
    expect(await receivedTables()).toEqual([['mk']]);
    await browserContext.close();
  });
});
