import type { Score } from '../scoring/score.ts';

// The learner's answers and progress on this device, in localStorage, keyed by course, lesson and
// interaction. It is the local copy that is read first; the LRS State API (the record of truth
// across devices) is wired to the same records later.

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

function readJson<T>(key: string): T | undefined {
  try {
    const stored = localStorage.getItem(key);
    if (stored === null || stored.length > RECORD_LENGTH_MAX) return undefined;
    return JSON.parse(stored) as T;
  } catch {
    return undefined;
  }
}

function writeJson(key: string, value: unknown): void {
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

export function writeInteraction(key: string, record: InteractionRecord): void {
  writeJson(key, record);
}

const progressKey = (courseId: string) => `${STORAGE_PREFIX}.${courseId}.progress`;

export function readProgress(courseId: string): CourseProgress {
  const stored = readJson<CourseProgress>(progressKey(courseId));
  return { completedLessons: stored?.completedLessons ?? [], quizzes: stored?.quizzes ?? {}, ...(stored?.lastLesson ? { lastLesson: stored.lastLesson } : {}) };
}

export function updateProgress(courseId: string, change: (progress: CourseProgress) => void): CourseProgress {
  const progress = readProgress(courseId);
  change(progress);
  writeJson(progressKey(courseId), progress);
  return progress;
}

export const lessonKey = (moduleId: string, lessonId: string) => `${moduleId}/${lessonId}`;
