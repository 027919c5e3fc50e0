// Every course under `courses/` (each folder with a course.yaml, except the compiler's own), in
// every locale it declares; and the build output the player loads.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CourseSource } from './compile-course.ts';
import { compileCourse } from './compile-course.ts';
import { Diagnostics } from './errors.ts';
import type { LocalizedCourse } from './localize.ts';
import { localizeCourse, reportTranslationGaps, translationsFor } from './localize.ts';
import type { Catalogue, CatalogueEntry } from './types.ts';
import { COURSE_SCHEMA_VERSION } from './types.ts';
import { inlineToPlain } from './units.ts';

export const COMPILER_FOLDER = 'compiler';

/** Course folders directly under `coursesRoot` that hold a course.yaml. */
export function discoverCourses(coursesRoot: string): string[] {
  return readdirSync(coursesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== COMPILER_FOLDER && existsSync(join(coursesRoot, entry.name, 'course.yaml')))
    .map((entry) => join(coursesRoot, entry.name))
    .sort();
}

export interface CompiledCourse { source: CourseSource; locales: Map<string, LocalizedCourse> }

export interface CompileOptions { isStrict: boolean; courseId?: string }

/** Compiles the given course folders in every locale; diagnostics carry every problem found. */
export function compileCourses(directories: string[], projectRoot: string, options: CompileOptions): { courses: CompiledCourse[]; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const courses: CompiledCourse[] = [];
  for (const directory of directories) {
    const compiled = compileCourse(directory, projectRoot);
    for (const item of compiled.diagnostics.items) diagnostics.add(item);
    const { source } = compiled;
    if (!source || (options.courseId && source.yaml.id !== options.courseId)) continue;
    const locales = new Map<string, LocalizedCourse>();
    for (const locale of source.yaml.locales) {
      const translations = locale === source.yaml.sourceLocale ? undefined : translationsFor(source, locale, diagnostics);
      if (translations) reportTranslationGaps(source, locale, translations, options.isStrict, diagnostics);
      else if (locale !== source.yaml.sourceLocale) reportMissingTranslation(source, locale, options.isStrict, diagnostics);
      locales.set(locale, localizeCourse(source, locale, translations));
    }
    courses.push({ source, locales });
  }
  return { courses, diagnostics };
}

/**
 * A declared locale with no translation file at all: one message for the whole locale (the
 * player shows the source text with a notice), an error under `--strict` so a release gate
 * cannot pass a course whose translation was never made.
 */
function reportMissingTranslation(source: CourseSource, locale: string, isStrict: boolean, diagnostics: Diagnostics): void {
  const report = isStrict ? diagnostics.error.bind(diagnostics) : diagnostics.warn.bind(diagnostics);
  const file = join(source.directory, 'course.yaml');
  report('translation-missing', file, { line: 1, column: 1 }, `${source.yaml.id} declares ${locale} but has no translation for it yet (the ${source.yaml.sourceLocale} text is shown)`);
}

function hashOf(values: string[]): string {
  const hash = createHash('sha256');
  for (const value of values) hash.update(value).update('\0');
  return hash.digest('hex');
}

/**
 * Writes `<out>/catalogue.json` and per course `<out>/<course>/<locale>/course.json`,
 * `…/lessons/<lesson>.json`, `…/banks/<bank>.json` and `<out>/<course>/media/…`.
 */
export function writeBuild(courses: CompiledCourse[], outDirectory: string): Catalogue {
  const entries: CatalogueEntry[] = [];
  for (const { source, locales } of courses) {
    const files: [string, string][] = [];
    for (const [locale, localized] of locales) {
      files.push([join(source.yaml.id, locale, 'course.json'), JSON.stringify(localized.course)]);
      for (const lesson of localized.lessons) files.push([join(source.yaml.id, locale, 'lessons', `${lesson.id}.json`), JSON.stringify(lesson)]);
      for (const bank of localized.banks) files.push([join(source.yaml.id, locale, 'banks', `${bank.id}.json`), JSON.stringify(bank)]);
    }
    for (const [path, content] of files) {
      mkdirSync(dirname(join(outDirectory, path)), { recursive: true });
      writeFileSync(join(outDirectory, path), content);
    }
    for (const media of source.media) {
      mkdirSync(dirname(join(outDirectory, source.yaml.id, media)), { recursive: true });
      copyFileSync(join(source.directory, media), join(outDirectory, source.yaml.id, media));
    }
    const title: Record<string, string> = {};
    for (const [locale, localized] of locales) title[locale] = inlineToPlain(localized.course.title.content);
    entries.push({
      id: source.yaml.id, version: source.yaml.version, sourceLocale: source.yaml.sourceLocale, locales: source.yaml.locales, title, estimatedMinutes: source.yaml.estimatedMinutes,
      contentHash: hashOf(files.sort(([a], [b]) => a.localeCompare(b)).flatMap(([path, content]) => [path, content]).concat(source.media)),
    });
  }
  const catalogue: Catalogue = { schemaVersion: COURSE_SCHEMA_VERSION, contentHash: hashOf(entries.map((entry) => `${entry.id}:${entry.contentHash}`)), courses: entries };
  mkdirSync(outDirectory, { recursive: true });
  writeFileSync(join(outDirectory, 'catalogue.json'), JSON.stringify(catalogue, null, 2));
  return catalogue;
}
