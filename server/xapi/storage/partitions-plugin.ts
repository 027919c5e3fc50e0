import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import { ensureStatementPartitions, PARTITION_CHECK_INTERVAL_MS } from './statement-partitions.ts';

/** Keeps the monthly partitions of `statements` ahead of the calendar while the tool runs. */
async function statementPartitionsPlugin(app: FastifyInstance): Promise<void> {
  const check = async () => {
    const created = await ensureStatementPartitions(app.db);
    if (created.length > 0) app.log.info({ partitions: created }, 'statement partitions created');
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await check();
    timer = setInterval(() => void check().catch((error: unknown) => app.log.error({ err: error }, 'statement partitions could not be created')), PARTITION_CHECK_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

export default fp(statementPartitionsPlugin, { name: 'statement-partitions', dependencies: ['database'] });
