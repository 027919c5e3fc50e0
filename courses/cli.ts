// The course pipeline from the command line:
//   check [--strict] [--course id]     compile everything, print file:line:col: message, exit 1 on errors
//   build --out <dir> [--strict]       write the compiled JSON and the catalogue
//   extract --locale <l> [--course id] write or refresh courses/<id>/translations/<l>.xlf
//   merge --locale <l> [--file f.xlf] [--course id]   check and store a translated file

import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileCourses, discoverCourses, writeBuild } from './compiler/compile-all.ts';
import type { Diagnostics } from './compiler/errors.ts';
import { translationFile } from './compiler/localize.ts';
import { extractTranslations } from './compiler/xliff/extract.ts';
import { mergeTranslations } from './compiler/xliff/merge.ts';

const coursesRoot = dirname(fileURLToPath(import.meta.url));
const projectRoot = dirname(coursesRoot);

function print(diagnostics: Diagnostics): void {
  for (const item of diagnostics.items) (item.severity === 'error' ? console.error : console.warn)(item.format());
  console.error(`${diagnostics.errors.length} error(s), ${diagnostics.warnings.length} warning(s)`);
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { strict: { type: 'boolean', default: false }, course: { type: 'string' }, out: { type: 'string' }, locale: { type: 'string' }, file: { type: 'string' } },
  });
  const options = { isStrict: values.strict === true, ...(values.course ? { courseId: values.course } : {}) };
  const { courses, diagnostics } = compileCourses(discoverCourses(coursesRoot), projectRoot, options);
  if (values.course && courses.length === 0 && !diagnostics.hasErrors) {
    console.error(`no course with id '${values.course}'`);
    return 1;
  }
  switch (command) {
    case 'check':
      print(diagnostics);
      return diagnostics.hasErrors ? 1 : 0;
    case 'build': {
      print(diagnostics);
      if (!values.out) return usage('build needs --out <dir>');
      if (diagnostics.hasErrors) return 1;
      const catalogue = writeBuild(courses, resolve(values.out));
      console.log(`built ${catalogue.courses.length} course(s) into ${values.out} (content hash ${catalogue.contentHash.slice(0, 12)})`);
      return 0;
    }
    case 'extract': {
      if (!values.locale) return usage('extract needs --locale <locale>');
      if (diagnostics.hasErrors) {
        print(diagnostics);
        return 1;
      }
      for (const { source } of courses) {
        const result = extractTranslations(source, values.locale);
        console.log(`${result.file}: ${result.unitCount} units, ${result.translatedCount} translated, ${result.reviewCount} to review`);
      }
      return 0;
    }
    case 'merge':
      return merge(values.locale, values.file, courses.map((course) => course.source), diagnostics);
    default:
      return usage(`unknown command '${command ?? ''}'`);
  }
}

function merge(locale: string | undefined, file: string | undefined, sources: Parameters<typeof extractTranslations>[0][], diagnostics: Diagnostics): number {
  if (!locale) return usage('merge needs --locale <locale>');
  if (diagnostics.hasErrors) {
    print(diagnostics);
    return 1;
  }
  if (file && sources.length !== 1) return usage('with --file, name the course with --course <id>');
  let status = 0;
  for (const source of sources) {
    const path = file ? resolve(file) : join(source.directory, translationFile(source, locale));
    const result = mergeTranslations(source, locale, readFileSync(path, 'utf8'), relative(projectRoot, path));
    for (const item of result.diagnostics.items) console.error(item.format());
    if (!result.written) {
      console.error(`${relative(projectRoot, path)}: rejected, nothing written`);
      status = 1;
      continue;
    }
    console.log(`${source.yaml.id}: ${result.mergedCount} units merged, ${result.reviewUnits.length} need review${result.reviewUnits.length > 0 ? `: ${result.reviewUnits.join(', ')}` : ''}`);
  }
  return status;
}

function usage(problem: string): number {
  console.error(`${problem}\nusage: tsx courses/cli.ts check [--strict] | build --out <dir> | extract --locale <l> [--course <id>] | merge --locale <l> [--file <f.xlf>] [--course <id>]`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
