/**
 * One error model for the whole server: domain functions throw `AppError(code, message)`, the
 * single error handler (server/http/error-handler.ts) maps the code to an HTTP status. Anything
 * else that escapes is a bug: it is logged and answered with a generic 500.
 */
export const APP_ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  override name = 'AppError';
  readonly code: AppErrorCode;
  /** Safe to show to the caller; never put secrets or internals here. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }

  get statusCode(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

/** For broken invariants (programmer errors), never for bad input. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}
