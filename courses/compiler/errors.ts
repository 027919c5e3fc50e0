// One error model for course content: every problem names a file, a line, a column and says in
// plain words what is wrong. The compiler collects them all (an author fixes ten at once, not one
// per run) and only throws for broken invariants of its own.

export type Severity = 'error' | 'warning';

export type CourseErrorCode =
  | 'yaml'
  | 'schema'
  | 'markdown'
  | 'unknown-directive'
  | 'unknown-attribute'
  | 'unsafe-attribute'
  | 'missing-id'
  | 'invalid-id'
  | 'duplicate-id'
  | 'raw-html'
  | 'unsafe-link'
  | 'image'
  | 'no-correct-answer'
  | 'too-many-correct'
  | 'matching-unequal'
  | 'categorise-no-group'
  | 'hotspot'
  | 'branch-missing-node'
  | 'branch-unreachable'
  | 'scenario'
  | 'structure'
  | 'missing-file'
  | 'unknown-reference'
  | 'quiz'
  | 'translation-missing'
  | 'translation-stale'
  | 'translation-placeholder'
  | 'translation-unknown-unit'
  | 'xliff';

export interface SourcePosition {
  line: number;
  column: number;
}

export class CourseError extends Error {
  readonly code: CourseErrorCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;

  constructor(code: CourseErrorCode, file: string, position: SourcePosition | undefined, message: string, severity: Severity = 'error') {
    super(message);
    this.name = 'CourseError';
    this.code = code;
    this.file = file;
    this.line = position?.line ?? 1;
    this.column = position?.column ?? 1;
    this.severity = severity;
  }

  /** `file:line:col: message`, the form editors and CI annotate. */
  format(): string {
    const prefix = this.severity === 'warning' ? 'warning: ' : '';
    return `${this.file}:${this.line}:${this.column}: ${prefix}${this.message}`;
  }
}

/** Collects problems for one file (or several) while compiling goes on. */
export class Diagnostics {
  readonly items: CourseError[] = [];

  add(error: CourseError): void {
    this.items.push(error);
  }

  error(code: CourseErrorCode, file: string, position: SourcePosition | undefined, message: string): void {
    this.items.push(new CourseError(code, file, position, message));
  }

  warn(code: CourseErrorCode, file: string, position: SourcePosition | undefined, message: string): void {
    this.items.push(new CourseError(code, file, position, message, 'warning'));
  }

  get errors(): CourseError[] {
    return this.items.filter((item) => item.severity === 'error');
  }

  get warnings(): CourseError[] {
    return this.items.filter((item) => item.severity === 'warning');
  }

  get hasErrors(): boolean {
    return this.items.some((item) => item.severity === 'error');
  }
}

/** For states the compiler's own code should never reach. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
