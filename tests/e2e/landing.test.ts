import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { issueSetupLink } from '../../server/admin/setup-link.ts';
import { schema } from '../../server/db/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { findAccessibilityViolations, launchChromium } from '../helpers/browser.ts';
import { findFreePort } from '../helpers/server-process.ts';

describe('the web app in Chromium', () => {
  let context: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    context = await createTestApp('pglite', { PUBLIC_URL: baseUrl });
    await context.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await context?.close();
  });

  async function newContext(): Promise<BrowserContext> {
    return browser.newContext({ locale: 'en-GB' });
  }

  it('renders the landing page for LMS administrators with its status and registration URLs', async () => {
    const page = await (await newContext()).newPage();
    const response = await page.goto(`${baseUrl}/`);
    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toBe('no-cache');
    await expect(page.locator('h1').textContent()).resolves.toBe('Add the e-Academy courses to your LMS');
    await page.getByText('The service is running. Database: pglite.').waitFor();
    await page.getByText(`${baseUrl}/lti/register`).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it('keeps the inline start-up script within the page’s own CSP (no violations reported)', async () => {
    const page = await (await newContext()).newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text());
    });
    await page.goto(`${baseUrl}/`);
    await page.getByText('The service is running. Database: pglite.').waitFor();
    expect(violations).toEqual([]);
  });

  it('renders each face and unknown pages through the app, accessibly', async () => {
    const page = await (await newContext()).newPage();
    for (const [path, heading] of [
      ['/learn', 'My courses'],
      ['/trainer', 'Cohorts'],
      ['/staff', 'Statistics'],
      ['/no/such/page', 'Page not found'],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator('h1', { hasText: heading }).waitFor();
      expect(await findAccessibilityViolations(page), path).toEqual([]);
    }
  });

  it('lets the first administrator be created with the setup link and the keyboard alone', async () => {
    const link = await issueSetupLink(context.database.db, baseUrl, context.config.dataDir);
    const page = await (await newContext()).newPage();
    const response = await page.goto(link ?? '');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('h1', { hasText: 'Create the first administrator' }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.locator('#setup-name').focus();
    await page.keyboard.type('Ana Admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ana@nalas.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('a long enough password');
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as Ana Admin (admin)').waitFor();
    expect(page.url()).toBe(`${baseUrl}/admin`);
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    const accounts = page.getByRole('region', { name: 'Accounts' });
    await accounts.getByLabel('Full name').fill('Sam Staff');
    await accounts.getByLabel('Email address').fill('sam@nalas.example');
    await accounts.getByLabel('Password').fill('another long password');
    await accounts.getByRole('button', { name: 'Add an account' }).click();
    await page.getByText('Account created for sam@nalas.example.').waitFor();
    await page.getByRole('cell', { name: 'sam@nalas.example' }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  it('shows a readable error after a wrong password, and signs in with the right one', async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${baseUrl}/admin`);
    await page.getByLabel('Email address').fill('ana@nalas.example');
    await page.getByLabel('Password').fill('wrong password!!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email address or the password is not right.').waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as Ana Admin (admin)').waitFor();

    const sessionKeyBefore = await readToolSecret('session-signing-key');
    const renew = page.getByRole('button', { name: "Renew the tool's secrets" });
    expect(await renew.getAttribute('aria-describedby')).toBe('secrets-help');
    await renew.click();
    await page.getByText("The tool's secrets are renewed. Sign-ins already started", { exact: false }).waitFor();
    const sessionKeyRenewed = await readToolSecret('session-signing-key');
    expect(sessionKeyRenewed).not.toBe(sessionKeyBefore);
    await renew.click();
    await page.getByText('The secrets were renewed less than two hours ago', { exact: false }).waitFor();
    expect(await readToolSecret('session-signing-key')).toBe(sessionKeyRenewed);
    await page.getByRole('button', { name: 'Renew and end every open sign-in and session' }).click();
    await page.getByText('the old ones no longer work', { exact: false }).waitFor();
    expect(await readToolSecret('session-signing-key')).not.toBe(sessionKeyRenewed);
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  async function readToolSecret(name: string): Promise<string | undefined> {
    const rows = await context.database.db.select().from(schema.toolSecrets).where(eq(schema.toolSecrets.name, name));
    return rows[0]?.value;
  }
});
