import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

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

/**
 * The player app for the tests of one file: started before them, closed after them. Its fields
 * are there once `beforeAll` has run, so read them inside tests and hooks, not at the top level.
 */
export function usePlayerApp(): Omit<PlayerApp, 'close'> {
  let started: PlayerApp | undefined;
  beforeAll(async () => {
    started = await startPlayerApp();
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): PlayerApp => {
    if (started === undefined) throw new Error('the player app starts in beforeAll: read it inside tests and hooks');
    return started;
  };
  return {
    get context() {
      return current().context;
    },
    get browser() {
      return current().browser;
    },
    get baseUrl() {
      return current().baseUrl;
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
