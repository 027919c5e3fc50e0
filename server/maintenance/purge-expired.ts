import type { FastifyBaseLogger } from 'fastify';

import type { DatabaseHandle } from '../db/index.ts';
import { purgeExpiredLoginRecords } from '../lti/login-states.ts';
import { purgeExpiredHandoffs } from '../session/launch-handoffs.ts';

/** How often expired nonces and hand-offs are deleted. */
export const PURGE_INTERVAL_MS = 10 * 60 * 1000;

/** Deletes records that can no longer be used, on a timer; returns the stop function. */
export function startPurgingExpiredRecords(database: DatabaseHandle, log: FastifyBaseLogger): () => void {
  const purge = async () => {
    try {
      await purgeExpiredLoginRecords(database.db);
      await purgeExpiredHandoffs(database.db);
    } catch (error) {
      log.warn({ err: error }, 'purging expired records failed');
    }
  };
  const timer = setInterval(() => void purge(), PURGE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
