import fs from 'node:fs';
import path from 'node:path';

import { StartupError } from '../startup-error.ts';

const LOCK_FILE_NAME = 'server.lock';

/**
 * Makes sure DATA_DIR exists and is writable, and takes an exclusive lock on it: PGlite is a
 * single-process database, so a second process opening the same directory would corrupt it.
 * A lock left by a process that no longer runs is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  ensureWritableDirectory(dataDir);
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  if (!tryCreateLock(lockPath)) {
    const holderPid = readLockHolder(lockPath);
    if (holderPid !== undefined && isProcessRunning(holderPid)) {
      throw new StartupError(
        `DATA_DIR ${dataDir} is in use by another process (pid ${holderPid}); stop it, or set DATA_DIR to another directory.`,
      );
    }
    fs.rmSync(lockPath, { force: true });
    if (!tryCreateLock(lockPath)) {
      throw new StartupError(`DATA_DIR ${dataDir} was locked by another process while starting; try again.`);
    }
  }
  return () => {
    if (readLockHolder(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
  };
}

export function ensureWritableDirectory(directory: string): void {
  try {
    fs.mkdirSync(directory, { recursive: true });
    fs.accessSync(directory, fs.constants.W_OK | fs.constants.R_OK);
    const probe = path.join(directory, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    throw new StartupError(
      `DATA_DIR ${directory} cannot be created or written (${reason}); give this user write access or set DATA_DIR to a writable directory.`,
    );
  }
}

function tryCreateLock(lockPath: string): boolean {
  try {
    fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  }
}

function readLockHolder(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
