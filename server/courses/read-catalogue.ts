import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Catalogue, Course } from '../../courses/compiler/types.ts';
import { inlineToPlain } from '../../courses/compiler/units.ts';
import { AppError } from '../errors.ts';

/** The compiled courses, built with the web app (scripts/build-web.ts) and served under /content. */
export const COURSE_CONTENT_DIRECTORY = fileURLToPath(new URL('../../build/web/content', import.meta.url));
const COURSE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export async function readCatalogue(contentDirectory = COURSE_CONTENT_DIRECTORY): Promise<Catalogue> {
  try {
    return JSON.parse(await fs.readFile(path.join(contentDirectory, 'catalogue.json'), 'utf8')) as Catalogue;
  } catch {
    return { schemaVersion: 1, contentHash: '', courses: [] };
  }
}

/** A course in its source language, for titles and module ids; not found → 404. */
export async function readSourceCourse(courseId: string, contentDirectory = COURSE_CONTENT_DIRECTORY): Promise<Course> {
  const entry = COURSE_ID_PATTERN.test(courseId) ? (await readCatalogue(contentDirectory)).courses.find((course) => course.id === courseId) : undefined;
  if (entry === undefined) throw new AppError('not_found', `There is no course "${courseId}".`);
  return JSON.parse(await fs.readFile(path.join(contentDirectory, entry.id, entry.sourceLocale, 'course.json'), 'utf8')) as Course;
}

/** A course in one of its locales (ids already checked by readSourceCourse); undefined when missing. */
export async function readCourseInLocale(courseId: string, locale: string, contentDirectory = COURSE_CONTENT_DIRECTORY): Promise<Course | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(contentDirectory, courseId, locale, 'course.json'), 'utf8')) as Course;
  } catch {
    return undefined;
  }
}

/** Title of a course, or of one of its modules, in the source language. */
export function titleOf(course: Course, moduleId?: string): string {
  if (moduleId === undefined) return inlineToPlain(course.title.content);
  const module = course.modules.find((candidate) => candidate.id === moduleId);
  if (module === undefined) throw new AppError('not_found', `Course "${course.id}" has no module "${moduleId}".`);
  return `${inlineToPlain(course.title.content)}: ${inlineToPlain(module.title.content)}`;
}
