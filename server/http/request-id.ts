import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID_LENGTH_MAX = 64;

/**
 * A request id for every log line and error body. An id from a proxy in front is kept when it
 * is short and plain (no log injection); otherwise a fresh UUID.
 */
export function generateRequestId(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  if (typeof incoming === 'string' && incoming.length <= REQUEST_ID_LENGTH_MAX && /^[A-Za-z0-9._-]+$/.test(incoming)) {
    return incoming;
  }
  return randomUUID();
}

export { REQUEST_ID_HEADER };
