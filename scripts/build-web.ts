import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { compileCourses, discoverCourses, writeBuild } from '../courses/compiler/compile-all.ts';

/**
 * Builds the web app (SvelteKit static build into build/web) when its sources changed since the
 * last build, so a second `npm start` starts in seconds. The fingerprint covers every input of
 * the build: web sources, messages, configs and the lockfile.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP_FILE = path.join(ROOT, 'build', 'web-build.fingerprint');
const INPUT_PATHS = ['web', 'courses', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
/** Generated or irrelevant paths inside the inputs. */
const IGNORED = [
  path.join('web', 'src', 'lib', 'paraglide'),
  // Paraglide writes these into its project folder on the first build.
  path.join('web', 'project.inlang', '.gitignore'),
  path.join('web', 'project.inlang', '.meta.json'),
  path.join('web', 'project.inlang', 'README.md'),
  'node_modules',
  '.DS_Store',
];

function listFiles(relative: string): string[] {
  const absolute = path.join(ROOT, relative);
  if (!fs.existsSync(absolute) || IGNORED.some((ignored) => relative === ignored || relative.endsWith(`${path.sep}${ignored}`))) return [];
  if (fs.statSync(absolute).isFile()) return [relative];
  return fs
    .readdirSync(absolute)
    .sort()
    .flatMap((entry) => listFiles(path.join(relative, entry)));
}

export function fingerprintWebSources(): string {
  const hash = createHash('sha256');
  for (const file of INPUT_PATHS.flatMap(listFiles)) {
    hash.update(file.split(path.sep).join('/')).update('\0').update(fs.readFileSync(path.join(ROOT, file))).update('\0');
  }
  return hash.digest('hex');
}

export function isWebBuildCurrent(): boolean {
  if (!fs.existsSync(path.join(ROOT, 'build', 'web', '200.html'))) return false;
  return fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, 'utf8').trim() === fingerprintWebSources();
}

export function buildWeb(): void {
  const fingerprint = fingerprintWebSources();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The web app build failed; see the messages above.');
  buildCourseContent();
  fs.mkdirSync(path.dirname(STAMP_FILE), { recursive: true });
  fs.writeFileSync(STAMP_FILE, `${fingerprint}\n`);
}

/** Where the compiled courses go: served with the web app under /content. */
export const COURSE_CONTENT_DIRECTORY = path.join(ROOT, 'build', 'web', 'content');

/**
 * Compiles every course into per-lesson, per-locale JSON under build/web/content (after the
 * Kit build, which empties build/web). Content with errors stops the build: the player never
 * gets a course that failed validation.
 */
function buildCourseContent(): void {
  const { courses, diagnostics } = compileCourses(discoverCourses(path.join(ROOT, 'courses')), ROOT, { isStrict: false });
  for (const item of diagnostics.items) if (item.severity === 'error') process.stderr.write(`${item.format()}\n`);
  if (diagnostics.hasErrors) throw new Error('The courses have errors (listed above); run `npm run courses:check`.');
  const catalogue = writeBuild(courses, COURSE_CONTENT_DIRECTORY);
  precompressJson(COURSE_CONTENT_DIRECTORY);
  process.stdout.write(`Compiled ${catalogue.courses.length} course(s) into build/web/content\n`);
}

/**
 * Brotli and gzip variants beside every JSON file, as the Kit build makes for its own files: the
 * server sends them to browsers that accept them, so lessons cross slow lines at a fraction of
 * their size.
 */
export function precompressJson(directory: string): void {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) precompressJson(file);
    else if (entry.name.endsWith('.json')) {
      const content = fs.readFileSync(file);
      fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
    }
  }
}

/** Builds when needed; `force` rebuilds anyway. Returns whether it built. */
export function ensureWebBuild(force = false): boolean {
  if (!force && isWebBuildCurrent()) return false;
  process.stdout.write('Building the web app…\n');
  buildWeb();
  return true;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  ensureWebBuild(process.argv.includes('--force'));
}
