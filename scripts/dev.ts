import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run dev`: the server restarts when its code changes (tsx watch) and the web app rebuilds
 * when its sources change (vite build --watch); reload the page to see a change.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string, ...parts: string[]) => path.join(ROOT, 'node_modules', name, ...parts);

const children = [
  spawn(process.execPath, [bin('vite', 'bin', 'vite.js'), 'build', '--watch', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' }),
  spawn(process.execPath, [bin('tsx', 'dist', 'cli.mjs'), 'watch', '--clear-screen=false', 'server/main.ts'], { cwd: ROOT, stdio: 'inherit' }),
];

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
for (const child of children) child.on('exit', stopAll);
