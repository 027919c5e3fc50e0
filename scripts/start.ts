import { ensureWebBuild } from './build-web.ts';

// `npm start`: build the web app if its build is missing or stale, then run the server, which
// migrates the database and serves everything on one port.
try {
  ensureWebBuild();
} catch (error) {
  process.stderr.write(`Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await import('../server/main.ts');
