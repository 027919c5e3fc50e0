import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureWebBuild } from './build-web.ts';

/**
 * `npm test`: the whole suite. The README promises two commands on a fresh Debian machine, so
 * this sets up what the browser tests need: Debian's Chromium, installed with apt-get when it is
 * missing and we are root. It never skips silently: without Chromium it fails with the command
 * to run, unless SKIP_BROWSER_TESTS=1 says to leave the browser tests out.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM_PATH = '/usr/bin/chromium';
const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

function canUseAptGet(): boolean {
  return process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function ensureChromium(): 'ready' | 'skipped' {
  if (fs.existsSync(CHROMIUM_PATH)) return 'ready';
  if (process.env.SKIP_BROWSER_TESTS === '1') {
    process.stdout.write(`\nBROWSER TESTS SKIPPED: SKIP_BROWSER_TESTS=1 and ${CHROMIUM_PATH} is missing.\n\n`);
    return 'skipped';
  }
  if (!canUseAptGet()) {
    process.stderr.write(
      `The browser tests need Debian's Chromium at ${CHROMIUM_PATH}. Install it with:\n\n  sudo sh -c '${INSTALL_COMMAND}'\n\n` +
        'or run the other tests only with SKIP_BROWSER_TESTS=1 npm test\n',
    );
    process.exit(1);
  }
  process.stdout.write(`Installing Debian's chromium for the browser tests (${INSTALL_COMMAND})…\n`);
  const result = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`], {
    stdio: 'inherit',
  });
  if (result.status !== 0 || !fs.existsSync(CHROMIUM_PATH)) {
    process.stderr.write(`Installing chromium failed. Run: ${INSTALL_COMMAND}\n`);
    process.exit(1);
  }
  return 'ready';
}

const browser = ensureChromium();
ensureWebBuild();
const projectArguments = browser === 'skipped' ? ['--project', 'unit', '--project', 'http'] : [];
const result = spawnSync(
  process.execPath,
  [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...projectArguments, ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
