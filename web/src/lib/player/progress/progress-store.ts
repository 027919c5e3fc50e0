import type { Score } from '../scoring/score.ts';

// The learner's answers and progress on this device, in localStorage, keyed by course, lesson and
// interaction, with an in-memory copy for frames whose storage the browser denies. It is the local
// copy that is read first; remote-progress.ts keeps it in step with the LRS State API, the record
// of truth across devices.

const STORAGE_PREFIX = 'eacademy.player.v1';
/** A stored record larger than this is ignored rather than parsed (a corrupt or hostile value). */
const RECORD_LENGTH_MAX = 200_000;

export interface InteractionRecord {
  response: unknown;
  /** Set once the learner checked (or saved) the answer. */
  score?: Score;
  isSubmitted: boolean;
}

export interface QuizAttempt {
  seed: number;
  startedAt: number;
  responses: Record<string, unknown>;
  scoreScaled?: number;
  isPassed?: boolean;
}

export interface CourseProgress {
  /** `<module>/<lesson>` of every completed lesson. */
  completedLessons: string[];
  lastLesson?: { moduleId: string; lessonId: string };
  quizzes: Record<string, QuizAttempt[]>;
}

/** The same records in memory: what a denied or full localStorage cannot keep lasts the page's life. */
const memory = new Map<string, string>();
type ChangeListener = (courseId: string) => void;
const changeListeners: ChangeListener[] = [];

/** Called with the course id after every local change (remote-progress.ts pushes it to the LRS). */
export function onProgressChange(listener: ChangeListener): void {
  changeListeners.push(listener);
}

function readJson<T>(key: string): T | undefined {
  let stored: string | null | undefined = memory.get(key);
  if (stored === undefined) {
    try {
      stored = localStorage.getItem(key);
    } catch {
      stored = null;
    }
  }
  if (stored === null || stored.length > RECORD_LENGTH_MAX) return undefined;
  try {
    return JSON.parse(stored) as T;
  } catch {
    return undefined;
  }
}

function writeJson(key: string, value: unknown): void {
  memory.set(key, JSON.stringify(value));
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked storage: the answer stays on screen and the statement still goes out.
  }
}

export function interactionKey(courseId: string, lessonId: string, interactionId: string): string {
  return `${STORAGE_PREFIX}.${courseId}.${lessonId}.${interactionId}`;
}

export function readInteraction(key: string): InteractionRecord | undefined {
  return readJson<InteractionRecord>(key);
}

/**
 * A copy of an answer or a quiz attempt, as a reload reads it back: they are JSON data, kept as
 * JSON. Copying reads every part, so an effect that copies runs again when any part changes.
 * (Svelte's `$state.snapshot` does the same, with its structured-clone code on every page.)
 */
export function copyRecord<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function writeInteraction(key: string, record: InteractionRecord, isLocalChange = true): void {
  writeJson(key, record);
  const courseId = key.slice(STORAGE_PREFIX.length + 1).split('.')[0];
  if (isLocalChange && courseId !== undefined) for (const listener of changeListeners) listener(courseId);
}

/** Every interaction record of a course, by `<lesson>.<interaction>`. */
export function listInteractions(courseId: string): Record<string, InteractionRecord> {
  const prefix = `${STORAGE_PREFIX}.${courseId}.`;
  const keys = new Set(memory.keys());
  try {
    for (let index = 0; index < localStorage.length; index += 1) keys.add(localStorage.key(index) ?? '');
  } catch {
    // Storage denied: the in-memory copy is all there is.
  }
  const records: Record<string, InteractionRecord> = {};
  for (const key of keys) {
    if (!key.startsWith(prefix) || key.endsWith('.progress')) continue;
    const record = readInteraction(key);
    if (record !== undefined) records[key.slice(prefix.length)] = record;
  }
  return records;
}

const progressKey = (courseId: string) => `${STORAGE_PREFIX}.${courseId}.progress`;

export function readProgress(courseId: string): CourseProgress {
  const stored = readJson<CourseProgress>(progressKey(courseId));
  return { completedLessons: stored?.completedLessons ?? [], quizzes: stored?.quizzes ?? {}, ...(stored?.lastLesson ? { lastLesson: stored.lastLesson } : {}) };
}

export function updateProgress(courseId: string, change: (progress: CourseProgress) => void, isLocalChange = true): CourseProgress {
  const progress = readProgress(courseId);
  change(progress);
  writeJson(progressKey(courseId), progress);
  if (isLocalChange) for (const listener of changeListeners) listener(courseId);
  return progress;
}

export const lessonKey = (moduleId: string, lessonId: string) => `${moduleId}/${lessonId}`;
