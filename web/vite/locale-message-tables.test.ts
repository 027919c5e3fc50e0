import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { compile } from '@inlang/paraglide-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tableOfMessage } from '../src/lib/i18n/message-table-names.ts';
import { extractTranslations, localeMessageTables } from './locale-message-tables.ts';

// The tables must say exactly what Paraglide's own modules say, in every language: checked on a
// fresh compile of the project's messages with the installed Paraglide.
const WEB = fileURLToPath(new URL('../', import.meta.url));
const settings = JSON.parse(fs.readFileSync(path.join(WEB, 'project.inlang', 'settings.json'), 'utf8')) as { baseLocale: string; locales: string[] };
const english = JSON.parse(fs.readFileSync(path.join(WEB, 'messages', `${settings.baseLocale}.json`), 'utf8')) as Record<string, string>;
const keys = Object.keys(english).filter((key) => !key.startsWith('$'));

type MessageFunction = (inputs?: object, options?: { locale?: string }) => string;

describe('the locale message tables', () => {
  let outdir: string;

  beforeAll(async () => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'paraglide-'));
    await compile({ project: path.join(WEB, 'project.inlang'), outdir, emitGitIgnore: false, emitPrettierIgnore: false, emitReadme: false });
  }, 60_000);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('take each language of every message from its compiled module', async () => {
    for (const key of keys) {
      const file = path.join(outdir, 'messages', `${key}.js`);
      const { key: exported, byLocale } = extractTranslations(fs.readFileSync(file, 'utf8'), settings.locales, settings.baseLocale);
      expect(exported).toBe(key);
      const compiled = ((await import(pathToFileURL(file).href)) as Record<string, MessageFunction>)[key]!;
      const inputs = Object.fromEntries([...(english[key] ?? '').matchAll(/\{(\w+)\}/g)].map((match) => [match[1], `«${match[1]}»`]));
      for (const locale of settings.locales) {
        const extracted = new Function(`return (${byLocale.get(locale)})`)() as MessageFunction;
        expect(extracted(inputs), `${key} in ${locale}`).toBe(compiled(inputs, { locale }));
      }
    }
  });

  // The browser build's lookups and tables, made by the plugin's own hooks from the fresh compile.
  it('number each message alike in its lookup and in its table, in every language', async () => {
    const plugin = localeMessageTables({ project: path.join(WEB, 'project.inlang'), outdir });
    const hooks = plugin as unknown as {
      configResolved(config: { command: string }): void;
      transform(this: unknown, code: string, id: string): { code: string } | undefined;
      load(this: unknown, id: string): string | undefined;
    };
    const client = { environment: { config: { consumer: 'client' } } };
    hooks.configResolved({ command: 'build' });
    const tables = new Map<string, Record<number, MessageFunction>>();
    for (const key of keys) {
      const file = path.join(outdir, 'messages', `${key}.js`);
      const lookup = hooks.transform.call(client, fs.readFileSync(file, 'utf8'), file)?.code ?? '';
      const number = Number(/message\((\d+)\)/.exec(lookup)?.[1]);
      expect(lookup, key).toContain(`export const ${key} =`);
      const inputs = Object.fromEntries([...(english[key] ?? '').matchAll(/\{(\w+)\}/g)].map((match) => [match[1], `«${match[1]}»`]));
      const compiled = ((await import(pathToFileURL(file).href)) as Record<string, MessageFunction>)[key]!;
      for (const locale of settings.locales) {
        const id = `\0virtual:message-texts/${tableOfMessage(key)}/${locale}`;
        let table = tables.get(id);
        if (table === undefined) {
          table = new Function(hooks.load.call(client, id)!.replace('export default', 'return'))() as Record<number, MessageFunction>;
          tables.set(id, table);
        }
        expect(table[number]?.(inputs), `${key} (${number}) in ${locale}`).toBe(compiled(inputs, { locale }));
      }
    }
  });

  it('refuse a module that is not a message', () => {
    expect(() => extractTranslations('export const answer = 42;', settings.locales, settings.baseLocale)).toThrow(/not a Paraglide message module/);
  });

  it('put every message in a table by its prefix, common unless a face claims it', () => {
    expect(tableOfMessage('admin_title')).toBe('admin');
    expect(tableOfMessage('deep_link_title')).toBe('trainer');
    expect(tableOfMessage('player_check')).toBe('common');
    expect(tableOfMessage('loading')).toBe('common');
  });
});
