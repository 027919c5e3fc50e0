import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFolder, copyCourse, messages } from './test-helpers.ts';
import { collectTexts } from './units.ts';
import { extractTranslations } from './xliff/extract.ts';
import { mergeTranslations } from './xliff/merge.ts';

/** Fills every <target> with a copy of its <source> (a translator who changes nothing). */
function translateAsSource(xliff: string): string {
  return xliff.replace(/<source>([\s\S]*?)<\/source>(\s*)<\/segment>/g, '<source>$1</source>$2  <target>$1</target>\n      </segment>');
}

function sourceOf(directory: string): NonNullable<ReturnType<typeof compileFolder>['courses'][number]>['source'] {
  const course = compileFolder(directory).courses[0];
  if (!course) throw new Error('the fixture did not compile');
  return course.source;
}

describe('extract → merge', () => {
  it('writes XLIFF 2.1 with one unit per text, placeholders, notes and a source hash', () => {
    const directory = copyCourse('valid/rivertown');
    extractTranslations(sourceOf(directory), 'sq');
    const xliff = readFileSync(join(directory, 'translations', 'sq.xlf'), 'utf8');
    expect(xliff).toContain('version="2.1" srcLang="en" trgLang="sq"');
    expect(xliff).toContain('<unit id="factors.discrimination.1">');
    expect(xliff).toContain('<source>People can be <pc id="1" canDelete="no" type="fmt" subType="xlf:b" disp="bold">excluded</pc> because');
    expect(xliff).toMatch(/<note category="source-hash">[0-9a-f]{16}<\/note>/);
    expect(xliff).toContain('<note category="max-length">250</note>');
    expect(xliff).not.toContain('isCorrect');
  });

  it('leaves the compiled content unchanged when the translation equals the source', () => {
    const directory = copyCourse('valid/rivertown');
    const source = sourceOf(directory);
    extractTranslations(source, 'sq');
    const file = join(directory, 'translations', 'sq.xlf');
    const returned = translateAsSource(readFileSync(file, 'utf8'));
    const merged = mergeTranslations(source, 'sq', returned, 'sq-returned.xlf');
    expect(merged.diagnostics.items.map((item) => item.format())).toEqual([]);
    expect(merged.written).toBe(true);
    const result = compileFolder(directory, true);
    // The fixture also declares Serbian, which has no translation file: only that is reported.
    expect(messages(result)).toEqual([
      expect.stringMatching(/course\.yaml:1:1: rivertown declares sr-Latn but has no translation for it yet/),
      expect.stringMatching(/course\.yaml:1:1: rivertown declares sr-Cyrl but has no translation for it yet/),
    ]);
    expect(result.diagnostics.hasErrors).toBe(true);
    expect(compileFolder(directory, false).diagnostics.hasErrors).toBe(false);
    const english = result.courses[0]?.locales.get('en');
    const albanian = result.courses[0]?.locales.get('sq');
    expect(albanian?.lessons.map((lesson) => lesson.blocks)).toEqual(english?.lessons.map((lesson) => lesson.blocks.map((block) => relabel(block))));
    expect(collectTexts(albanian).every((text) => text.fallback === undefined && text.stale === undefined)).toBe(true);
    expect(albanian?.course.translation).toMatchObject({ fallbackUnits: 0, staleUnits: 0 });
  });

  it('falls back to the source text, flagged, for units with no translation', () => {
    const directory = copyCourse('valid/rivertown');
    extractTranslations(sourceOf(directory), 'sq');
    const result = compileFolder(directory);
    const lesson = result.courses[0]?.locales.get('sq')?.lessons[0];
    const texts = collectTexts(lesson);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((text) => text.fallback === true)).toBe(true);
    expect(lesson?.translation.fallbackUnits).toBe(texts.length);
    expect(messages(result, 'warning').some((warning) => warning.includes("no sq translation for 'factors.intro.1'"))).toBe(true);
    expect(messages(compileFolder(directory, true)).some((error) => error.includes("no sq translation for 'factors.intro.1'"))).toBe(true);
  });

  it('marks a unit stale when the source changed after translation, and keeps the translation', () => {
    const directory = copyCourse('valid/rivertown');
    const source = sourceOf(directory);
    extractTranslations(source, 'sq');
    const file = join(directory, 'translations', 'sq.xlf');
    expect(mergeTranslations(source, 'sq', translateAsSource(readFileSync(file, 'utf8')), 'sq.xlf').written).toBe(true);
    const lessonFile = join(directory, 'lessons', 'factors.md');
    writeFileSync(lessonFile, readFileSync(lessonFile, 'utf8').replace('Averages hide people.', 'Averages hide many people.'));
    const result = compileFolder(directory);
    const stale = messages(result, 'warning').filter((warning) => warning.includes('older text'));
    expect(stale).toEqual([expect.stringMatching(/^lessons\/factors\.md:\d+:1: warning: the sq translation of 'factors\.discrimination\.\d+' was made for an older text/)]);
    expect(messages(compileFolder(directory, true)).some((error) => error.includes('older text'))).toBe(true);
    const refreshed = extractTranslations(sourceOf(directory), 'sq');
    expect(refreshed.reviewCount).toBe(1);
    // The translator checks the unit against the new English and sets it to translated.
    const reviewed = readFileSync(file, 'utf8').replace(/(<note category="review">[\s\S]*?<segment state=")initial"/, '$1translated"');
    expect(mergeTranslations(sourceOf(directory), 'sq', reviewed, 'sq.xlf').reviewUnits).toEqual([]);
    expect(messages(compileFolder(directory), 'warning').filter((warning) => warning.includes('older text'))).toEqual([]);
  });

  it('rejects a returned file with a missing, repeated or invented placeholder, and writes nothing', () => {
    const directory = copyCourse('valid/rivertown');
    const source = sourceOf(directory);
    extractTranslations(source, 'sq');
    const file = join(directory, 'translations', 'sq.xlf');
    const before = readFileSync(file, 'utf8');
    const translated = translateAsSource(before);
    const broken = [
      translated.replace(/<target>People can be <pc id="1"[^>]*>excluded<\/pc>/, '<target>People can be excluded'),
      translated.replace(/<target>People can be (<pc id="1"[^>]*>excluded<\/pc>)/, '<target>$1 $1'),
      translated.replace(/<target>People can be /, '<target><ph id="9"/> People can be '),
      translated.replace(/<target>People can be <pc id="1"[^>]*>excluded<\/pc>/, '<target>People can be <ph id="1"/>'),
    ];
    for (const returned of broken) {
      expect(returned).not.toBe(translated);
      const result = mergeTranslations(source, 'sq', returned, 'sq.xlf');
      expect(result.written).toBe(false);
      expect(result.diagnostics.errors.map((error) => error.format())).toEqual([expect.stringMatching(/^sq\.xlf:\d+:\d+: unit 'factors\.discrimination\.\d': placeholder/)]);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('rejects malformed XML, a DOCTYPE and a file for another language', () => {
    const directory = copyCourse('valid/rivertown');
    const source = sourceOf(directory);
    expect(mergeTranslations(source, 'sq', '<xliff version="2.1"><file>', 'x.xlf').diagnostics.errors[0]?.message).toMatch(/not closed/);
    expect(mergeTranslations(source, 'sq', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff/>', 'x.xlf').diagnostics.errors[0]?.message).toMatch(/DOCTYPE/);
    expect(mergeTranslations(source, 'sq', '<xliff version="2.1" srcLang="en" trgLang="mk"></xliff>', 'x.xlf').diagnostics.errors[0]?.message).toMatch(/not sq/);
  });

  it('derives sr-Cyrl from sr-Latn by transliteration, with a per-unit override', () => {
    const directory = copyCourse('valid/rivertown');
    const source = sourceOf(directory);
    extractTranslations(source, 'sr-Latn');
    const latinFile = join(directory, 'translations', 'sr-Latn.xlf');
    const latin = readFileSync(latinFile, 'utf8')
      .replace('<source>Rivertown practice course</source>', '<source>Rivertown practice course</source>\n        <target>Vežba za opštinu Rečani</target>')
      .replace('<source>Basics</source>', '<source>Basics</source>\n        <target>Osnove</target>');
    expect(mergeTranslations(source, 'sr-Latn', latin, 'sr-Latn.xlf').written).toBe(true);
    writeFileSync(join(directory, 'translations', 'sr-Cyrl.xlf'), [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="sr-Cyrl"><file id="course">',
      `<unit id="module.basics.title"><notes><note category="source-hash">${/<unit id="module.basics.title">[\s\S]*?source-hash">(\w+)</.exec(readFileSync(latinFile, 'utf8'))?.[1]}</note></notes>`,
      '<segment state="translated"><source>Basics</source><target>Основи курса</target></segment></unit></file></xliff>',
    ].join('\n'));
    const course = compileFolder(directory).courses[0]?.locales.get('sr-Cyrl')?.course;
    expect(course?.title.content).toEqual([{ type: 'text', value: 'Вежба за општину Речани' }]);
    expect(course?.modules[0]?.title.content).toEqual([{ type: 'text', value: 'Основи курса' }]);
    expect(course?.description.fallback).toBe(true);
    // Merging the Cyrillic file keeps only its overrides: the rest is generated.
    extractTranslations(sourceOf(directory), 'sr-Cyrl');
    const cyrillicFile = join(directory, 'translations', 'sr-Cyrl.xlf');
    expect(readFileSync(cyrillicFile, 'utf8').match(/<unit /g)?.length).toBeGreaterThan(1);
    expect(mergeTranslations(sourceOf(directory), 'sr-Cyrl', readFileSync(cyrillicFile, 'utf8'), 'sr-Cyrl.xlf').written).toBe(true);
    expect(readFileSync(cyrillicFile, 'utf8').match(/<unit id="[^"]+"/g)).toEqual(['<unit id="module.basics.title"']);
  });
});

/** The English blocks as the sq copy should be: same content, locale-specific xAPI names. */
function relabel<T>(block: T): T {
  return JSON.parse(JSON.stringify(block).replaceAll('"en":', '"sq":')) as T;
}
