import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { createHandoff } from '../../server/session/launch-handoffs.ts';
import { learnerSession, usePlayerApp } from '../helpers/player-app.ts';
import { findAccessibilityViolations } from '../helpers/browser.ts';
import { showAllLessonBlocks } from '../helpers/lesson-blocks.ts';

// The course player on the fixture course (it uses every directive), served from a copy of the
// web build with the fixture compiled into its /content.
const COURSE_TITLE = 'Rivertown practice course';
/** Tab presses allowed to reach one control: more means it is not reachable in practice. */
const TAB_PRESSES_MAX = 120;



/** Presses Tab until the control has focus: proves it is reachable with the keyboard alone. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < TAB_PRESSES_MAX; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target.toString()}`);
}

async function expectFocusedFeedback(page: Page, interaction: Locator, text: string): Promise<void> {
  const feedback = interaction.getByTestId('feedback');
  await feedback.getByText(text).waitFor();
  expect(await feedback.evaluate((element) => element === document.activeElement)).toBe(true);
  expect(await findAccessibilityViolations(page)).toEqual([]);
}

describe('the course player in Chromium', () => {
  const player = usePlayerApp();

  /** A browser context launched as a learner through the real hand-off and session exchange. */
  async function launchAsLearner(locale = 'en'): Promise<{ browserContext: BrowserContext; page: Page; consoleErrors: string[] }> {
    const browserContext = await player.browser.newContext({ locale: 'en-GB' });
    const page = await browserContext.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('404')) consoleErrors.push(message.text());
    });
    const code = await createHandoff(player.context.database.db, learnerSession({ locale, contextId: 'context-1', resourceLinkId: 'link-1', courseId: undefined }));
    await page.goto(`${player.baseUrl}/launch#code=${code}`);
    await page.waitForURL(`${player.baseUrl}/learn`);
    return { browserContext, page, consoleErrors };
  }

  it('completes a lesson with the keyboard alone, then the other lesson and the quiz (fail, then pass)', async () => {
    const { browserContext, page, consoleErrors } = await launchAsLearner();

    // Catalogue
    await page.locator('h1', { hasText: 'My courses' }).waitFor();
    const courseLink = page.getByRole('link', { name: COURSE_TITLE });
    await courseLink.waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Overview, reached with the keyboard
    await tabTo(page, courseLink);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: COURSE_TITLE }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByText('Lessons completed: 0 of 2').waitFor();
    await page.getByRole('heading', { name: 'Modules and lessons' }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Lesson 1 with the keyboard only
    await tabTo(page, page.getByRole('link', { name: /^Start: The five factors/ }));
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'The five factors' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // Scrolling through the lesson loads each interaction; focus stays where the keyboard left it.
    await showAllLessonBlocks(page);
    await page.locator('[data-interaction="q-sort"] .group-button').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // A glossary term opens its definition
    const term = page.getByRole('button', { name: /LNOB/ });
    await tabTo(page, term);
    await page.keyboard.press('Enter');
    await page.getByText('Leave No One Behind, the central promise of Agenda 2030.').waitFor();
    expect(await term.getAttribute('aria-expanded')).toBe('true');

    const mcq = page.locator('[data-interaction="q-discrimination"]');
    await tabTo(page, mcq.getByLabel('Discrimination'));
    await page.keyboard.press('Space');
    await tabTo(page, mcq.getByRole('button', { name: 'Check my answer' }));
    await page.keyboard.press('Enter');
    await expectFocusedFeedback(page, mcq, 'Correct.');
    await mcq.getByText('Yes: the barrier comes from who they are.').waitFor();

    const mrq = page.locator('[data-interaction="q-factors"]');
    for (const label of ['Geography', 'Governance']) {
      await tabTo(page, mrq.getByLabel(label));
      await page.keyboard.press('Space');
    }
    await tabTo(page, mrq.getByRole('button', { name: 'Check my answer' }));
    await page.keyboard.press('Enter');
    await expectFocusedFeedback(page, mrq, 'Correct.');

    const trueFalse = page.locator('[data-interaction="q-tf"]');
    await tabTo(page, trueFalse.getByLabel('True'));
    await page.keyboard.press('Space');
    await tabTo(page, trueFalse.getByRole('button', { name: 'Check my answer' }));
    await page.keyboard.press('Enter');
    await expectFocusedFeedback(page, trueFalse, 'Correct.');

    // Fill in the blanks: a wrong answer first, then try again
    const fill = page.locator('[data-interaction="q-fill"]');
    await tabTo(page, fill.getByLabel('Blank 1 of 2'));
    await page.keyboard.type('pledge');
    await tabTo(page, fill.getByLabel('Blank 2 of 2'));
    await page.keyboard.type('policy');
    expect(await fill.getByLabel('Blank 2 of 2').inputValue()).toBe('o1');
    await tabTo(page, fill.getByRole('button', { name: 'Check my answer' }));
    await page.keyboard.press('Enter');
    await expectFocusedFeedback(page, fill, 'Partly correct: 1 of 2.');
    await fill.getByText('Not right. The answer: commitment').waitFor();
    await tabTo(page, fill.getByRole('button', { name: 'Try again' }));
    await page.keyboard.press('Enter');
    await tabTo(page, fill.getByLabel('Blank 1 of 2'));
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(' Decision ');
    await tabTo(page, fill.getByRole('button', { name: 'Check my answer' }));
    await page.keyboard.press('Enter');
    await expectFocusedFeedback(page, fill, 'Correct.');

    const matching = page.locator('[data-interaction="q-match"]');
    await tabTo(page, matching.getByLabel('A village far from the clinic'));
    await page.keyboard.type('Geo');
    await tabTo(page, matching.getByLabel('A household on social assistance'));
    await page.keyboard.type('Socio');
    await tabTo(page, matching.getByRole('button', { name: 'Check my answer' }));
    await page.keyboard.press('Enter');
    await expectFocusedFeedback(page, matching, 'Correct.');

    // Ordering with the move buttons
    const ordering = page.locator('[data-interaction="q-order"]');
    const expected = ['Commitment', 'Desk review', 'Field data'];
    for (const [position, item] of expected.entries()) {
      const current = await ordering.locator('.ordering-text').allTextContents();
      const moves = current.indexOf(item) - position;
      if (moves <= 0) continue;
      await tabTo(page, ordering.getByRole('button', { name: `Move “${item}” up` }));
      for (let move = 0; move < moves; move += 1) await page.keyboard.press('Enter');
    }
    expect(await ordering.locator('.ordering-text').allTextContents()).toEqual(expected);
    await tabTo(page, ordering.getByRole('button', { name: 'Check my answer' }));
    await page.keyboard.press('Enter');
    await expectFocusedFeedback(page, ordering, 'Correct.');

    // Categorise: select an item, then its group
    const categorise = page.locator('[data-interaction="q-sort"]');
    for (const [item, group] of [
      ['No bus', 'Geography'],
      ['No data kept', 'Governance'],
    ] as const) {
      await tabTo(page, categorise.getByRole('button', { name: item, exact: true }));
      await page.keyboard.press('Enter');
      expect(await categorise.getByRole('button', { name: item, exact: true }).getAttribute('aria-pressed')).toBe('true');
      await tabTo(page, categorise.getByRole('button', { name: `Put it in: ${group}` }));
      await page.keyboard.press('Enter');
    }
    await tabTo(page, categorise.getByRole('button', { name: 'Check my answer' }));
    await page.keyboard.press('Enter');
    await expectFocusedFeedback(page, categorise, 'Correct.');
    await page.getByText('Activities done: 7 of 7').waitFor();

    // Next lesson through the lesson navigation
    await tabTo(page, page.getByRole('link', { name: /^Next: Practice/ }));
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Practice' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await showAllLessonBlocks(page);
    await page.locator('[data-interaction="sm-rivertown"] input').first().waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Hotspot: a click on the image chooses the region under it
    const hotspot = page.locator('[data-interaction="q-hotspot"]');
    const image = hotspot.locator('img');
    const box = (await image.boundingBox())!;
    await image.click({ position: { x: box.width * 0.2, y: box.height * 0.62 } });
    expect(await hotspot.getByLabel('Settlement by the river').isChecked()).toBe(true);
    await hotspot.getByRole('button', { name: 'Check my answer' }).click();
    await expectFocusedFeedback(page, hotspot, 'Correct.');

    // Scenario: a poor ending, start again, a good ending
    const scenario = page.locator('[data-interaction="sc-flood"]');
    await scenario.getByRole('button', { name: 'Wait' }).click();
    await expectFocusedFeedback(page, scenario, 'Not quite.');
    await scenario.getByText('A poor outcome.').waitFor();
    await scenario.getByRole('button', { name: 'Start again' }).click();
    await scenario.getByRole('button', { name: 'Check the list' }).click();
    await expectFocusedFeedback(page, scenario, 'Correct.');

    // Reveal as tabs, with the arrow keys
    const firstTab = page.getByRole('tab', { name: 'Space' });
    await firstTab.click();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Staff' }).getAttribute('aria-selected')).toBe('true');
    await page.getByText('Enough carers.').waitFor();

    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('heading', { name: 'Desk review' }).waitFor();
    await page.getByRole('button', { name: 'Turn over “LNOB”' }).click();
    await page.getByText('Leave No One Behind.').waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    const reflection = page.locator('[data-interaction="rf-own"]');
    await reflection.getByLabel(/Your answer/).fill('Roma families without documents.');
    await reflection.getByText('32 of 1500 characters').waitFor();
    await reflection.getByRole('button', { name: 'Save' }).click();
    await expectFocusedFeedback(page, reflection, 'Your answer is saved.');

    const socialMap = page.locator('[data-interaction="sm-rivertown"]');
    const roma = socialMap.getByRole('group', { name: 'Roma families by the river' });
    await roma.getByLabel('Discrimination').check();
    await roma.getByLabel('Geography').check();
    await roma.getByLabel(/do not meet the need/).check();
    await socialMap.getByRole('group', { name: 'Older people in villages' }).getByLabel('Geography').check();
    await socialMap.getByRole('button', { name: 'Check my answer' }).click();
    await expectFocusedFeedback(page, socialMap, 'Correct.');
    await page.getByText('Activities done: 4 of 4').waitFor();

    // 320 px wide without horizontal scrolling
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Answers are there again after a reload
    await page.reload();
    await page.locator('h1', { hasText: 'Practice' }).waitFor();
    await showAllLessonBlocks(page);
    await page.locator('[data-interaction="rf-own"] textarea').waitFor();
    expect(await page.locator('[data-interaction="rf-own"] textarea').inputValue()).toBe('Roma families without documents.');
    await page.locator('[data-interaction="sm-rivertown"]').getByTestId('feedback').getByText('Correct.').waitFor();

    // The module quiz: fail, review, retake, pass
    await page.getByRole('link', { name: /^Module quiz/ }).click();
    await page.locator('h1', { hasText: 'Module quiz' }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start the quiz' }).click();
    await page.getByRole('heading', { name: 'Question 2 of 2' }).waitFor();
    await page.getByLabel('Governance').check();
    await page.getByLabel('True', { exact: true }).check();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    const result = page.getByTestId('quiz-result');
    await result.getByText('Not passed: 0% correct.').waitFor();
    await result.getByText('Read the lessons again.').waitFor();
    expect(await result.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByRole('heading', { name: 'Review your answers' }).waitFor();
    await page.getByText('Attempts used: 1 of 3.').waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Take the quiz again' }).click();
    await page.getByRole('button', { name: 'Submit my answers' }).waitFor();
    await page.getByLabel('Geography').check();
    await page.getByLabel('False', { exact: true }).check();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await result.getByText('Passed: 100% correct.').waitFor();
    await result.getByText('Well done.').waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Back on the overview: both lessons done, quiz passed
    await page.getByRole('link', { name: 'Course overview' }).click();
    await page.getByText('Lessons completed: 2 of 2').waitFor();
    await page.getByText('· passed').waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Statements were made and kept in the outbox, or stored by the LRS; the status says which.
    const status = await page.getByTestId('save-status').getAttribute('data-state');
    expect(['saved', 'pending', 'saving']).toContain(status);
    expect(consoleErrors).toEqual([]);
    await browserContext.close();
  });

  it('keeps statements in IndexedDB while the LRS does not store them, and shows so', async () => {
    const { browserContext, page } = await launchAsLearner();
    await page.route('**/xapi/statements', (route) => route.fulfill({ status: 404, body: '{}' }));
    await page.goto(`${player.baseUrl}/learn/rivertown`);
    await page.locator('h1', { hasText: COURSE_TITLE }).waitFor();
    await page.getByTestId('save-status').getByText('Saved on this device; it will be sent to your course record later.').waitFor();
    const queued = await page.evaluate(
      () =>
        new Promise<{ verb: string; actor: string; registration: string | undefined }[]>((resolve, reject) => {
          const request = indexedDB.open('eacademy-player');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const all = request.result.transaction('statements').objectStore('statements').index('queuedAt').getAll();
            all.onsuccess = () =>
              resolve(
                (all.result as { statement: { verb: { id: string }; actor: { account: { homePage: string } }; context: { registration?: string } } }[]).map((item) => ({
                  verb: item.statement.verb.id,
                  actor: item.statement.actor.account.homePage,
                  registration: item.statement.context.registration,
                })),
              );
          };
        }),
    );
    expect(queued.map((item) => item.verb)).toEqual(['http://adlnet.gov/expapi/verbs/launched', 'http://adlnet.gov/expapi/verbs/initialized']);
    expect(queued[0]?.actor).toBe(player.baseUrl);
    expect(queued[0]?.registration).toMatch(/^[0-9a-f-]{36}$/);

    // Offline: the status says it will be saved when the connection is back.
    await page.unroute('**/xapi/statements');
    await browserContext.setOffline(true);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.getByTestId('save-status').getByText('Will be saved when you are back online.').waitFor();
    await browserContext.setOffline(false);
    await browserContext.close();
  });

  it('shows untranslated content in the source language with lang set and a notice', async () => {
    const { browserContext, page } = await launchAsLearner('sr-Latn');
    await page.goto(`${player.baseUrl}/learn/rivertown/basics/factors`);
    await page.locator('h1', { hasText: 'The five factors' }).waitFor();
    // The launch locale sets the UI language too: the notice is in Serbian, naming English.
    await page.getByTestId('fallback-notice').getByText('prikazani su na jeziku: engleski').waitFor();
    expect(await page.locator('h1 [lang="en"]').count()).toBe(1);
    await showAllLessonBlocks(page);
    await page.locator('[data-interaction="q-sort"] .group-button').first().waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await browserContext.close();
  });

  it.each(['en', 'sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'hr', 'cnr'])('has no accessibility violations on the player screens in %s', async (locale) => {
    const { browserContext, page } = await launchAsLearner(locale);
    for (const path of ['/learn/rivertown', '/learn/rivertown/basics/factors', '/learn/rivertown/basics/quiz']) {
      await page.goto(`${player.baseUrl}${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.getAttribute('html', 'lang'), path).toBe(locale);
      await showAllLessonBlocks(page);
      expect(await findAccessibilityViolations(page), `${locale} ${path}`).toEqual([]);
    }
    await browserContext.close();
  });

  it('answers an unknown course or lesson with the not-found page', async () => {
    const browserContext = await player.browser.newContext({ locale: 'en-GB' });
    const page = await browserContext.newPage();
    for (const path of ['/learn/no-such-course', '/learn/rivertown/basics/no-such-lesson', '/learn/rivertown/no-such-module/quiz']) {
      await page.goto(`${player.baseUrl}${path}`);
      await page.locator('h1', { hasText: 'Page not found' }).waitFor();
    }
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await browserContext.close();
  });
});
