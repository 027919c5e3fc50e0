import fs from 'node:fs';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHandoff } from '../../server/session/launch-handoffs.ts';
import type { LaunchSession } from '../../server/session/launch-session.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { findAccessibilityViolations, launchChromium } from '../helpers/browser.ts';
import { createFixtureWebRoot } from '../helpers/fixture-content.ts';
import { findFreePort } from '../helpers/server-process.ts';

// The UI in each of its languages: switched by the learner in the header, taken from the launch,
// kept for the tab across a reload; `<html lang>` follows and axe finds nothing in any of them.
const LOCALES = ['en', 'sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'hr', 'cnr'] as const;
type Locale = (typeof LOCALES)[number];

function readMessages(locale: Locale): Record<string, string> {
  return JSON.parse(fs.readFileSync(new URL(`../../web/messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>;
}
const MESSAGES = Object.fromEntries(LOCALES.map((locale) => [locale, readMessages(locale)])) as Record<Locale, Record<string, string>>;

function message(locale: Locale, key: string): string {
  const text = MESSAGES[locale][key];
  if (text === undefined) throw new Error(`no message ${key} in ${locale}`);
  return text;
}

function learnerSession(locale: string): LaunchSession {
  return {
    sub: crypto.randomUUID(),
    platformId: crypto.randomUUID(),
    organisationId: undefined,
    contextId: 'context-languages',
    resourceLinkId: 'link-languages',
    face: 'learner',
    roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    locale,
    courseId: undefined,
    moduleId: undefined,
    registration: crypto.randomUUID(),
    name: 'Lea Learner',
    messageType: 'LtiResourceLinkRequest',
    deepLinking: undefined,
  };
}

describe('the UI languages in Chromium', () => {
  let context: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let web: ReturnType<typeof createFixtureWebRoot> | undefined;
  // One browser context for all tests, a new tab for each: sessionStorage (where the choice is
  // kept) belongs to the tab, so tests stay apart, while the service worker installs once
  // instead of precaching the app for every test and tripping the server's rate limit.
  let browserContext: BrowserContext;

  beforeAll(async () => {
    web = createFixtureWebRoot();
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    context = await createTestApp('pglite', { PUBLIC_URL: baseUrl }, { webRoot: web.webRoot });
    await context.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
    browserContext = await browser.newContext({ locale: 'en-GB' });
  });
  afterAll(async () => {
    await browserContext?.close();
    await browser?.close();
    await context?.close();
    web?.remove();
  });

  async function openInEnglish(path: string): Promise<Page> {
    const page = await browserContext.newPage();
    await page.goto(`${baseUrl}${path}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    return page;
  }

  /** Picks the language in the header's labelled list, found by its label in the language shown now. */
  async function switchLanguage(page: Page, from: Locale, to: Locale): Promise<void> {
    await page.getByLabel(message(from, 'language_switcher_label'), { exact: true }).selectOption(to);
  }

  async function expectPageIn(page: Page, locale: Locale, headingKey: string): Promise<void> {
    await page.locator('h1', { hasText: message(locale, headingKey) }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expect(await page.getByLabel(message(locale, 'language_switcher_label'), { exact: true }).inputValue()).toBe(locale);
    expect(await findAccessibilityViolations(page), locale).toEqual([]);
  }

  it.each(LOCALES)('switches the landing page into %s without a reload', async (locale) => {
    const page = await openInEnglish('/');
    await page.getByText('The service is running. Database: pglite.').waitFor();
    await page.evaluate(() => Object.assign(window, { isSameDocument: true }));
    await switchLanguage(page, 'en', locale);
    await expectPageIn(page, locale, 'landing_title');
    await page.getByText(message(locale, 'landing_status_ok').replace('{database}', 'pglite')).waitFor();
    expect(await page.evaluate(() => 'isSameDocument' in window)).toBe(true);
    await page.close();
  });

  it.each(LOCALES)('switches the /learn page into %s', async (locale) => {
    const page = await openInEnglish('/learn');
    await page.locator('h1', { hasText: 'My courses' }).waitFor();
    await switchLanguage(page, 'en', locale);
    await expectPageIn(page, locale, 'learn_title');
    await page.close();
  });

  it('keeps the chosen language for the tab across a reload and a visit to another page', async () => {
    const page = await openInEnglish('/learn');
    await switchLanguage(page, 'en', 'mk');
    await expectPageIn(page, 'mk', 'learn_title');
    await page.reload();
    await expectPageIn(page, 'mk', 'learn_title');
    await page.goto(`${baseUrl}/`);
    await expectPageIn(page, 'mk', 'landing_title');
    await page.close();
  });

  it('can be operated with the keyboard alone', async () => {
    const page = await openInEnglish('/');
    const select = page.getByLabel('Language', { exact: true });
    for (let presses = 0; presses < 5 && !(await select.evaluate((element) => element === document.activeElement)); presses += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await select.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown'); // the next language in the list: Shqip
    await expectPageIn(page, 'sq', 'landing_title');
    // The page re-renders in place, so focus stays on the list for the next key press.
    expect(await page.getByLabel(message('sq', 'language_switcher_label'), { exact: true }).evaluate((element) => element === document.activeElement)).toBe(true);
    await page.close();
  });

  it('lists each language by its own name', async () => {
    const page = await openInEnglish('/');
    const options = page.locator('#language-switcher option');
    expect(await options.allTextContents()).toEqual(['English', 'Shqip', 'Македонски', 'Srpski', 'Српски', 'Bosanski', 'Hrvatski', 'Crnogorski']);
    expect(await options.evaluateAll((elements) => elements.map((element) => element.getAttribute('lang')))).toEqual([...LOCALES]);
    await page.close();
  });

  it.each([
    ['sr_RS', 'sr-Latn'],
    ['sr-Cyrl-RS', 'sr-Cyrl'],
    ['sq-AL', 'sq'],
    ['hr-HR', 'hr'],
    ['me', 'cnr'],
    ['de-DE', 'en'],
  ] as const)('takes the language of a launch with locale %s (→ %s)', async (launchLocale, expected) => {
    const page = await openInEnglish('/');
    await switchLanguage(page, 'en', 'bs'); // an earlier choice in the tab: the new launch wins
    const code = await createHandoff(context.database.db, learnerSession(launchLocale));
    await page.goto(`${baseUrl}/launch#code=${code}`);
    await page.waitForURL(`${baseUrl}/learn`);
    await expectPageIn(page, expected, 'learn_title');
    await page.reload();
    await expectPageIn(page, expected, 'learn_title');
    await page.close();
  });

  it('keeps working where the frame may not use storage', async () => {
    const page = await browserContext.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'sessionStorage', {
        get() {
          throw new DOMException('storage denied', 'SecurityError');
        },
      });
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/`);
    await page.locator('h1', { hasText: 'Add the e-Academy courses to your LMS' }).waitFor();
    await switchLanguage(page, 'en', 'hr');
    await expectPageIn(page, 'hr', 'landing_title');
    expect(errors).toEqual([]);
    await page.close();
  });
});
