import type { Locator, Page } from 'playwright-core';

/**
 * A lesson loads an interaction's component only when its block comes near the viewport (a
 * placeholder marked aria-busy holds its place until then). These bring a block into view the
 * way a reader scrolling down would, and wait until its component has replaced the placeholder.
 */
export async function showLessonBlock(page: Page, blockId: string): Promise<Locator> {
  const block = page.locator(`[data-interaction="${blockId}"]`);
  await block.scrollIntoViewIfNeeded();
  await block.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
  return block;
}

/** Every interactive block of the lesson on screen, shown in turn from the top. */
export async function showAllLessonBlocks(page: Page): Promise<void> {
  const blockIds = await page.locator('[data-interaction]').evaluateAll((blocks) => blocks.map((block) => block.getAttribute('data-interaction') ?? ''));
  for (const blockId of blockIds) await showLessonBlock(page, blockId);
}
