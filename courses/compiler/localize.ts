// A compiled course in one locale: source texts replaced by their translations, the fallback and
// stale flags set, xAPI descriptions rebuilt in that locale. Serbian Cyrillic is derived from
// Serbian Latin (with per-unit overrides from its own file).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CourseSource } from './compile-course.ts';
import { Diagnostics } from './errors.ts';
import { transliterateInline } from './transliterate-sr.ts';
import type { Course, Inline, InteractionBlock, Lesson, QuestionBank, Text, TranslationStatus } from './types.ts';
import { collectTexts } from './units.ts';
import { interactionDefinition } from './xapi.ts';
import type { StoredUnit } from './xliff/document.ts';
import { XliffFormatError, readXliff } from './xliff/document.ts';
import { PlaceholderError, fromXliffInline, sourceHash, toXliffInline } from './xliff/inline-xliff.ts';
import { XmlError } from './xliff/xml.ts';

export interface Translation { content: Inline[]; isStale: boolean }
export type Translations = Map<string, Translation>;

export const CYRILLIC_LOCALE = 'sr-Cyrl';
export const LATIN_LOCALE = 'sr-Latn';

export function translationFile(source: CourseSource, locale: string): string {
  return join('translations', `${locale}.xlf`);
}

/** Every source Text of a course by unit id. */
export function sourceTexts(source: CourseSource): Map<string, Text> {
  const texts = new Map<string, Text>();
  for (const text of collectTexts([source.course, source.lessons, source.banks])) texts.set(text.unit, text);
  return texts;
}

/** Reads `translations/<locale>.xlf` against the current source; undefined when there is none. */
export function readTranslations(source: CourseSource, locale: string, diagnostics: Diagnostics): Translations | undefined {
  const file = translationFile(source, locale);
  const path = join(source.directory, file);
  if (!existsSync(path)) return undefined;
  const display = join(source.displayDirectory, file);
  const texts = sourceTexts(source);
  const translations: Translations = new Map();
  let units: Map<string, StoredUnit>;
  try {
    units = readXliff(readFileSync(path, 'utf8')).units;
  } catch (error) {
    if (error instanceof XliffFormatError || error instanceof XmlError) {
      diagnostics.error('xliff', display, { line: error.line, column: error.column }, error.message);
      return translations;
    }
    throw error;
  }
  for (const unit of units.values()) {
    const text = texts.get(unit.id);
    const position = { line: unit.line, column: 1 };
    if (!text) {
      diagnostics.warn('translation-unknown-unit', display, position, `unit '${unit.id}' is no longer in the source; the next extract drops it`);
      continue;
    }
    if (!unit.target) continue;
    const isStale = unit.hash !== sourceHash(text.content);
    try {
      translations.set(unit.id, { content: fromXliffInline(unit.target, toXliffInline(text.content).placeholders), isStale });
    } catch (error) {
      if (!(error instanceof PlaceholderError)) throw error;
      // A stale unit may no longer fit the new source's placeholders: it is shown in the source
      // language until it is translated again. A current one is broken and must be fixed.
      if (isStale) continue;
      diagnostics.error('translation-placeholder', display, { line: unit.target.line, column: unit.target.column }, `unit '${unit.id}': ${error.message}`);
    }
  }
  return translations;
}

/** Translations for a locale, with sr-Cyrl derived from sr-Latn. */
export function translationsFor(source: CourseSource, locale: string, diagnostics: Diagnostics): Translations | undefined {
  if (locale !== CYRILLIC_LOCALE || !source.yaml.locales.includes(LATIN_LOCALE)) return readTranslations(source, locale, diagnostics);
  const latin = readTranslations(source, LATIN_LOCALE, new Diagnostics());
  if (!latin) return readTranslations(source, locale, diagnostics);
  const derived: Translations = new Map([...latin].map(([unit, translation]) => [unit, { ...translation, content: transliterateInline(translation.content) }]));
  const overrides = readTranslations(source, locale, diagnostics);
  for (const [unit, translation] of overrides ?? []) derived.set(unit, translation);
  return derived;
}

/** Reports missing and stale units of a locale (warnings, or errors when `isStrict`). */
export function reportTranslationGaps(source: CourseSource, locale: string, translations: Translations, isStrict: boolean, diagnostics: Diagnostics): void {
  const report = isStrict ? diagnostics.error.bind(diagnostics) : diagnostics.warn.bind(diagnostics);
  for (const info of source.registry.units.values()) {
    const translation = translations.get(info.unit);
    if (!translation) report('translation-missing', info.file, { line: info.line, column: 1 }, `no ${locale} translation for '${info.unit}' (the ${source.yaml.sourceLocale} text is shown)`);
    else if (translation.isStale) report('translation-stale', info.file, { line: info.line, column: 1 }, `the ${locale} translation of '${info.unit}' was made for an older text: review it`);
  }
}

function applyTo(value: unknown, locale: string, translations: Translations | undefined, status: TranslationStatus): void {
  for (const text of collectTexts(value)) {
    status.totalUnits += 1;
    const translation = translations?.get(text.unit);
    if (!translation) {
      text.fallback = true;
      status.fallbackUnits += 1;
      continue;
    }
    text.content = translation.content;
    if (translation.isStale) {
      text.stale = true;
      status.staleUnits += 1;
    }
  }
  rebuildDefinitions(value, locale);
}

const INTERACTION_TYPES = new Set(['mcq', 'mrq', 'truefalse', 'fill', 'matching', 'ordering', 'categorise', 'hotspot', 'scenario', 'socialmap', 'reflection']);

function rebuildDefinitions(value: unknown, locale: string): void {
  if (Array.isArray(value)) {
    for (const item of value) rebuildDefinitions(item, locale);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record['type'] === 'string' && INTERACTION_TYPES.has(record['type']) && 'xapi' in record) {
      record['xapi'] = interactionDefinition(value as InteractionBlock, locale);
    }
    for (const [key, child] of Object.entries(record)) if (key !== 'xapi') rebuildDefinitions(child, locale);
  }
}

export interface LocalizedCourse { course: Course; lessons: Lesson[]; banks: QuestionBank[] }

export function localizeCourse(source: CourseSource, locale: string, translations: Translations | undefined): LocalizedCourse {
  const isSource = locale === source.yaml.sourceLocale;
  const localize = <T extends Course | Lesson | QuestionBank>(value: T): T => {
    const copy = structuredClone(value);
    copy.locale = locale;
    copy.translation = { fallbackUnits: 0, staleUnits: 0, totalUnits: 0 };
    if (isSource) copy.translation.totalUnits = collectTexts(copy).length;
    else applyTo(copy, locale, translations, copy.translation);
    return copy;
  };
  return { course: localize(source.course), lessons: source.lessons.map(localize), banks: source.banks.map(localize) };
}
