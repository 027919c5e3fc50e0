import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createEmptyPostgresDatabase, databaseUrl, dropPostgresDatabase } from '../tests/helpers/postgres.ts';
import { findFreePort, startServerProcess, waitUntilRunning } from '../tests/helpers/server-process.ts';
import { printFirstScreenBenchmark } from './first-screen.ts';
import { benchmarkLaunches, formatCpuMs, LAUNCH_CLIENTS, WARM_UP_LAUNCHES } from './lti-launches.ts';
import { benchmarkStatementPosts, benchmarkStatementQueries, STATEMENT_CLIENTS } from './lrs-statements.ts';
import { formatMeasurement } from './measure.ts';

/**
 * `npm run bench`: figures, not pass/fail. The tool runs as its own process (as `npm start`
 * does), on PGlite, and on PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a
 * server where a scratch database may be created.
 */
const LAUNCHES_TOTAL = Number(process.env.BENCH_LAUNCHES ?? 3000);
const REFERENCE_LTIJS_LAUNCHES_PER_SECOND = 109;
/** The issue's goal on PostgreSQL (with p99 under 50 ms). */
const LAUNCHES_GOAL_PER_SECOND = 400;
/** Statements stored before the GET latencies are measured (the issue asks for 1,000,000: set BENCH_STORE_STATEMENTS). */
const STORE_STATEMENTS = Number(process.env.BENCH_STORE_STATEMENTS ?? 100_000);
const BENCH_KEY = 'bench';
const BENCH_SECRET = 'bench-secret-123456';
const POST_TARGET_STATEMENTS_PER_SECOND = 5000;
const postgresBaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? '';
/** BENCH_ONLY=first-screen, launches or statements runs one part; all run by default. */
const benchOnly = process.env.BENCH_ONLY ?? '';
/** BENCH_DATABASES=postgres (or pglite) limits the runs to one database. */
const benchDatabases = process.env.BENCH_DATABASES ?? '';

async function withTool(kind: 'pglite' | 'postgres', work: (toolUrl: string, toolPid: number | undefined) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eacademy-bench-'));
  const scratchDatabase = kind === 'postgres' ? await createEmptyPostgresDatabase(postgresBaseUrl, 'eacademy_bench') : undefined;
  const port = await findFreePort();
  const environment: Record<string, string> = {
    PORT: String(port),
    DATA_DIR: dataDir,
    LTI_OPEN_REGISTRATION: 'true',
    LOG_LEVEL: 'warn',
    LRS_API_KEY: BENCH_KEY,
    LRS_API_SECRET: BENCH_SECRET,
  };
  // BENCH_TOOL_NODE_OPTIONS passes NODE_OPTIONS to the tool, e.g. --import of a profiler preload.
  if (process.env.BENCH_TOOL_NODE_OPTIONS !== undefined) environment.NODE_OPTIONS = process.env.BENCH_TOOL_NODE_OPTIONS;
  if (scratchDatabase !== undefined) environment.DATABASE_URL = databaseUrl(postgresBaseUrl, scratchDatabase);
  const server = startServerProcess(environment);
  try {
    await waitUntilRunning(server);
    await work(`http://127.0.0.1:${port}`, server.child.pid);
  } finally {
    await server.stop();
    if (scratchDatabase !== undefined) await dropPostgresDatabase(postgresBaseUrl, scratchDatabase);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // BENCH_ONLY=first-screen runs the learner's first screen against H5P alone; it runs first by default.
  if (benchOnly === '' || benchOnly === 'first-screen') await printFirstScreenBenchmark();
  if (benchOnly === 'first-screen') return;
  const available: Array<'pglite' | 'postgres'> = postgresBaseUrl === '' ? ['pglite'] : ['pglite', 'postgres'];
  const kinds = available.filter((kind) => benchDatabases === '' || benchDatabases.split(',').includes(kind));
  if (postgresBaseUrl === '') process.stdout.write('PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to include it.\n');
  if (benchOnly !== 'statements') await benchmarkLaunchesOn(kinds);
  if (benchOnly !== 'launches') await benchmarkStatementsOn(kinds);
}

async function benchmarkLaunchesOn(kinds: Array<'pglite' | 'postgres'>): Promise<void> {
  process.stdout.write(
    `\nLTI launches (login + auth + launch), ${LAUNCH_CLIENTS} concurrent clients, ${LAUNCHES_TOTAL} launches after ${WARM_UP_LAUNCHES} to warm up\n`,
  );
  for (const kind of kinds) {
    await withTool(kind, async (toolUrl, toolPid) => {
      const { measurement, coldStart, cpu } = await benchmarkLaunches(toolUrl, LAUNCHES_TOTAL, toolPid);
      const ratio = (measurement.perSecond / REFERENCE_LTIJS_LAUNCHES_PER_SECOND).toFixed(1);
      const goal = kind === 'postgres' ? `, ${(measurement.perSecond / LAUNCHES_GOAL_PER_SECOND).toFixed(2)}× the ${LAUNCHES_GOAL_PER_SECOND}/s goal` : '';
      process.stdout.write(`${formatMeasurement(`  ${kind}`, measurement)}   ${ratio}× ltijs 5.9.9 on PostgreSQL (${REFERENCE_LTIJS_LAUNCHES_PER_SECOND}/s)${goal}\n`);
      process.stdout.write(`${' '.repeat(48)}CPU per launch: tool ${formatCpuMs(cpu.toolMs)}, platform simulator and clients ${formatCpuMs(cpu.simulatorMs)}\n`);
      process.stdout.write(`${formatMeasurement(`  ${kind}, the first ${WARM_UP_LAUNCHES} after start`, coldStart)}\n`);
    });
  }
}

async function benchmarkStatementsOn(kinds: Array<'pglite' | 'postgres'>): Promise<void> {
  process.stdout.write(`\nxAPI statements, ${STATEMENT_CLIENTS} concurrent clients (per second: statements)\n`);
  for (const kind of kinds) {
    await withTool(kind, async (toolUrl) => {
      const lrsUrl = `${toolUrl}/xapi`;
      const authorization = `Basic ${Buffer.from(`${BENCH_KEY}:${BENCH_SECRET}`).toString('base64')}`;
      for (const [batchSize, requests] of [[1, 2000], [10, 500], [100, 100]] as const) {
        const measurement = await benchmarkStatementPosts(lrsUrl, authorization, batchSize, requests);
        const goal = batchSize === 100 ? `   ${(measurement.perSecond / POST_TARGET_STATEMENTS_PER_SECOND).toFixed(2)}× the 5,000/s goal` : '';
        process.stdout.write(`${formatMeasurement(`  ${kind} POST batches of ${batchSize}`, measurement)}${goal}\n`);
      }
      const stored = 2000 + 5000 + 10000;
      const toStore = Math.max(0, STORE_STATEMENTS - stored);
      if (toStore > 0) await benchmarkStatementPosts(lrsUrl, authorization, 100, Math.ceil(toStore / 100));
      process.stdout.write(`  (store holds ${Math.max(stored, STORE_STATEMENTS).toLocaleString('en')} statements)\n`);
      for (const by of ['agent', 'activity'] as const) {
        process.stdout.write(`${formatMeasurement(`  ${kind} GET by ${by}, limit 10`, await benchmarkStatementQueries(lrsUrl, authorization, by, 1000))}\n`);
      }
    });
  }
}

await main();
