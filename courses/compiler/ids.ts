// Ids written by authors, and the xAPI activity IRIs built from them. An id never changes once a
// course is published: the learning records and dashboards are keyed by the IRI.

export const ID_LENGTH_MAX = 64;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export function isValidId(id: string): boolean {
  return id.length <= ID_LENGTH_MAX && ID_PATTERN.test(id);
}

export const ID_RULE = 'lowercase letters, digits and hyphens, starting with a letter or digit, at most 64 characters';

/**
 * The relative activity path for a chain of ids, e.g.
 * `activityPath('c', 'module', 'm', 'lesson', 'l')` → `course/c/module/m/lesson/l`.
 * Segments are percent-encoded so that no id can change the shape of the path.
 */
export function activityPath(courseId: string, ...path: string[]): string {
  return ['course', courseId, ...path].map((segment) => encodeURIComponent(segment)).join('/');
}

/**
 * The xAPI activity IRI: `<publicUrl>/xapi/activities/course/<course>/module/<module>/…`.
 * Accepts either ids (`activityIri(url, 'c', 'module', 'm')`) or a compiled `activityPath`
 * (`activityIri(url, lesson.activityPath)`) when called with one argument after the URL that
 * already starts with `course/`.
 */
export function activityIri(publicUrl: string, courseIdOrPath: string, ...path: string[]): string {
  const base = publicUrl.replace(/\/+$/, '');
  const isCompiledPath = path.length === 0 && courseIdOrPath.startsWith('course/');
  const relative = isCompiledPath ? courseIdOrPath : activityPath(courseIdOrPath, ...path);
  return `${base}/xapi/activities/${relative}`;
}
