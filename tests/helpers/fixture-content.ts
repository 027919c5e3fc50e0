import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { compileCourses, writeBuild } from '../../courses/compiler/compile-all.ts';
import { precompressJson } from '../../scripts/build-web.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURE_COURSE_DIRECTORY = path.join(ROOT, 'courses', 'compiler', 'fixtures', 'valid', 'rivertown');
const WEB_BUILD = path.join(ROOT, 'build', 'web');

/**
 * A web root for tests: the current web build (when there is one) with the compiler's fixture
 * course as its only content, so tests do not depend on which real courses exist.
 */
export function createFixtureWebRoot(): { webRoot: string; remove(): void } {
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'eacademy-web-'));
  if (fs.existsSync(WEB_BUILD)) fs.cpSync(WEB_BUILD, webRoot, { recursive: true, filter: (source) => !source.startsWith(path.join(WEB_BUILD, 'content')) });
  const { courses, diagnostics } = compileCourses([FIXTURE_COURSE_DIRECTORY], ROOT, { isStrict: false });
  if (diagnostics.hasErrors) throw new Error(`fixture course does not compile: ${diagnostics.items.map((item) => item.format()).join('\n')}`);
  writeBuild(courses, path.join(webRoot, 'content'));
  precompressJson(path.join(webRoot, 'content'));
  return { webRoot, remove: () => fs.rmSync(webRoot, { recursive: true, force: true }) };
}
