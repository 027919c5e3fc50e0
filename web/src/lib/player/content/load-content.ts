import { error } from '@sveltejs/kit';

import type { Catalogue, CatalogueEntry, Course, Lesson, LessonRef, ModuleRef, QuestionBank } from './course-types.ts';

// The compiled courses are static JSON under /content (built with the web app). One small file per
// lesson, locale and bank: the player fetches only what the screen shows.

export const CONTENT_ROOT = '/content';
const CONTENT_LOCALE_STORAGE_KEY = 'eacademy.player.contentLocale';

async function fetchContent<T>(fetcher: typeof fetch, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(`${CONTENT_ROOT}/${path}`, { headers: { accept: 'application/json' } });
  } catch {
    error(503, 'offline');
  }
  if (response.status === 404) error(404, 'not found');
  if (!response.ok) error(response.status, 'content unavailable');
  return (await response.json()) as T;
}

export function loadCatalogue(fetcher: typeof fetch): Promise<Catalogue> {
  return fetchContent<Catalogue>(fetcher, 'catalogue.json');
}

export async function loadCatalogueEntry(fetcher: typeof fetch, courseId: string): Promise<CatalogueEntry> {
  const entry = (await loadCatalogue(fetcher)).courses.find((course) => course.id === courseId);
  if (entry === undefined) error(404, 'not found');
  return entry;
}

export function loadCourse(fetcher: typeof fetch, courseId: string, locale: string): Promise<Course> {
  return fetchContent<Course>(fetcher, `${encodeURIComponent(courseId)}/${encodeURIComponent(locale)}/course.json`);
}

/**
 * Fetches the module's other lessons (and its quiz bank) in the background while the learner
 * reads, so the service worker keeps them and a dropped connection does not stop the module.
 * Errors are ignored: this is only a head start.
 */
/** The prefetch waits until the lesson on screen has loaded everything it needs. */
export const MODULE_PREFETCH_DELAY_MS = 4000;

export function prefetchModule(course: Course, module: ModuleRef): void {
  const paths = module.lessons.map((lesson) => `${encodeURIComponent(course.id)}/${encodeURIComponent(course.locale)}/${lesson.path}`);
  if (module.quiz !== undefined) paths.push(`${encodeURIComponent(course.id)}/${encodeURIComponent(course.locale)}/banks/${encodeURIComponent(module.quiz.bankId)}.json`);
  setTimeout(() => {
    for (const path of paths) void fetch(`${CONTENT_ROOT}/${path}`, { priority: 'low' } as RequestInit).catch(() => undefined);
  }, MODULE_PREFETCH_DELAY_MS);
}

export function loadLesson(fetcher: typeof fetch, course: Course, lesson: LessonRef): Promise<Lesson> {
  return fetchContent<Lesson>(fetcher, `${encodeURIComponent(course.id)}/${encodeURIComponent(course.locale)}/${lesson.path}`);
}

export function loadBank(fetcher: typeof fetch, course: Course, bankId: string): Promise<QuestionBank> {
  return fetchContent<QuestionBank>(fetcher, `${encodeURIComponent(course.id)}/${encodeURIComponent(course.locale)}/banks/${encodeURIComponent(bankId)}.json`);
}

export function mediaUrl(courseId: string, source: string): string {
  return `${CONTENT_ROOT}/${encodeURIComponent(courseId)}/${source.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The content language: the learner's own choice, else the launch locale, else the UI locale,
 * when the course has it (exactly, or the same language: `sr` → `sr-Latn`); else its source.
 */
export function chooseContentLocale(course: Pick<CatalogueEntry, 'locales' | 'sourceLocale'>, preferred: readonly (string | undefined)[]): string {
  for (const wanted of preferred) {
    if (wanted === undefined || wanted === '') continue;
    const exact = course.locales.find((locale) => locale.toLowerCase() === wanted.toLowerCase());
    if (exact !== undefined) return exact;
    const language = wanted.split('-')[0]?.toLowerCase();
    const sameLanguage = course.locales.find((locale) => locale.split('-')[0]?.toLowerCase() === language);
    if (sameLanguage !== undefined) return sameLanguage;
  }
  return course.sourceLocale;
}

export function readChosenContentLocale(): string | undefined {
  try {
    return localStorage.getItem(CONTENT_LOCALE_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeChosenContentLocale(locale: string): void {
  try {
    localStorage.setItem(CONTENT_LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage blocked in the frame: the choice lasts until the page is left.
  }
}

export interface LessonPlace {
  module: ModuleRef;
  moduleIndex: number;
  lesson: LessonRef;
  lessonIndex: number;
}

/** Every lesson of the course in reading order, with its module. */
export function listLessons(course: Course): LessonPlace[] {
  return course.modules.flatMap((module, moduleIndex) => module.lessons.map((lesson, lessonIndex) => ({ module, moduleIndex, lesson, lessonIndex })));
}

export function findModule(course: Course, moduleId: string): ModuleRef {
  const module = course.modules.find((candidate) => candidate.id === moduleId);
  if (module === undefined) error(404, 'not found');
  return module;
}
