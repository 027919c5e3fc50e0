// Reads a translated XLIFF file back. Rejected as a whole (nothing written) when it is malformed,
// for another language, or has a broken placeholder; units translated from an older source text
// are kept and marked as needing review.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CourseSource } from '../compile-course.ts';
import { Diagnostics } from '../errors.ts';
import { CYRILLIC_LOCALE, sourceTexts, translationFile } from '../localize.ts';
import type { StoredUnit } from './document.ts';
import { XliffFormatError, innerMarkup, readXliff, writeXliff } from './document.ts';
import { unitsToWrite } from './extract.ts';
import { sourceHash, toXliffInline } from './inline-xliff.ts';
import type { XmlElement } from './xml.ts';
import { XmlError, childElements } from './xml.ts';

export interface MergeResult { diagnostics: Diagnostics; mergedCount: number; reviewUnits: string[]; written: boolean }

/** Placeholder id → element name (pc or ph), anywhere inside an element. */
function placeholdersOf(element: XmlElement, into = new Map<string, string>(), duplicates: string[] = []): { ids: Map<string, string>; duplicates: string[] } {
  for (const child of childElements(element)) {
    const id = child.attributes['id'] ?? '';
    if (into.has(id)) duplicates.push(id);
    into.set(id, child.name);
    placeholdersOf(child, into, duplicates);
  }
  return { ids: into, duplicates };
}

/** Problems with the target's placeholders compared with its own source, or undefined. */
export function placeholderProblem(source: XmlElement, target: XmlElement): string | undefined {
  const expected = placeholdersOf(source).ids;
  const found = placeholdersOf(target);
  for (const child of found.ids.values()) if (child !== 'pc' && child !== 'ph') return `<${child}> is not allowed in a target`;
  if (found.duplicates.length > 0) return `placeholder id="${found.duplicates[0]}" appears twice`;
  for (const [id, name] of found.ids) {
    const sourceName = expected.get(id);
    if (!sourceName) return `placeholder id="${id}" is not in the source`;
    if (sourceName !== name) return `placeholder id="${id}" must be <${sourceName}> as in the source`;
  }
  const missing = [...expected.keys()].filter((id) => !found.ids.has(id));
  return missing.length > 0 ? `placeholder ${missing.map((id) => `id="${id}"`).join(', ')} missing from the target` : undefined;
}

export function mergeTranslations(source: CourseSource, locale: string, returnedText: string, returnedDisplay: string): MergeResult {
  const diagnostics = new Diagnostics();
  const result: MergeResult = { diagnostics, mergedCount: 0, reviewUnits: [], written: false };
  let returned: Map<string, StoredUnit>;
  try {
    const document = readXliff(returnedText);
    returned = document.units;
    if (document.targetLocale !== locale) diagnostics.error('xliff', returnedDisplay, { line: 2, column: 1 }, `the file is for trgLang="${document.targetLocale}", not ${locale}`);
  } catch (error) {
    if (!(error instanceof XliffFormatError || error instanceof XmlError)) throw error;
    diagnostics.error('xliff', returnedDisplay, { line: error.line, column: error.column }, error.message);
    return result;
  }
  const texts = sourceTexts(source);
  for (const unit of returned.values()) {
    if (!texts.has(unit.id)) {
      diagnostics.warn('translation-unknown-unit', returnedDisplay, { line: unit.line, column: 1 }, `unit '${unit.id}' is not in the current source; it is ignored`);
      continue;
    }
    if (!unit.target) continue;
    const problem = placeholderProblem(unit.source, unit.target);
    if (problem) diagnostics.error('translation-placeholder', returnedDisplay, { line: unit.target.line, column: unit.target.column }, `unit '${unit.id}': ${problem}`);
  }
  if (diagnostics.hasErrors) return result;

  const storedFile = join(source.directory, translationFile(source, locale));
  const stored = existsSync(storedFile) ? readXliff(readFileSync(storedFile, 'utf8')).units : new Map<string, StoredUnit>();
  for (const unit of returned.values()) {
    const text = texts.get(unit.id);
    if (!text || !unit.target) continue;
    // The hash note says which source text was translated; without it, the returned source does.
    // A unit marked for review whose translator set it to translated (or later) against the
    // current English text is reviewed: it now stands for the current text.
    const current = sourceHash(text.content);
    const isReviewed = unit.state !== 'initial' && innerMarkup(unit.source) === toXliffInline(text.content).markup;
    const hash = isReviewed ? current : (unit.hash ?? current);
    stored.set(unit.id, { ...unit, hash });
    result.mergedCount += 1;
    if (hash !== current) result.reviewUnits.push(unit.id);
  }
  // sr-Cyrl is generated from sr-Latn: its file holds only the units that override the generated text.
  const units = unitsToWrite(source, stored).filter((unit) => locale !== CYRILLIC_LOCALE || unit.targetMarkup !== undefined);
  writeFileSync(storedFile, writeXliff(source.yaml.sourceLocale, locale, units));
  result.written = true;
  return result;
}

