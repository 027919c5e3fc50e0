import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { FACE_MESSAGE_TABLES, tableOfMessage } from './message-table-names.ts';

// A page shows a message only once its table is loaded (message-tables.ts): the messages of a
// face's table may only be used under the routes whose layout or page loads that table.
const SOURCE = fileURLToPath(new URL('../../', import.meta.url));
const ROUTES = path.join(SOURCE, 'routes');

function listSources(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : listSources(file);
    return /\.(svelte|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

const sources = listSources(SOURCE).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

describe('the message tables of the faces', () => {
  it.each(Object.entries(FACE_MESSAGE_TABLES))('%s: used only under its routes', (name, table) => {
    const users = sources.filter(({ text }) => [...text.matchAll(/\bm\.(\w+)/g)].some((match) => tableOfMessage(match[1] ?? '') === name));
    expect(users.length, `no page uses the ${name} table`).toBeGreaterThan(0);
    for (const { file } of users) {
      const route = path.relative(ROUTES, file).split(path.sep).join('/');
      expect(table.routes.some((prefix) => route.startsWith(prefix)), `${route} uses ${name} messages`).toBe(true);
    }
  });

  it.each(Object.entries(FACE_MESSAGE_TABLES))('%s: loaded by a layout or page at the top of its routes', (name, table) => {
    for (const prefix of table.routes) {
      const loaders = sources.filter(({ file }) => {
        const route = path.relative(ROUTES, file).split(path.sep).join('/');
        return route.startsWith(prefix) && /\+(layout|page)\.ts$/.test(route);
      });
      expect(loaders.some(({ text }) => text.includes(`'virtual:message-tables/${name}'`)), `${prefix} loads ${name}`).toBe(true);
    }
  });

  it('loads the common table in the root layout', () => {
    expect(fs.readFileSync(path.join(ROUTES, '+layout.ts'), 'utf8')).toContain("'virtual:message-tables/common'");
  });
});
