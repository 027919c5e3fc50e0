import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import { GRADE_TOPIC, postGrade } from '../lti/services/post-grade.ts';
import { PlatformAccess } from '../lti/services/platform-access.ts';
import { ROSTER_TOPIC, syncRoster } from '../lti/services/sync-roster.ts';
import { FORWARD_TOPIC, forwardStatements } from '../xapi/forwarding/forward-statements.ts';
import { runOutboxRound, startOutboxWorker, type OutboxHandler } from './worker.ts';

declare module 'fastify' {
  interface FastifyInstance {
    platformAccess: PlatformAccess;
    /** One round of outbox work now (tests, admin "send now"); the worker loop calls the same. */
    runOutboxRound(): Promise<number>;
    /** Starts the background worker; returns its stop function. main.ts calls it, tests do not. */
    startOutboxWorker(): () => Promise<void>;
  }
}

/** The outbox topics and their handlers: every call to another system goes through here. */
async function outboxPlugin(app: FastifyInstance): Promise<void> {
  const access = new PlatformAccess(app.db);
  const handlers = new Map<string, OutboxHandler>([
    [GRADE_TOPIC, (item) => postGrade(app.db, access, item)],
    [FORWARD_TOPIC, (item) => forwardStatements(app.db, item)],
    [ROSTER_TOPIC, async (item) => void (await syncRoster(app.db, access, (item.payload as { contextId: string }).contextId))],
  ]);
  app.decorate('platformAccess', access);
  app.decorate('runOutboxRound', () => runOutboxRound(app.db, handlers, app.log));
  app.decorate('startOutboxWorker', () => startOutboxWorker(app.db, handlers, app.log));
}

export default fp(outboxPlugin, { name: 'outbox', dependencies: ['database'] });
