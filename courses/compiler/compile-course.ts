// One course folder → its source-language model: course, lessons, banks, translatable units.
// Every cross-reference is checked here: files, ids, glossary and source references, quiz sizes.

import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DirectiveContext } from './directives/shared.ts';
import { Diagnostics } from './errors.ts';
import { activityPath } from './ids.ts';
import type { Reference } from './inline.ts';
import type { ParsedBank } from './parse-bank.ts';
import { parseBank } from './parse-bank.ts';
import { readCourseYaml } from './parse-course-yaml.ts';
import type { ParsedLesson } from './parse-lesson.ts';
import { parseLesson } from './parse-lesson.ts';
import type { CourseYaml } from './schemas.ts';
import type { Course, Lesson, ModuleRef, QuestionBank, Text } from './types.ts';
import { COURSE_SCHEMA_VERSION } from './types.ts';
import { UnitRegistry, plainInline } from './units.ts';
import type { YamlSource } from './yaml-source.ts';

export interface CourseSource {
  directory: string;
  /** How files are named in messages (relative to the project root). */
  displayDirectory: string;
  yaml: CourseYaml;
  course: Course;
  lessons: Lesson[];
  banks: QuestionBank[];
  registry: UnitRegistry;
  /** Media files used, relative to the course folder. */
  media: string[];
}

interface Collected {
  terms: Reference[];
  citations: Reference[];
  media: Reference[];
  interactionIds: DirectiveContext['interactionIds'];
}

export function compileCourse(directory: string, projectRoot: string): { source: CourseSource | undefined; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const displayDirectory = relative(projectRoot, directory) || '.';
  const display = (path: string): string => join(displayDirectory, path);
  const loaded = readCourseYaml(directory, display, diagnostics);
  if (!loaded) return { source: undefined, diagnostics };
  const { yaml, yamlSource, glossary, sources } = loaded;
  const registry = new UnitRegistry();
  const collected: Collected = { terms: [], citations: [], media: [], interactionIds: [] };
  // Texts from the YAML files: `at` is the file and the key path, for the line in messages.
  const courseText = (unit: string, value: string, part: string, maxLength?: number, at: { file?: string; path: (string | number)[] } = { path: [] }): Text => {
    const file = at.file ?? 'course.yaml';
    const line = file === 'course.yaml' ? yamlSource.positionOf(at.path).line : 1;
    registry.register({ unit, group: 'course', file: display(file), line, context: `Course "${yaml.title}": ${part}`, ...(maxLength ? { maxLength } : {}) });
    return { unit, content: plainInline(value) };
  };
  const baseContext = (file: string, group: string, label: string, pathFor: (id: string) => string): Omit<DirectiveContext, 'directive'> => ({
    file: display(file), diagnostics, registry, group, label, courseId: yaml.id, sourceLocale: yaml.sourceLocale, activityPathFor: pathFor, ...collected,
  });

  const course: Course = {
    schemaVersion: COURSE_SCHEMA_VERSION,
    id: yaml.id,
    version: yaml.version,
    activityPath: activityPath(yaml.id),
    locale: yaml.sourceLocale,
    sourceLocale: yaml.sourceLocale,
    locales: yaml.locales,
    title: courseText('course.title', yaml.title, 'course title', 100, { path: ['title'] }),
    description: courseText('course.description', yaml.description, 'course description', 600, { path: ['description'] }),
    estimatedMinutes: yaml.estimatedMinutes,
    objectives: yaml.objectives.map((objective, index) => courseText(`course.objective.${index + 1}`, objective, `course objective ${index + 1}`, 250, { path: ['objectives', index] })),
    modules: [],
    completion: yaml.completion,
    glossary: glossary.map((entry) => ({
      id: entry.id,
      term: courseText(`glossary.${entry.id}.term`, entry.term, 'glossary term', 80, { file: yaml.glossary, path: [] }),
      definition: courseText(`glossary.${entry.id}.definition`, entry.definition, `definition of "${entry.term}"`, 600, { file: yaml.glossary, path: [] }),
      ...(entry.source ? { sourceId: entry.source } : {}),
    })),
    sources: sources.map((entry) => ({
      id: entry.id,
      title: entry.title,
      ...(entry.publisher ? { publisher: entry.publisher } : {}),
      ...(entry.year ? { year: entry.year } : {}),
      ...(entry.url ? { url: entry.url } : {}),
      ...(entry.note ? { note: courseText(`source.${entry.id}.note`, entry.note, `note on the source "${entry.title}"`, 300, { file: yaml.sources, path: [] }) } : {}),
    })),
    translation: { fallbackUnits: 0, staleUnits: 0, totalUnits: 0 },
  };

  const lessons: Lesson[] = [];
  const banks = new Map<string, QuestionBank>();
  const lessonIds = new Map<string, string>();
  yaml.modules.forEach((module, moduleIndex) => {
    const modulePath = ['modules', moduleIndex];
    const moduleRef: ModuleRef = { id: module.id, title: courseText(`module.${module.id}.title`, module.title, 'module title', 100, { path: [...modulePath, 'title'] }), activityPath: activityPath(yaml.id, 'module', module.id), lessons: [] };
    if (module.lessons.length === 0) diagnostics.error('structure', display('course.yaml'), yamlSource.positionOf([...modulePath, 'id']), `module '${module.id}' has no lessons`);
    module.lessons.forEach((fileName, lessonIndex) => {
      const file = join('lessons', fileName);
      const position = yamlSource.positionOf([...modulePath, 'lessons', lessonIndex]);
      if (!existsSync(join(directory, file))) {
        diagnostics.error('missing-file', display('course.yaml'), position, `lesson file '${file}' does not exist`);
        return;
      }
      const parsed = loadLesson(directory, file, module.id, yaml, baseContext);
      if (!parsed) return;
      const lessonId = parsed.frontMatter.id;
      const previous = lessonIds.get(lessonId);
      if (previous) diagnostics.error('duplicate-id', display(file), { line: 2, column: 1 }, `lesson id '${lessonId}' is already used by ${previous}`);
      lessonIds.set(lessonId, display(file));
      const lessonActivity = activityPath(yaml.id, 'module', module.id, 'lesson', lessonId);
      lessons.push({
        schemaVersion: COURSE_SCHEMA_VERSION, id: lessonId, courseId: yaml.id, moduleId: module.id, activityPath: lessonActivity, locale: yaml.sourceLocale, sourceLocale: yaml.sourceLocale,
        title: parsed.title, estimatedMinutes: parsed.frontMatter.estimatedMinutes, objectives: parsed.objectives, blocks: parsed.blocks, translation: course.translation,
      });
      moduleRef.lessons.push({ id: lessonId, title: parsed.title, estimatedMinutes: parsed.frontMatter.estimatedMinutes, activityPath: lessonActivity, path: `lessons/${lessonId}.json` });
    });
    if (module.quiz) {
      const quiz = module.quiz;
      const quizPath = [...modulePath, 'quiz'];
      const bank = banks.get(quiz.bank) ?? loadBank(directory, quiz.bank, yaml, baseContext, diagnostics, display, yamlSource.positionOf([...quizPath, 'bank']));
      if (bank) banks.set(quiz.bank, bank);
      if (bank && bank.questions.length < quiz.draw) {
        diagnostics.error('quiz', display('course.yaml'), yamlSource.positionOf([...quizPath, 'draw']), `quiz of module '${module.id}' draws ${quiz.draw} questions but bank '${quiz.bank}' has only ${bank.questions.length}`);
      }
      checkScoreBands(quiz.scoreBands, quizPath, yamlSource, display('course.yaml'), diagnostics);
      moduleRef.quiz = {
        bankId: quiz.bank, activityPath: activityPath(yaml.id, 'module', module.id, 'quiz'), drawCount: quiz.draw, passMark: quiz.passMark, attemptsMax: quiz.attemptsMax, shuffle: quiz.shuffle,
        scoreBands: quiz.scoreBands.map((band, index) => ({ min: band.min, feedback: courseText(`module.${module.id}.quiz.band${index + 1}`, band.feedback, `quiz feedback for scores from ${Math.round(band.min * 100)}%`, 400, { path: [...quizPath, 'scoreBands', index, 'feedback'] }) })),
      };
    }
    course.modules.push(moduleRef);
  });
  checkModuleIds(yaml, yamlSource, display('course.yaml'), diagnostics);
  checkReferences(collected, glossary.map((entry) => entry.id), sources.map((entry) => entry.id), directory, diagnostics);
  for (const entry of glossary) {
    if (entry.source && !sources.some((source) => source.id === entry.source)) diagnostics.error('unknown-reference', display(yaml.glossary), { line: 1, column: 1 }, `glossary entry '${entry.id}' cites '${entry.source}', which is not in ${yaml.sources}`);
  }
  for (const duplicate of registry.duplicates) diagnostics.error('duplicate-id', duplicate.file, { line: duplicate.line, column: 1 }, `text id '${duplicate.unit}' is used twice (a repeated {#id} or interaction id)`);
  const media = [...new Set(collected.media.map((reference) => reference.id))];
  return { source: { directory, displayDirectory, yaml, course, lessons, banks: [...banks.values()], registry, media }, diagnostics };
}

type ContextFactory = (file: string, group: string, label: string, pathFor: (id: string) => string) => Omit<DirectiveContext, 'directive'>;

function loadLesson(directory: string, file: string, moduleId: string, yaml: CourseYaml, makeContext: ContextFactory): ParsedLesson | undefined {
  const text = readFileSync(join(directory, file), 'utf8');
  // The lesson id is only known after the front matter is read; the context is built lazily.
  let lessonId = file;
  const context = makeContext(file, `lesson`, `Lesson in ${file}`, (id) => activityPath(yaml.id, 'module', moduleId, 'lesson', lessonId, 'interaction', id));
  const idMatch = /^id:\s*([a-z0-9-]+)\s*$/m.exec(text);
  lessonId = idMatch?.[1] ?? file;
  context.group = `lesson-${lessonId}`;
  return parseLesson(text, context);
}

function loadBank(directory: string, bankId: string, yaml: CourseYaml, makeContext: ContextFactory, diagnostics: Diagnostics, display: (path: string) => string, position: { line: number; column: number }): QuestionBank | undefined {
  const file = join('banks', `${bankId}.md`);
  if (!existsSync(join(directory, file))) {
    diagnostics.error('missing-file', display('course.yaml'), position, `question bank file '${file}' does not exist`);
    return undefined;
  }
  const context = makeContext(file, `bank-${bankId}`, `Quiz bank ${bankId}`, (id) => activityPath(yaml.id, 'bank', bankId, 'question', id));
  const parsed: ParsedBank | undefined = parseBank(readFileSync(join(directory, file), 'utf8'), bankId, context);
  if (!parsed) return undefined;
  return { schemaVersion: COURSE_SCHEMA_VERSION, id: bankId, courseId: yaml.id, locale: yaml.sourceLocale, sourceLocale: yaml.sourceLocale, title: parsed.title, questions: parsed.questions, translation: { fallbackUnits: 0, staleUnits: 0, totalUnits: 0 } };
}

function checkScoreBands(bands: { min: number }[], quizPath: (string | number)[], yamlSource: YamlSource, file: string, diagnostics: Diagnostics): void {
  if (bands[0]?.min !== 0) diagnostics.error('quiz', file, yamlSource.positionOf([...quizPath, 'scoreBands', 0, 'min']), 'the first score band must start at min: 0');
  bands.forEach((band, index) => {
    const previous = bands[index - 1];
    if (previous && band.min <= previous.min) diagnostics.error('quiz', file, yamlSource.positionOf([...quizPath, 'scoreBands', index, 'min']), 'score bands must go from the lowest min to the highest');
  });
}

function checkModuleIds(yaml: CourseYaml, yamlSource: YamlSource, file: string, diagnostics: Diagnostics): void {
  const seen = new Set<string>();
  yaml.modules.forEach((module, index) => {
    if (seen.has(module.id)) diagnostics.error('duplicate-id', file, yamlSource.positionOf(['modules', index, 'id']), `module id '${module.id}' is used twice`);
    seen.add(module.id);
  });
}

function checkReferences(collected: Collected, glossaryIds: string[], sourceIds: string[], directory: string, diagnostics: Diagnostics): void {
  for (const term of collected.terms) {
    if (!glossaryIds.includes(term.id)) diagnostics.error('unknown-reference', term.file, term.position, `:term refers to '${term.id}', which is not in the glossary`);
  }
  for (const citation of collected.citations) {
    if (!sourceIds.includes(citation.id)) diagnostics.error('unknown-reference', citation.file, citation.position, `source '${citation.id}' is not in the sources file`);
  }
  for (const media of collected.media) {
    if (!existsSync(join(directory, media.id))) diagnostics.error('missing-file', media.file, media.position, `image file '${media.id}' does not exist`);
  }
  const firstUse = new Map<string, Collected['interactionIds'][number]>();
  for (const use of collected.interactionIds) {
    const first = firstUse.get(use.id);
    if (first) diagnostics.error('duplicate-id', use.file, use.position, `id '${use.id}' is already used at ${first.file}:${first.position?.line ?? 1}`);
    else firstUse.set(use.id, use);
  }
}
