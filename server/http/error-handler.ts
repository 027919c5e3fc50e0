import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { AppError } from '../errors.ts';

/** The body of every JSON error answer. */
export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: Readonly<Record<string, unknown>>;
}

/**
 * One error handler: AppError → its status and message; Fastify's own client errors
 * (validation, body too large, bad JSON) → their status with a readable message; anything else
 * is a bug, logged in full and answered with a generic 500 that leaks nothing.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
      // RFC 9110 §11.6.1: a 401 names the scheme the client should use (the LRS's Basic realm).
      const challenge = error.details?.challenge;
      if (error.statusCode === 401 && typeof challenge === 'string') reply.header('www-authenticate', challenge);
      return reply.status(error.statusCode).send(body(error.code, error.message, request, error.details));
    }
    const statusCode = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (statusCode < 500) {
      const code = 'validation' in error && error.validation !== undefined ? 'bad_request' : clientCode(statusCode);
      return reply.status(statusCode).send(body(code, error.message, request));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Something went wrong on our side. Try again later.', request));
  });
}

function body(code: string, message: string, request: FastifyRequest, details?: Readonly<Record<string, unknown>>): ErrorBody {
  return details === undefined ? { code, message, requestId: request.id } : { code, message, requestId: request.id, details };
}

function clientCode(statusCode: number): string {
  switch (statusCode) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return 'bad_request';
  }
}
