import { and, eq, like } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { schema } from '../../server/db/index.ts';
import { createHandoff } from '../../server/session/launch-handoffs.ts';
import { findAccessibilityViolations } from '../helpers/browser.ts';
import { showLessonBlock } from '../helpers/lesson-blocks.ts';
import { learnerSession, usePlayerApp } from '../helpers/player-app.ts';

// The categorise interaction of the fixture course (`q-sort` in lessons/factors.md), sorted by
// dragging with a mouse, and by the tap-then-choose alternative (WCAG 2.2, 2.5.7). Both must
// leave the same answer behind: the same stored record and the same `answered` statement.
const INTERACTION_ID = 'q-sort';
const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
/** Pointer moves between press and release: enough to pass the drag threshold in small steps. */
const DRAG_STEPS = 8;
/** How long the outbox may take to deliver a statement to the LRS. */
const STATEMENT_WAIT_MS = 15_000;

interface LessonPage {
  page: Page;
  categorise: Locator;
  actorKey: string;
  consoleErrors: string[];
  close(): Promise<void>;
}

function centre(box: { x: number; y: number; width: number; height: number }): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses on the item, moves onto the target in steps, and returns before releasing. */
async function dragOnto(page: Page, item: Locator, target: Locator): Promise<void> {
  // The mouse acts on the viewport: both ends of the drag must be on screen.
  await target.scrollIntoViewIfNeeded();
  await item.scrollIntoViewIfNeeded();
  const from = centre((await item.boundingBox())!);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const to = centre((await target.boundingBox())!);
  await page.mouse.move(to.x, to.y, { steps: DRAG_STEPS });
}

describe('the categorise interaction with a pointer', () => {
  const player = usePlayerApp();

  async function openLesson(): Promise<LessonPage> {
    const session = learnerSession();
    const browserContext = await player.browser.newContext({ locale: 'en-GB' });
    const page = await browserContext.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('404')) consoleErrors.push(message.text());
    });
    await page.goto(`${player.baseUrl}/launch#code=${await createHandoff(player.context.database.db, session)}`);
    await page.waitForURL(`${player.baseUrl}/learn/rivertown`);
    await page.goto(`${player.baseUrl}/learn/rivertown/basics/factors`);
    const categorise = await showLessonBlock(page, INTERACTION_ID);
    await categorise.locator('.group-button').first().waitFor();
    return { page, categorise, actorKey: `account:${JSON.stringify([player.baseUrl, session.sub])}`, consoleErrors, close: () => browserContext.close() };
  }

  const item = (categorise: Locator, name: string) => categorise.getByRole('button', { name, exact: true });
  const group = (categorise: Locator, name: string) => categorise.getByRole('button', { name: `Put it in: ${name}` });

  /** The answer as this device keeps it (what resume reads back). */
  const readStoredRecord = (page: Page) =>
    page.evaluate(() => {
      const key = Object.keys(localStorage).find((candidate) => candidate.endsWith('.q-sort'));
      return key === undefined ? undefined : (JSON.parse(localStorage.getItem(key)!) as unknown);
    });

  /** The `answered` statement the LRS stored for this learner's categorise answer. */
  async function readAnsweredResult(actorKey: string): Promise<Record<string, unknown>> {
    const query = () =>
      player.context.database.db
        .select()
        .from(schema.statements)
        .where(and(eq(schema.statements.actorKey, actorKey), eq(schema.statements.verbId, ANSWERED), like(schema.statements.activityId, '%/interaction/q-sort')));
    await expect.poll(async () => (await query()).length, { timeout: STATEMENT_WAIT_MS }).toBe(1);
    const [row] = await query();
    const { duration: _duration, ...result } = (row!.statement as { result: Record<string, unknown> }).result;
    return result;
  }

  it('places a dropped item like select-then-place, announces it, scores it, and locks after checking', async () => {
    const { page, categorise, consoleErrors, close } = await openLesson();
    const liveRegion = categorise.locator('[aria-live="polite"]');

    // While dragging: the item is selected and the group under the pointer is the drop target.
    await dragOnto(page, item(categorise, 'No bus'), group(categorise, 'Geography'));
    expect(await item(categorise, 'No bus').getAttribute('aria-pressed')).toBe('true');
    expect(await group(categorise, 'Geography').getAttribute('class')).toContain('drop-target');
    expect(await group(categorise, 'Governance').getAttribute('class')).not.toContain('drop-target');
    await page.mouse.up();
    await categorise.getByText('Now in: Geography').waitFor();
    expect(await liveRegion.textContent()).toBe('“No bus” is now in Geography.');
    // The click that ends a mouse drag does not select the item again.
    expect(await item(categorise, 'No bus').getAttribute('aria-pressed')).toBe('false');
    expect(await group(categorise, 'Geography').isDisabled()).toBe(true);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // A drop outside every group places nothing and leaves the item selected for a group button.
    await dragOnto(page, item(categorise, 'No data kept'), categorise.locator('.hint'));
    await page.mouse.up();
    expect(await item(categorise, 'No data kept').getAttribute('aria-pressed')).toBe('true');
    expect(await categorise.getByText('Now in: no group yet').count()).toBe(1);

    // A wrong drop first: the score counts it.
    await dragOnto(page, item(categorise, 'No data kept'), group(categorise, 'Geography'));
    await page.mouse.up();
    await liveRegion.getByText('“No data kept” is now in Geography.').waitFor();
    await categorise.getByRole('button', { name: 'Check my answer' }).click();
    const feedback = categorise.getByTestId('feedback');
    await feedback.getByText('Partly correct: 1 of 2.').waitFor();
    await categorise.getByText('Not right. The answer: Governance').waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // After checking, a drag moves nothing, as the buttons do nothing.
    expect(await item(categorise, 'No bus').isDisabled()).toBe(true);
    await dragOnto(page, item(categorise, 'No bus'), group(categorise, 'Governance'));
    expect(await categorise.locator('.drop-target').count()).toBe(0);
    await page.mouse.up();
    expect(await categorise.getByText('Now in: Geography').count()).toBe(2);
    expect(await item(categorise, 'No bus').getAttribute('aria-pressed')).toBe('false');

    // Try again, move the wrong item, and check: all correct.
    await categorise.getByRole('button', { name: 'Try again' }).click();
    await dragOnto(page, item(categorise, 'No data kept'), group(categorise, 'Governance'));
    await page.mouse.up();
    await categorise.getByText('Now in: Governance').waitFor();
    expect(await liveRegion.textContent()).toBe('“No data kept” is now in Governance.');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await categorise.getByRole('button', { name: 'Check my answer' }).click();
    await feedback.getByText('Correct.').waitFor();
    expect(await feedback.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByText('Activities done: 1 of 7').waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    expect(await readStoredRecord(page)).toMatchObject({ isSubmitted: true, score: { raw: 2, max: 2, isCorrect: true } });
    expect(consoleErrors).toEqual([]);
    await close();
  });

  it('selects with a tap that does not move, and leaves the same answer as a drag', async () => {
    const dragged = await openLesson();
    for (const [name, groupName] of [
      ['No bus', 'Geography'],
      ['No data kept', 'Governance'],
    ] as const) {
      await dragOnto(dragged.page, item(dragged.categorise, name), group(dragged.categorise, groupName));
      await dragged.page.mouse.up();
    }
    await dragged.categorise.getByRole('button', { name: 'Check my answer' }).click();
    await dragged.categorise.getByTestId('feedback').getByText('Correct.').waitFor();

    const tapped = await openLesson();
    for (const [name, groupName] of [
      ['No bus', 'Geography'],
      ['No data kept', 'Governance'],
    ] as const) {
      // A press and release on the spot: a tap, under the drag threshold, selects.
      await item(tapped.categorise, name).scrollIntoViewIfNeeded();
      const { x, y } = centre((await item(tapped.categorise, name).boundingBox())!);
      await tapped.page.mouse.move(x, y);
      await tapped.page.mouse.down();
      await tapped.page.mouse.move(x + 2, y + 1);
      await tapped.page.mouse.up();
      expect(await item(tapped.categorise, name).getAttribute('aria-pressed')).toBe('true');
      expect(await tapped.categorise.locator('.drop-target').count()).toBe(0);
      await group(tapped.categorise, groupName).click();
      expect(await item(tapped.categorise, name).getAttribute('aria-pressed')).toBe('false');
    }
    // A second tap on a selected item deselects it, as before.
    await item(tapped.categorise, 'No bus').click();
    await item(tapped.categorise, 'No bus').click();
    expect(await item(tapped.categorise, 'No bus').getAttribute('aria-pressed')).toBe('false');
    await tapped.categorise.getByRole('button', { name: 'Check my answer' }).click();
    await tapped.categorise.getByTestId('feedback').getByText('Correct.').waitFor();
    expect(await findAccessibilityViolations(tapped.page)).toEqual([]);

    // Same record on the device and same statement in the LRS, whichever way it was sorted.
    const draggedRecord = await readStoredRecord(dragged.page);
    expect(draggedRecord).toMatchObject({ isSubmitted: true, score: { raw: 2, max: 2, isCorrect: true } });
    expect(await readStoredRecord(tapped.page)).toEqual(draggedRecord);
    const draggedResult = await readAnsweredResult(dragged.actorKey);
    expect(draggedResult).toMatchObject({ success: true, score: { scaled: 1 } });
    expect(await readAnsweredResult(tapped.actorKey)).toEqual(draggedResult);
    expect([...dragged.consoleErrors, ...tapped.consoleErrors]).toEqual([]);
    await dragged.close();
    await tapped.close();
  });
});
