// Writes (or refreshes) `translations/<locale>.xlf` from the current source, keeping every
// translation already made and flagging those whose source text changed since.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CourseSource } from '../compile-course.ts';
import { sourceTexts, translationFile } from '../localize.ts';
import type { StoredUnit, UnitToWrite } from './document.ts';
import { innerMarkup, readXliff, writeXliff } from './document.ts';
import { sourceHash } from './inline-xliff.ts';

/** The units of a translation file for `locale`, merged with `stored` translations. */
export function unitsToWrite(source: CourseSource, stored: Map<string, StoredUnit>): UnitToWrite[] {
  const texts = sourceTexts(source);
  const units: UnitToWrite[] = [];
  for (const info of source.registry.units.values()) {
    const text = texts.get(info.unit);
    if (!text) continue;
    const current = sourceHash(text.content);
    const existing = stored.get(info.unit);
    if (!existing?.target) {
      units.push({ info, source: text.content, targetMarkup: undefined, hash: current, state: 'initial', needsReview: false });
      continue;
    }
    const hash = existing.hash ?? current;
    const needsReview = hash !== current;
    const state = needsReview ? 'initial' : (existing.state as UnitToWrite['state']);
    units.push({ info, source: text.content, targetMarkup: innerMarkup(existing.target), hash, state, needsReview });
  }
  return units;
}

export function extractTranslations(source: CourseSource, locale: string): { file: string; unitCount: number; translatedCount: number; reviewCount: number } {
  const file = join(source.directory, translationFile(source, locale));
  const stored = existsSync(file) ? readXliff(readFileSync(file, 'utf8')).units : new Map<string, StoredUnit>();
  const units = unitsToWrite(source, stored);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, writeXliff(source.yaml.sourceLocale, locale, units));
  return {
    file: join(source.displayDirectory, translationFile(source, locale)),
    unitCount: units.length,
    translatedCount: units.filter((unit) => unit.targetMarkup !== undefined).length,
    reviewCount: units.filter((unit) => unit.needsReview).length,
  };
}
