import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { launchChromium } from '../tests/helpers/browser.ts';
import { findFreePort, startServerProcess, waitUntilRunning } from '../tests/helpers/server-process.ts';
import { ROLE, startPlatformSimulator, type PlatformSimulator } from '../tests/platform-simulator/index.ts';
import {
  formatFirstScreen,
  measureFirstScreen,
  medianMeasurement,
  MILESTONE_TIMEOUT_MS,
  NETWORK_PROFILES,
  waitUntilShown,
  type FirstScreenMeasurement,
  type Milestones,
  type NetworkProfile,
  type OpenScreen,
} from './first-screen-measure.ts';
import { startStaticFolderServer } from './static-folder-server.ts';

/**
 * The learner's first lesson screen on a slow mobile line, next to H5P's True/False question:
 * a cold browser under each line's throttling, bytes on the wire, requests, and the moments the
 * content shows and the first question can be answered.
 */
const WEB_BUILD = 'build/web';
/** A real course whose first lesson is reading and then a True/False question, like the reference. */
const COURSE_ID = 'day-care-centres';
const COURSE_LOCALE = 'en';
const RUNS_PER_PROFILE = Number(process.env.BENCH_FIRST_SCREEN_RUNS ?? 3);
/** A folder prepared by hand (README, Benchmarks): never built or assembled by this project. */
const H5P_DIRECTORY = process.env.BENCH_H5P_DIR ?? '';
const REFERENCE_H5P_TRUE_FALSE = 'one True/False question ≈ 190–220 KB gzipped with fonts';
/** The first question's inputs, rendered and enabled, in each player. */
const OUR_FIRST_QUESTION = '[data-interaction]';
const OUR_FIRST_INPUT = `${OUR_FIRST_QUESTION} input:enabled`;
const H5P_QUESTION_TEXT = '.h5p-question-introduction';
const H5P_FIRST_ANSWER = '.h5p-true-false-answer:not([aria-disabled="true"])';

interface FirstLesson {
  href: string;
  title: string;
}

interface Subject {
  label: string;
  /** Prepares what one cold run needs (a fresh launch for ours) and returns how to open it. */
  prepare(): Promise<OpenScreen>;
}

export async function printFirstScreenBenchmark(): Promise<void> {
  if (!fs.existsSync(path.join(WEB_BUILD, '200.html'))) throw new Error(`${WEB_BUILD} is missing: run \`npm run build\` first.`);
  const lesson = readFirstLesson();
  process.stdout.write(
    `\nFirst lesson screen on a slow mobile line: cold cache, phone screen, median of ${RUNS_PER_PROFILE} runs\n` +
      `  ours: "${lesson.title}" (${COURSE_ID}) after an LTI launch: hand-off, course page, Start\n`,
  );
  const isH5pReady = H5P_DIRECTORY !== '' && fs.existsSync(path.join(H5P_DIRECTORY, 'index.html'));
  if (!isH5pReady) {
    process.stdout.write(
      '  H5P skipped: set BENCH_H5P_DIR to a folder prepared by hand with an index.html that shows one True/False\n' +
        '  question through h5p-standalone (npm), next to its dist and the H5P content with the H5P.TrueFalse library\n' +
        '  and its dependencies (README, Benchmarks).\n',
    );
  }
  const browser = await launchChromium();
  const h5pServer = isH5pReady ? await startStaticFolderServer(H5P_DIRECTORY) : undefined;
  try {
    await withTool(async (toolUrl) => {
      const simulator = await startPlatformSimulator({ issuerHost: 'localhost', toolUrl });
      try {
        const registration = await simulator.registerDynamically({ toolRegisterUrl: `${toolUrl}/lti/register` });
        if (registration.response.status !== 200) throw new Error(`dynamic registration failed: ${registration.response.status}`);
        const ours: Subject = { label: 'ours', prepare: async () => openOurLesson(toolUrl, await launchLearner(simulator), lesson) };
        const h5p: Subject | undefined = h5pServer && { label: 'H5P True/False (h5p-standalone)', prepare: async () => openH5pQuestion(h5pServer.url) };
        await printProfiles(browser, ours, h5p);
      } finally {
        await simulator.close();
      }
    });
  } finally {
    await h5pServer?.close();
    await browser.close();
  }
  process.stdout.write(`  H5P reference from the product brief: ${REFERENCE_H5P_TRUE_FALSE}\n`);
}

async function printProfiles(browser: Browser, ours: Subject, h5p: Subject | undefined): Promise<void> {
  // One unthrottled, unmeasured run each warms the servers (compiled code, compressed files).
  for (const subject of [ours, h5p]) if (subject !== undefined) await measureFirstScreen(browser, undefined, await subject.prepare());
  for (const profile of NETWORK_PROFILES) {
    process.stdout.write(`  ${profile.name} (${profile.downloadKbitPerSecond} kbit/s down, ${profile.uploadKbitPerSecond} kbit/s up, ${profile.latencyMs} ms)\n`);
    const ourMeasurement = await measureRuns(browser, profile, ours);
    process.stdout.write(`${formatFirstScreen(`    ${ours.label}`, ourMeasurement)}\n`);
    if (h5p === undefined) continue;
    const h5pMeasurement = await measureRuns(browser, profile, h5p);
    process.stdout.write(`${formatFirstScreen(`    ${h5p.label}`, h5pMeasurement)}\n`);
    const ratio = (key: keyof FirstScreenMeasurement) => `${(ourMeasurement[key] / h5pMeasurement[key]).toFixed(2)}×`;
    process.stdout.write(`${'    ours ÷ H5P'.padEnd(46)} bytes ${ratio('bytes')}   JS bytes ${ratio('scriptBytes')}   time to usable ${ratio('usableMs')}\n`);
  }
}

async function measureRuns(browser: Browser, profile: NetworkProfile, subject: Subject): Promise<FirstScreenMeasurement> {
  const runs: FirstScreenMeasurement[] = [];
  for (let run = 0; run < RUNS_PER_PROFILE; run += 1) runs.push(await measureFirstScreen(browser, profile, await subject.prepare()));
  return medianMeasurement(runs);
}

/** The tool as its own process on PGlite, serving the real build with the real courses. */
async function withTool(work: (toolUrl: string) => Promise<void>): Promise<void> {
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'eacademy-bench-'));
  const port = await findFreePort();
  const server = startServerProcess({ PORT: String(port), DATA_DIR: dataDirectory, LTI_OPEN_REGISTRATION: 'true', LOG_LEVEL: 'warn' });
  try {
    await waitUntilRunning(server);
    await work(`http://127.0.0.1:${port}`);
  } finally {
    await server.stop();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  }
}

/** A new learner's launch from a link bound to the course; returns the one-time hand-off code. */
async function launchLearner(simulator: PlatformSimulator): Promise<string> {
  const learner = crypto.randomUUID();
  const result = await simulator.launch({
    roles: [ROLE.learner],
    user: { id: learner, name: 'Bench Learner' },
    resourceLink: { id: 'first-screen-link', title: 'Day-care centres' },
    custom: { course: COURSE_ID },
  });
  const code = /\/launch#code=([\w%.~-]+)/.exec(result.body)?.[1];
  if (result.status !== 200 || code === undefined) throw new Error(`the launch failed (${result.status}): ${result.body.slice(0, 200)}`);
  return decodeURIComponent(code);
}

function openOurLesson(toolUrl: string, code: string, lesson: FirstLesson): OpenScreen {
  return async (page: Page): Promise<Milestones> => {
    await page.goto(`${toolUrl}/launch#code=${encodeURIComponent(code)}`, { waitUntil: 'commit' });
    // The launch lands on the course page; the learner follows its Start link (the first link to
    // the lesson; the lesson list comes after it) at once.
    await page.locator(`a[href="${lesson.href}"]`).first().click({ timeout: MILESTONE_TIMEOUT_MS });
    const contentVisibleMs = await waitUntilShown(page, page.mainFrame(), 'h1', lesson.title);
    // The question ends the lesson, below the fold on a phone: the learner scrolls to it, and its
    // code loads as it nears the viewport (load-when-near.ts).
    await page.locator(OUR_FIRST_QUESTION).first().scrollIntoViewIfNeeded({ timeout: MILESTONE_TIMEOUT_MS });
    return { contentVisibleMs, usableMs: await waitUntilShown(page, page.mainFrame(), OUR_FIRST_INPUT) };
  };
}

function openH5pQuestion(url: string): OpenScreen {
  return async (page: Page): Promise<Milestones> => {
    await page.goto(`${url}/`, { waitUntil: 'commit' });
    // h5p-standalone runs the content in an iframe of its own (the library's embed type).
    const frame = await (await page.waitForSelector('iframe', { timeout: MILESTONE_TIMEOUT_MS })).contentFrame();
    if (frame === null) throw new Error('the H5P iframe has no document');
    const contentVisibleMs = await waitUntilShown(page, frame, H5P_QUESTION_TEXT);
    return { contentVisibleMs, usableMs: await waitUntilShown(page, frame, H5P_FIRST_ANSWER) };
  };
}

/** The course's first lesson, from the built content the tool serves. */
function readFirstLesson(): FirstLesson {
  const coursePath = path.join(WEB_BUILD, 'content', COURSE_ID, COURSE_LOCALE, 'course.json');
  type Text = { content: Array<{ value?: string }> };
  const course = JSON.parse(fs.readFileSync(coursePath, 'utf8')) as { modules: Array<{ id: string; lessons: Array<{ id: string; title: Text }> }> };
  const module = course.modules[0];
  const lesson = module?.lessons[0];
  if (module === undefined || lesson === undefined) throw new Error(`${coursePath} has no lesson`);
  return { href: `/learn/${COURSE_ID}/${module.id}/${lesson.id}`, title: lesson.title.content.map((part) => part.value ?? '').join('') };
}
