import closeWithGrace from 'close-with-grace';

import { issueSetupLink } from './admin/setup-link.ts';
import { buildApp } from './app.ts';
import { ConfigError, readConfig, type Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/index.ts';
import { ensureToolKeys } from './lti/tool-keys.ts';
import { startPurgingExpiredRecords } from './maintenance/purge-expired.ts';
import { StartupError } from './startup-error.ts';
import { seedLrsCredential } from './xapi/auth/lrs-credentials.ts';

/** How long in-flight requests get to finish on SIGTERM/SIGINT before the process exits. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Starts the process: config → database (migrated) → keys → HTTP. Any failure before the server
 * listens ends the process with one line saying what is wrong and how to fix it.
 */
async function main(): Promise<void> {
  const config = readConfig(process.env, process.cwd());
  const database = await openDatabase(config);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await database.migrate();
    await ensureToolKeys(database.db);
    if (config.lrsSeedCredential !== undefined) {
      await seedLrsCredential(database.db, config.lrsSeedCredential.key, config.lrsSeedCredential.secret);
    }
    const setupLink = await issueSetupLink(database.db, config.publicUrl, config.dataDir);
    app = await buildApp(config, database);
    await listen(app, config);
    announce(config, database, setupLink);
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
  const server = app;
  const stopOutboxWorker = server.startOutboxWorker();
  const stopPurge = startPurgingExpiredRecords(database, server.log);
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err !== undefined) server.log.error({ err }, 'stopping after an unexpected error');
    else server.log.info({ signal }, 'stopping');
    stopPurge();
    await stopOutboxWorker();
    await server.close();
    await database.close();
  });
}

async function listen(app: Awaited<ReturnType<typeof buildApp>>, config: Config): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${config.port} on ${config.host} is already in use; stop the other program or set PORT.`);
    if (code === 'EADDRNOTAVAIL') throw new StartupError(`HOST ${config.host} is not an address of this machine; set HOST to one (e.g. 127.0.0.1 or 0.0.0.0).`);
    if (code === 'EACCES') throw new StartupError(`Port ${config.port} needs more privileges; use a port above 1023.`);
    throw error;
  }
}

function announce(config: Config, database: DatabaseHandle, setupLink: string | undefined): void {
  const where = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [``, `  e-Academy course runtime is running at ${config.publicUrl}`, `  Data: ${where}`];
  if (setupLink !== undefined) {
    lines.push(``, `  No administrator exists yet. Create the first one, once, at:`, `  ${setupLink}`, `  (also written to ${config.dataDir}/admin-setup-link.txt)`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof StartupError || error instanceof ConfigError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
