/** A reason the process cannot start, told to the operator in one line; nothing was changed. */
export class StartupError extends Error {
  override name = 'StartupError';
}
