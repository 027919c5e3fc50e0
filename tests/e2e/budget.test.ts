import { describe, expect, it } from 'vitest';

import { usePlayerApp } from '../helpers/player-app.ts';

/**
 * Budget for the first lesson screen, compressed bytes on the wire (bodies and headers). Both of
 * the product's targets are met: 100 KB in all, of which 50 KB script. This lesson's first screen
 * carries nine scripts (49.2 KB): the app chunk, Svelte and SvelteKit with the app code every page
 * shares (36.8 KB, of which the framework is about 28 KB), the lesson's route node with the
 * interaction frames (4.6 KB), Kit's two entries (2.4 KB), the UI messages of one language
 * (web/vite/locale-message-tables.ts, 1.9 KB), the root layout and error nodes (1.8 KB), the
 * code of its first question (1.1 KB; interactions load near the viewport, load-when-near.ts,
 * feedback at the first answer, scoring at the first Check) and the bundler's runtime helper
 * (0.4 KB). Each script carries about 0.35 KB of headers: hashed assets go without the headers
 * only a page uses (server/http/security-headers.ts).
 */
export const FIRST_SCREEN_BYTES_MAX = 100 * 1024;
export const FIRST_SCREEN_SCRIPT_BYTES_MAX = 50 * 1024;

interface ResourceWeight {
  name: string;
  type: string;
  bytes: number;
  headerBytes: number;
}

describe('the weight of the first lesson screen after a launch', () => {
  const player = usePlayerApp();

  it(`stays within ${FIRST_SCREEN_BYTES_MAX / 1024} KB, of which ${FIRST_SCREEN_SCRIPT_BYTES_MAX / 1024} KB script`, async () => {
    const page = await (await player.browser.newContext()).newPage();
    const pending: Array<Promise<ResourceWeight | undefined>> = [];
    let isMeasuring = false;
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!isMeasuring || url.origin !== player.baseUrl || url.pathname.startsWith('/xapi')) return;
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
    await page.goto(`${player.baseUrl}/learn/rivertown/basics/factors`);
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
