import type { Browser } from 'playwright-core';

import type { LaunchSession } from '../../server/session/launch-session.ts';
import { createTestApp, type TestApp } from './app.ts';
import { launchChromium } from './browser.ts';
import { createFixtureWebRoot } from './fixture-content.ts';
import { findFreePort } from './server-process.ts';

export interface PlayerApp {
  context: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app listening on a port with the fixture course as its content, and Chromium. */
export async function startPlayerApp(): Promise<PlayerApp> {
  const web = createFixtureWebRoot();
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const context = await createTestApp('pglite', { PUBLIC_URL: baseUrl }, { webRoot: web.webRoot });
  await context.app.listen({ port, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    context,
    browser,
    baseUrl,
    async close() {
      await browser.close();
      await context.close();
      web.remove();
    },
  };
}

/** A learner's launch session on the fixture course (a link bound to `rivertown` unless overridden). */
export function learnerSession(overrides: Partial<LaunchSession> = {}): LaunchSession {
  return {
    sub: crypto.randomUUID(),
    platformId: crypto.randomUUID(),
    organisationId: undefined,
    contextId: undefined,
    resourceLinkId: undefined,
    face: 'learner',
    roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    locale: 'en',
    courseId: 'rivertown',
    moduleId: undefined,
    registration: crypto.randomUUID(),
    name: 'Lea Learner',
    messageType: 'LtiResourceLinkRequest',
    deepLinking: undefined,
    ...overrides,
  };
}
