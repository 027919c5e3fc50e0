import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { findFreePort, startServerProcess, waitUntilRunning } from './helpers/server-process.ts';
import { databaseKinds } from './helpers/database.ts';
import { createEmptyPostgresDatabase, databaseUrl, dropPostgresDatabase } from './helpers/postgres.ts';

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eacademy-start-'));
  temporaryDirectories.push(directory);
  return directory;
}

afterAll(() => {
  for (const directory of temporaryDirectories) fs.rmSync(directory, { recursive: true, force: true });
});

async function readJwks(port: number): Promise<unknown> {
  return (await fetch(`http://127.0.0.1:${port}/lti/jwks`)).json();
}

describe('the server process', () => {
  it('starts on a fresh DATA_DIR, says where it runs, and keeps its keys across a restart', async () => {
    const dataDir = path.join(temporaryDirectory(), 'data');
    const port = await findFreePort();
    const first = startServerProcess({ DATA_DIR: dataDir, PORT: String(port) });
    await waitUntilRunning(first);
    expect(first.output()).toContain(`running at http://127.0.0.1:${port}`);
    expect(first.output()).toContain(`embedded database in ${dataDir}`);
    expect(first.output()).toMatch(/admin\/setup#token=[A-Za-z0-9_-]{43}/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
    const keysBefore = await readJwks(port);
    expect(await first.stop()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'server.lock'))).toBe(false);

    const second = startServerProcess({ DATA_DIR: dataDir, PORT: String(port) });
    await waitUntilRunning(second);
    expect(await readJwks(port)).toEqual(keysBefore);
    expect(await second.stop()).toBe(0);
  });

  it('refuses a second process on the same DATA_DIR, leaving the first one serving', async () => {
    const dataDir = temporaryDirectory();
    const port = await findFreePort();
    const first = startServerProcess({ DATA_DIR: dataDir, PORT: String(port) });
    await waitUntilRunning(first);
    const second = startServerProcess({ DATA_DIR: dataDir, PORT: String(await findFreePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output().trim()).toBe(
      `Cannot start: DATA_DIR ${dataDir} is in use by another process (pid ${first.child.pid}); stop it, or set DATA_DIR to another directory.`,
    );
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    await first.stop();
  });

  it('refuses an invalid PORT in one line without touching DATA_DIR', async () => {
    const dataDir = path.join(temporaryDirectory(), 'never-created');
    const server = startServerProcess({ DATA_DIR: dataDir, PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toBe('Cannot start: PORT must be a whole number from 0 to 65535, not "eighty". Example: PORT=3000');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses a DATA_DIR that cannot be written', async () => {
    const file = path.join(temporaryDirectory(), 'a-file');
    fs.writeFileSync(file, 'not a directory');
    const server = startServerProcess({ DATA_DIR: path.join(file, 'data'), PORT: String(await findFreePort()) });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toMatch(/^Cannot start: DATA_DIR .*a-file\/data cannot be created or written \(ENOTDIR\); give this user write access or set DATA_DIR to a writable directory\.$/);
  });

  it('refuses an unreachable DATABASE_URL in one line that hides the password', async () => {
    const server = startServerProcess({
      DATA_DIR: temporaryDirectory(),
      PORT: String(await findFreePort()),
      DATABASE_URL: 'postgres://tool:s3cret-password@127.0.0.1:1/eacademy',
    });
    expect(await server.exited).toBe(1);
    const output = server.output().trim();
    expect(output).toMatch(/^Cannot start: Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/eacademy: .*Check DATABASE_URL\.$/);
    expect(output).not.toContain('s3cret-password');
  });

  it.runIf(databaseKinds().includes('postgres'))('starts on an empty PostgreSQL database and migrates it', async () => {
    const baseUrl = process.env.TEST_DATABASE_URL ?? '';
    const name = await createEmptyPostgresDatabase(baseUrl);
    try {
      const port = await findFreePort();
      const server = startServerProcess({ DATA_DIR: temporaryDirectory(), PORT: String(port), DATABASE_URL: databaseUrl(baseUrl, name) });
      await waitUntilRunning(server);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok', database: 'postgres' });
      expect(server.output()).toContain('Data: PostgreSQL (DATABASE_URL)');
      expect(await server.stop()).toBe(0);
    } finally {
      await dropPostgresDatabase(baseUrl, name);
    }
  });
});
