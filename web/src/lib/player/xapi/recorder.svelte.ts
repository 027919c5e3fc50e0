import { readLaunchSession } from '$lib/api/client.ts';

import type { Course, LessonRef, ModuleRef } from '../content/course-types.ts';
import { textToPlain } from '../content/plain-text.ts';
import { enqueueStatements, flushOutbox, type FlushOutcome } from './outbox.ts';
import { openStatementStore } from './statement-store.ts';
import type { Statement } from './statement-types.ts';
import { ACTIVITY_TYPES, buildInitialized, buildLaunched, buildTerminated, type ActivityTrail, type Stamp, type StatementEnvironment } from './statements.ts';

// The player's side of the outbox: builds statements for the launch session, queues them, and
// flushes on load, after each new statement, when the browser comes back online, when the page
// is hidden or shown again, and on a growing timer while something is left.

/** Retry delays grow from the first to the last, then stay there. */
const RETRY_DELAYS_MS = [5_000, 15_000, 60_000, 300_000];

export type SaveState = 'idle' | 'saving' | 'saved' | 'offline' | 'pending';
export const saveStatus = $state<{ state: SaveState }>({ state: 'idle' });

const sessionId = typeof crypto === 'undefined' ? '' : crypto.randomUUID();
const pageStartedAt = Date.now();
let isStarted = false;
let isFlushing = false;
let retryIndex = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let openCourse: { environment: StatementEnvironment; trail: ActivityTrail } | undefined;

function scheduleRetry(): void {
  if (retryTimer !== undefined) return;
  const delay = RETRY_DELAYS_MS[Math.min(retryIndex, RETRY_DELAYS_MS.length - 1)]!;
  retryIndex += 1;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    void flushNow();
  }, delay);
}

export async function flushNow(): Promise<FlushOutcome | undefined> {
  if (isFlushing) return undefined;
  isFlushing = true;
  try {
    const store = await openStatementStore();
    if ((await store.count()) === 0) return 'sent';
    saveStatus.state = 'saving';
    const outcome = await flushOutbox({ store, token: readLaunchSession()?.token, fetch: globalThis.fetch.bind(globalThis) });
    saveStatus.state = outcome === 'sent' ? 'saved' : outcome === 'offline' ? 'offline' : 'pending';
    if (outcome === 'sent') retryIndex = 0;
    else scheduleRetry();
    return outcome;
  } finally {
    isFlushing = false;
  }
}

function startOutbox(): void {
  if (isStarted || typeof window === 'undefined') return;
  isStarted = true;
  window.addEventListener('online', () => void flushNow());
  document.addEventListener('visibilitychange', () => void flushNow());
  window.addEventListener('pagehide', () => {
    if (openCourse === undefined) return;
    const { environment, trail } = openCourse;
    void record([buildTerminated(environment, newStamp(), { course: trail.course }, Date.now() - pageStartedAt)]);
  });
  // Whatever an earlier visit left in the outbox goes out now.
  void flushNow();
}

export function newStamp(): Stamp {
  return { id: crypto.randomUUID(), timestamp: new Date() };
}

export async function record(statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  await enqueueStatements(await openStatementStore(), statements);
  saveStatus.state = 'pending';
  void flushNow();
}

export const courseActivity = (course: Course) => ({ activityPath: course.activityPath, type: ACTIVITY_TYPES.course, name: textToPlain(course.title) });
export const moduleActivity = (module: ModuleRef) => ({ activityPath: module.activityPath, type: ACTIVITY_TYPES.module, name: textToPlain(module.title) });
export const lessonActivity = (lesson: LessonRef) => ({ activityPath: lesson.activityPath, type: ACTIVITY_TYPES.lesson, name: textToPlain(lesson.title) });

/**
 * The statement environment for the course, or `undefined` without a launch session (a page
 * opened directly): then nothing is recorded, as there is no learner to record for.
 * The first call for a course in this page session sends launched and initialized.
 */
export function openCourseSession(course: Course): StatementEnvironment | undefined {
  startOutbox();
  const session = readLaunchSession()?.session;
  if (session === undefined) return undefined;
  const environment: StatementEnvironment = {
    publicUrl: window.location.origin,
    accountName: session.sub,
    language: course.locale,
    sessionId,
    ...(session.registration === undefined ? {} : { registration: session.registration }),
  };
  if (openCourse?.trail.course.activityPath !== course.activityPath) {
    const trail = { course: courseActivity(course) };
    openCourse = { environment, trail };
    void record([buildLaunched(environment, newStamp(), trail), buildInitialized(environment, newStamp(), trail)]);
  }
  return environment;
}
