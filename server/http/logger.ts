import type { FastifyServerOptions } from 'fastify';

import type { Config } from '../config.ts';

/**
 * pino options: structured JSON lines with the request id. Credentials never reach a log line:
 * the paths below are redacted, and request logs carry the path without the query string (LTI
 * and setup flows put one-time values there).
 */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.secret',
        '*.token',
        '*.id_token',
        '*.privateKeyPem',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request) {
        return {
          method: request.method,
          path: request.url.split('?')[0],
          remoteAddress: request.ip,
        };
      },
    },
  };
}
