/**
 * The shared vocabulary of the statement validators. Validators are written by hand rather than
 * with TypeBox: the spec's rules are mostly cross-field (exactly one IFI, revision only with an
 * Activity object, interaction lists by interactionType, voiding needs a StatementRef) and every
 * rejection must name the field it is about, which a schema validator's messages do not do well.
 */
import type { XapiVersionFamily } from '../types.ts';

export interface ValidationProblem {
  /** Dotted path from the root, e.g. `statement.actor.mbox` or `statement.context.contextActivities.parent[0].id`. */
  path: string;
  message: string;
}

export interface Checker {
  version: XapiVersionFamily;
  problems: ValidationProblem[];
}

export function createChecker(version: XapiVersionFamily): Checker {
  return { version, problems: [] };
}

export function report(checker: Checker, path: string, message: string): void {
  checker.problems.push({ path, message });
}

export function formatProblem(problem: ValidationProblem): string {
  return `${problem.path}: ${problem.message}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a JSON value's type for messages ("got string"). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Checks that `value` is an object whose keys are all in `allowed`. Data §2.2.s4.b1.b5 and b7: a
 * key with the wrong case or a key the spec does not allow is a rejection; null values are
 * rejected everywhere except inside extensions (Data §2.2.s4.b1.b1), which never reach here.
 */
export function checkObject(
  checker: Checker,
  value: unknown,
  path: string,
  allowed: readonly string[],
): value is Record<string, unknown> {
  if (!isPlainObject(value)) {
    report(checker, path, `must be an object, got ${describeType(value)}`);
    return false;
  }
  for (const [key, property] of Object.entries(value)) {
    if (!allowed.includes(key)) report(checker, `${path}.${key}`, 'is not a property allowed here');
    else if (property === null) report(checker, `${path}.${key}`, 'must not be null');
  }
  return true;
}

export function checkString(checker: Checker, value: unknown, path: string): value is string {
  if (typeof value === 'string') return true;
  report(checker, path, `must be a string, got ${describeType(value)}`);
  return false;
}

export function checkBoolean(checker: Checker, value: unknown, path: string): value is boolean {
  if (typeof value === 'boolean') return true;
  report(checker, path, `must be a boolean, got ${describeType(value)}`);
  return false;
}

export function checkNumber(checker: Checker, value: unknown, path: string): value is number {
  if (typeof value === 'number' && Number.isFinite(value)) return true;
  report(checker, path, `must be a number, got ${describeType(value)}`);
  return false;
}

/** Checks a string against a format predicate; `what` completes "must be …". */
export function checkFormat(
  checker: Checker,
  value: unknown,
  path: string,
  isValid: (text: string) => boolean,
  what: string,
): value is string {
  if (!checkString(checker, value, path)) return false;
  if (isValid(value)) return true;
  report(checker, path, `must be ${what}`);
  return false;
}

export function checkArray(checker: Checker, value: unknown, path: string): value is unknown[] {
  if (Array.isArray(value)) return true;
  report(checker, path, `must be an array, got ${describeType(value)}`);
  return false;
}

export function requireProperty(
  checker: Checker,
  object: Record<string, unknown>,
  key: string,
  path: string,
): boolean {
  if (key in object) return true;
  report(checker, `${path}.${key}`, 'is required');
  return false;
}
