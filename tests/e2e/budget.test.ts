import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestApp } from '../helpers/app.ts';
import { startPlayerApp, type PlayerApp } from '../helpers/player-app.ts';

/**
 * Budget for the first lesson screen, compressed bytes on the wire (bodies and headers). The
 * total meets the product's target of 100 KB. The script target is 50 KB and is not met yet:
 * interactions load only when they come near the viewport (load-when-near.ts), so this lesson's
 * first screen carries the code of its first question only (1.3 KB), the feedback's code waits
 * for the first answer and scoring for the first Check; what is left is the Svelte and SvelteKit
 * runtime (about 29 KB), the shared player code with the interaction loaders (12 KB), the
 * lesson's route node with the interaction frames (5 KB), the UI messages (one language,
 * web/vite/locale-message-tables.ts, 2.6 KB) and the Kit entries and layout nodes (5 KB); each
 * of the 11 scripts carries about 0.5 KB of headers. The script budget guards today's size
 * (56.1 KB).
 */
export const FIRST_SCREEN_BYTES_MAX = 100 * 1024;
export const FIRST_SCREEN_SCRIPT_BYTES_MAX = 57 * 1024;

interface ResourceWeight {
  name: string;
  type: string;
  bytes: number;
  headerBytes: number;
}

describe('the weight of the first lesson screen after a launch', () => {
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

  it(`stays within ${FIRST_SCREEN_BYTES_MAX / 1024} KB, of which ${FIRST_SCREEN_SCRIPT_BYTES_MAX / 1024} KB script`, async () => {
    const page = await (await browser.newContext()).newPage();
    const pending: Array<Promise<ResourceWeight | undefined>> = [];
    let isMeasuring = false;
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!isMeasuring || url.origin !== baseUrl || url.pathname.startsWith('/xapi')) return;
      pending.push(
        response
          .request()
          .sizes()
          .then((sizes) => ({ name: url.pathname, type: response.request().resourceType(), bytes: sizes.responseBodySize + sizes.responseHeadersSize, headerBytes: sizes.responseHeadersSize }))
          .catch(() => undefined),
      );
    });
    // A cold browser opening the first lesson: the app shell, the course and the lesson, as a
    // learner whose launch points at the module gets them.
    isMeasuring = true;
    await page.goto(`${baseUrl}/learn/rivertown/basics/factors`);
    await page.locator('h1', { hasText: 'The five factors' }).waitFor();
    await page.waitForTimeout(1500);
    isMeasuring = false;
    const firstScreen = (await Promise.all(pending)).filter((weight): weight is ResourceWeight => weight !== undefined && !weight.name.endsWith('/service-worker.js'));
    const total = firstScreen.reduce((sum, weight) => sum + weight.bytes, 0);
    const scripts = firstScreen.filter((weight) => weight.type === 'script').reduce((sum, weight) => sum + weight.bytes, 0);
    for (const weight of [...firstScreen].sort((a, b) => b.bytes - a.bytes).slice(0, 5)) process.stdout.write(`  ${weight.bytes} ${weight.type} ${weight.name}\n`);
    const headers = firstScreen.reduce((sum, weight) => sum + weight.headerBytes, 0);
    process.stdout.write(`first lesson screen: ${(total / 1024).toFixed(1)} KB in all (${(headers / 1024).toFixed(1)} KB of it headers), ${(scripts / 1024).toFixed(1)} KB script (${firstScreen.length} requests)\n`);
    expect(scripts).toBeLessThanOrEqual(FIRST_SCREEN_SCRIPT_BYTES_MAX);
    expect(total).toBeLessThanOrEqual(FIRST_SCREEN_BYTES_MAX);
  });
});
