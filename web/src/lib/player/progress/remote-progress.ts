import { readLaunchSession } from '$lib/api/client.ts';

import { mergeProgress } from './merge-progress.ts';
import { interactionKey, listInteractions, onProgressChange, readInteraction, readProgress, updateProgress, writeInteraction, type CourseProgress, type InteractionRecord } from './progress-store.ts';

/**
 * Keeps the learner's progress and answers in the LRS State API (xAPI Communication §2.3), the
 * record of truth across devices: one document per course, agent and registration. Read when a
 * course opens and merged into the local copy; written (POST, a JSON merge) shortly after each
 * change. Offline, the local copy carries on and the next change or reconnection writes it.
 */
export const STATE_ID = 'progress';
const PUSH_DELAY_MS = 1500;
const PULL_TIMEOUT_MS = 3000;

interface StateDocument {
  progress: CourseProgress;
  interactions: Record<string, InteractionRecord>;
  updatedAt: string;
}

function stateUrl(courseId: string): { url: string; token: string } | undefined {
  const launch = readLaunchSession();
  const registration = launch?.session.registration;
  if (launch === undefined || registration === undefined) return undefined;
  const origin = window.location.origin;
  const parameters = new URLSearchParams({
    activityId: `${origin}/xapi/activities/course/${encodeURIComponent(courseId)}`,
    agent: JSON.stringify({ objectType: 'Agent', account: { homePage: origin, name: launch.session.sub } }),
    registration,
    stateId: STATE_ID,
  });
  return { url: `/xapi/activities/state?${parameters}`, token: launch.token };
}

const headersFor = (token: string) => ({ authorization: `Bearer ${token}`, 'x-experience-api-version': '2.0.0' });

const pulled = new Map<string, Promise<void>>();
const localUpdatedAt = new Map<string, number>();

/** Reads the course's state document once per page life and merges it into the local copy. */
export function pullRemoteProgress(courseId: string): Promise<void> {
  let pulling = pulled.get(courseId);
  if (pulling === undefined) {
    pulling = pull(courseId);
    pulled.set(courseId, pulling);
  }
  return pulling;
}

async function pull(courseId: string): Promise<void> {
  const target = stateUrl(courseId);
  if (target === undefined) return;
  try {
    const response = await fetch(target.url, { headers: headersFor(target.token), signal: AbortSignal.timeout(PULL_TIMEOUT_MS) });
    if (!response.ok) return;
    const remote = (await response.json()) as Partial<StateDocument>;
    const isRemoteNewer = Date.parse(remote.updatedAt ?? '') > (localUpdatedAt.get(courseId) ?? 0);
    if (remote.progress !== undefined) {
      const merged = mergeProgress(readProgress(courseId), remote.progress, isRemoteNewer);
      updateProgress(courseId, (progress) => Object.assign(progress, merged), false);
    }
    for (const [suffix, record] of Object.entries(remote.interactions ?? {})) {
      const [lessonId = '', interactionId = ''] = suffix.split('.');
      const key = interactionKey(courseId, lessonId, interactionId);
      const mine = readInteraction(key);
      if (mine === undefined || (!mine.isSubmitted && record.isSubmitted)) writeInteraction(key, record, false);
    }
  } catch {
    // Offline or slow: the local copy is used, and the next change writes it back.
  }
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();

async function push(courseId: string): Promise<void> {
  const target = stateUrl(courseId);
  if (target === undefined) return;
  const document: StateDocument = { progress: readProgress(courseId), interactions: listInteractions(courseId), updatedAt: new Date().toISOString() };
  try {
    const response = await fetch(target.url, { method: 'POST', headers: { ...headersFor(target.token), 'content-type': 'application/json' }, body: JSON.stringify(document) });
    if (response.ok) localUpdatedAt.set(courseId, Date.parse(document.updatedAt));
  } catch {
    window.addEventListener('online', () => schedulePush(courseId), { once: true });
  }
}

function schedulePush(courseId: string): void {
  clearTimeout(timers.get(courseId));
  timers.set(courseId, setTimeout(() => void push(courseId), PUSH_DELAY_MS));
}

if (typeof window !== 'undefined') onProgressChange(schedulePush);
