// course.yaml, the glossary and the sources file: read, checked against their schemas.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TSchema } from 'typebox';
import type { Diagnostics } from './errors.ts';
import type { CourseYaml, GlossaryYaml, SourcesYaml } from './schemas.ts';
import { CourseYamlSchema, GlossarySchema, SourcesSchema } from './schemas.ts';
import type { YamlSource } from './yaml-source.ts';
import { checkSchema, readYaml } from './yaml-source.ts';

export interface LoadedCourseYaml {
  yaml: CourseYaml;
  yamlSource: YamlSource;
  glossary: GlossaryYaml;
  sources: SourcesYaml;
}

function readChecked(directory: string, file: string, schema: TSchema, display: (path: string) => string, diagnostics: Diagnostics): YamlSource | undefined {
  const source = readYaml(readFileSync(join(directory, file), 'utf8'), display(file), diagnostics);
  if (!source || !checkSchema(schema, source, display(file), diagnostics)) return undefined;
  return source;
}

function checkUniqueIds(entries: { id: string }[], source: YamlSource, file: string, diagnostics: Diagnostics): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) diagnostics.error('duplicate-id', file, source.positionOf([index, 'id']), `id '${entry.id}' is used twice`);
    seen.add(entry.id);
  });
}

export function readCourseYaml(directory: string, display: (path: string) => string, diagnostics: Diagnostics): LoadedCourseYaml | undefined {
  if (!existsSync(join(directory, 'course.yaml'))) {
    diagnostics.error('missing-file', display('course.yaml'), undefined, 'course.yaml is missing');
    return undefined;
  }
  const yamlSource = readChecked(directory, 'course.yaml', CourseYamlSchema, display, diagnostics);
  if (!yamlSource) return undefined;
  const yaml = yamlSource.value as CourseYaml;
  if (!yaml.locales.includes(yaml.sourceLocale)) {
    diagnostics.error('schema', display('course.yaml'), yamlSource.positionOf(['locales']), `locales must include the source locale '${yaml.sourceLocale}'`);
  }
  const lists: { key: 'glossary' | 'sources'; schema: TSchema }[] = [
    { key: 'glossary', schema: GlossarySchema },
    { key: 'sources', schema: SourcesSchema },
  ];
  const loaded: Partial<Record<'glossary' | 'sources', unknown[]>> = {};
  for (const { key, schema } of lists) {
    const file = yaml[key];
    if (!existsSync(join(directory, file))) {
      diagnostics.error('missing-file', display('course.yaml'), yamlSource.positionOf([key]), `${key} file '${file}' does not exist`);
      continue;
    }
    const source = readChecked(directory, file, schema, display, diagnostics);
    if (!source) continue;
    const entries = (source.value ?? []) as { id: string }[];
    checkUniqueIds(entries, source, display(file), diagnostics);
    loaded[key] = entries;
  }
  return { yaml, yamlSource, glossary: (loaded.glossary ?? []) as GlossaryYaml, sources: (loaded.sources ?? []) as SourcesYaml };
}
