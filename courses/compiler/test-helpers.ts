// Shared by the compiler's tests: course folders copied into a temporary directory, compiled there.

import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCourses } from './compile-all.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A fresh copy of a fixture course (optionally with another fixture's files laid over it). */
export function copyCourse(fixture: string, overlay?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'course-fixture-'));
  const directory = join(root, 'course');
  cpSync(join(FIXTURES, fixture), directory, { recursive: true });
  if (overlay) cpSync(join(FIXTURES, overlay), directory, { recursive: true });
  return directory;
}

/** Compiles one course folder, naming files relative to the folder. */
export function compileFolder(directory: string, isStrict = false): ReturnType<typeof compileCourses> {
  return compileCourses([directory], directory, { isStrict });
}

export function messages(result: ReturnType<typeof compileCourses>, severity: 'error' | 'warning' = 'error'): string[] {
  return result.diagnostics.items.filter((item) => item.severity === severity).map((item) => item.format());
}
