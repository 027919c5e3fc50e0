import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../helpers/app.ts';
import { findAccessibilityViolations, launchChromium } from '../helpers/browser.ts';
import { registerSimulatedPlatform } from '../helpers/lti.ts';
import { findFreePort } from '../helpers/server-process.ts';
import { ROLE, startPlatformSimulator, TOOL_FRAME_NAME, type PlatformSimulator } from '../platform-simulator/index.ts';

/**
 * A real cross-site framed launch: the platform page on `localhost` frames the tool on
 * `127.0.0.1`, so Chromium treats the tool's cookies as third-party. The state cookie only
 * survives because it is Partitioned; platform storage is the second way to bind the state.
 */
describe('an LTI launch inside a cross-site iframe in Chromium', () => {
  let context: TestApp;
  let simulator: PlatformSimulator;
  let browser: Browser;
  let toolUrl: string;

  beforeAll(async () => {
    const port = await findFreePort();
    toolUrl = `http://127.0.0.1:${port}`;
    context = await createTestApp('pglite', { PUBLIC_URL: toolUrl });
    await context.app.listen({ port, host: '127.0.0.1' });
    simulator = await startPlatformSimulator({ issuerHost: 'localhost', toolUrl });
    await registerSimulatedPlatform(context.database.db, simulator);
    context.app.invalidateFrameAncestors();
    // Both test hosts are loopback addresses; Chromium's Local Network Access checks would treat a
    // script navigation from one to the other as a private-network request, which never happens
    // between an LMS and the tool on their public domains.
    browser = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
  });
  afterAll(async () => {
    await browser?.close();
    await simulator?.close();
    await context?.close();
  });

  async function openEmbeddedLaunch(options: { platformStorage: boolean; isCookieWithheld: boolean }) {
    const page = await (await browser.newContext()).newPage();
    if (options.isCookieWithheld) {
      // A browser that keeps no cookie in third-party frames at all: the state cookie the login
      // sets never reaches the cookie store, so the launch POST arrives without it.
      await page.route('**/lti/login', async (route) => {
        const response = await route.fetch({ maxRedirects: 0 });
        const { 'set-cookie': _setCookie, ...headers } = response.headers();
        await route.fulfill({ response, headers });
      });
    }
    const { url } = simulator.prepareEmbeddedLaunch({ roles: [ROLE.learner], platformStorage: options.platformStorage });
    expect(new URL(url).hostname).toBe('localhost');
    await page.goto(url);
    return { page, frame: page.frameLocator(`iframe[name="${TOOL_FRAME_NAME}"]`) };
  }

  const receivedSubjects = (page: import('playwright-core').Page) =>
    page.evaluate(() =>
      (window as unknown as { platformSimulator: { received: Array<{ message: { subject: string } }> } }).platformSimulator.received.map((entry) => entry.message.subject),
    );

  it('completes the launch with the partitioned state cookie and signs the learner in', async () => {
    const { page, frame } = await openEmbeddedLaunch({ platformStorage: false, isCookieWithheld: false });
    await frame.getByText('You are signed in through your LMS as a learner.').waitFor({ timeout: 20_000 });
    const toolFrame = page.frames().find((candidate) => candidate.name() === TOOL_FRAME_NAME);
    expect(new URL(toolFrame?.url() ?? '').pathname).toBe('/learn');
  });

  it('binds the state through LTI platform storage when no cookie comes back', async () => {
    const { page, frame } = await openEmbeddedLaunch({ platformStorage: true, isCookieWithheld: true });
    await frame.getByText('You are signed in through your LMS as a learner.').waitFor({ timeout: 20_000 });
    expect(await receivedSubjects(page)).toEqual(expect.arrayContaining(['lti.put_data', 'lti.get_data']));
  });

  it('offers a new window when neither a cookie nor platform storage is available', async () => {
    const { frame } = await openEmbeddedLaunch({ platformStorage: false, isCookieWithheld: true });
    await frame.getByRole('button', { name: 'Open in a new window' }).waitFor({ timeout: 20_000 });
  });

  it("tells a Macedonian learner in Macedonian why a launch was refused, accessibly", async () => {
    const page = await (await browser.newContext({ locale: 'mk-MK' })).newPage();
    const login = new URL('/lti/login', toolUrl);
    for (const [name, value] of Object.entries({ iss: 'https://lms.unknown.example', login_hint: 'learner-1', target_link_uri: `${toolUrl}/lti/launch` })) {
      login.searchParams.set(name, value);
    }
    const response = await page.goto(login.href);
    expect(response?.status()).toBe(401);
    await page.getByRole('heading', { name: 'Оваа активност не можеше да се отвори' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('mk');
    await page.getByRole('alert').getByText('известете го администраторот на курсот', { exact: false }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });
});
