import fs from 'node:fs';
import path from 'node:path';

import { parseAst, type Plugin } from 'vite';

import { MESSAGE_TABLE_NAMES, tableOfMessage, type MessageTableName } from '../src/lib/i18n/message-table-names.ts';

/**
 * UI messages in the browser in one language at a time. Paraglide JS (2.23) compiles each message
 * into a module holding its text in all eight languages and picks one when called, so a page
 * carries every language of every message it uses; it has no split of its own yet (opral/paraglide-js
 * issue 88). In the client build this plugin turns each message module into a lookup by the
 * message's number, `message(17)` (web/src/lib/i18n/message-tables.ts), and serves the texts as
 * tables by number, one file per table and language (web/src/lib/i18n/message-table-names.ts):
 * `virtual:message-tables/<table>`
 * gives a loader per language, which a route hands to `loadMessageTable` before its pages render.
 * The server build (prerendering) and the dev server keep Paraglide's modules untouched.
 */
const LOADERS_ID_PREFIX = 'virtual:message-tables/';
const TEXTS_ID_PREFIX = 'virtual:message-texts/';
const RUNTIME_MODULE = '$lib/i18n/message-tables.ts';

interface ProjectSettings {
  baseLocale: string;
  locales: string[];
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };

function unwrap(node: Node): Node {
  return node.type === 'ParenthesizedExpression' ? unwrap(node.expression as Node) : node;
}

function calleeOf(statement: Node | undefined): string | undefined {
  if (statement?.type !== 'ReturnStatement') return undefined;
  const call = unwrap(statement.argument as Node);
  const callee = call.type === 'CallExpression' ? (call.callee as Node) : undefined;
  return callee?.type === 'Identifier' ? (callee.name as string) : undefined;
}

/**
 * The function of each language in one compiled message module: its `const <locale>_<key> = …`
 * declarations, matched to languages by the exported function's `if (locale === "…") return …`
 * lines (the last `return` is the base locale, which also stands in for a missing translation).
 */
export function extractTranslations(code: string, locales: readonly string[], baseLocale: string): { key: string; byLocale: Map<string, string> } {
  // Formatted values (numbers, dates, plurals) call Paraglide's registry, which a table lacks.
  if (code.includes('registry.')) throw new Error('a message with a formatting function: the locale tables would need the registry too');
  const program = parseAst(code) as unknown as { body: Node[] };
  const functions = new Map<string, string>();
  let key: string | undefined;
  let selector: Node[] | undefined;
  for (const statement of program.body) {
    const isExport = statement.type === 'ExportNamedDeclaration';
    const declaration = (isExport ? statement.declaration : statement) as Node | null;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations as Node[]) {
      const id = declarator.id as Node;
      const init = declarator.init as Node;
      if (id.type !== 'Identifier' || init === null) continue;
      if (!isExport) {
        functions.set(id.name as string, code.slice(init.start, init.end));
        continue;
      }
      key = id.name as string;
      const arrow = unwrap(init);
      const body = arrow.body as Node;
      if (arrow.type === 'ArrowFunctionExpression' && body.type === 'BlockStatement') selector = body.body as Node[];
    }
  }
  if (key === undefined || selector === undefined) throw new Error('not a Paraglide message module (no exported message function)');
  const nameOf = new Map<string, string>();
  for (const statement of selector) {
    if (statement.type !== 'IfStatement') continue;
    const test = statement.test as Node;
    const right = test.right as Node | undefined;
    const callee = calleeOf(statement.consequent as Node);
    if (test.type === 'BinaryExpression' && right?.type === 'Literal' && typeof right.value === 'string' && callee !== undefined) nameOf.set(right.value, callee);
  }
  const fallback = calleeOf(selector.at(-1));
  if (fallback === undefined) throw new Error(`message ${key}: no base-locale return`);
  nameOf.set(baseLocale, fallback);
  const byLocale = new Map<string, string>();
  for (const locale of locales) {
    const source = functions.get(nameOf.get(locale) ?? fallback);
    if (source === undefined) throw new Error(`message ${key}: no function for ${locale}`);
    byLocale.set(locale, source);
  }
  return { key, byLocale };
}

export function localeMessageTables(options: { project: string; outdir: string }): Plugin {
  // Only the build: the dev server keeps Paraglide's modules, all languages at hand.
  let isActive = false;
  const messagesDirectory = path.resolve(options.outdir, 'messages');
  const settings = JSON.parse(fs.readFileSync(path.resolve(options.project, 'settings.json'), 'utf8')) as ProjectSettings;

  /** Parsed message modules by their text: each table of each language reads them all. */
  const parsed = new Map<string, ReturnType<typeof extractTranslations>>();

  function readMessage(code: string): ReturnType<typeof extractTranslations> {
    let result = parsed.get(code);
    if (result === undefined) {
      result = extractTranslations(code, settings.locales, settings.baseLocale);
      parsed.set(code, result);
    }
    return result;
  }

  /** Every compiled message, in the order of its module's file name. */
  function readMessages(): Array<ReturnType<typeof extractTranslations>> {
    return fs
      .readdirSync(messagesDirectory)
      .sort()
      .filter((file) => file.endsWith('.js') && file !== '_index.js')
      .map((file) => readMessage(fs.readFileSync(path.join(messagesDirectory, file), 'utf8')));
  }

  /**
   * A message's number in the browser: lookups and tables say `17` where Paraglide says
   * `player_kind_categorise` (about 0.7 KB less on a lesson's first screen). Numbered once per
   * build, after Paraglide has compiled, so every lookup and table of the build agrees.
   */
  let numbers: Map<string, number> | undefined;
  function numberOf(key: string): number {
    numbers ??= new Map(readMessages().map(({ key: each }, index) => [each, index]));
    const number = numbers.get(key);
    if (number === undefined) throw new Error(`message ${key}: no compiled module`);
    return number;
  }

  function readTable(table: MessageTableName, locale: string): string {
    const entries = readMessages()
      .filter(({ key }) => tableOfMessage(key) === table)
      .map(({ key, byLocale }) => `${numberOf(key)}: ${byLocale.get(locale)}`);
    return `export default {\n${entries.join(',\n')}\n};\n`;
  }

  function writeLoaders(table: MessageTableName): string {
    const byLocale = settings.locales.map((locale) => `  ${JSON.stringify(locale)}: () => import(${JSON.stringify(`${TEXTS_ID_PREFIX}${table}/${locale}`)})`);
    return `export default {\n${byLocale.join(',\n')}\n};\n`;
  }

  function parseTableId(id: string, prefix: string): { table: MessageTableName; locale: string | undefined } | undefined {
    if (!id.startsWith(`\0${prefix}`)) return undefined;
    const [table = '', locale] = id.slice(prefix.length + 1).split('/');
    if (!MESSAGE_TABLE_NAMES.includes(table as MessageTableName) || (locale !== undefined && !settings.locales.includes(locale))) throw new Error(`unknown message table ${id}`);
    return { table: table as MessageTableName, locale };
  }

  return {
    name: 'locale-message-tables',
    configResolved(config) {
      isActive = config.command === 'build';
    },
    resolveId(id) {
      if (id.startsWith(LOADERS_ID_PREFIX) || id.startsWith(TEXTS_ID_PREFIX)) return `\0${id}`;
      return undefined;
    },
    load(id) {
      const loaders = parseTableId(id, LOADERS_ID_PREFIX);
      // No tables on the server nor in development: Paraglide's own modules answer there.
      if (loaders !== undefined) return isActive && this.environment.config.consumer === 'client' ? writeLoaders(loaders.table) : 'export default undefined;\n';
      const texts = parseTableId(id, TEXTS_ID_PREFIX);
      if (texts?.locale === undefined) return undefined;
      return readTable(texts.table, texts.locale);
    },
    transform(code, id) {
      if (!isActive || this.environment.config.consumer !== 'client') return undefined;
      const file = id.split('?')[0] ?? id;
      if (path.dirname(file) !== messagesDirectory || !file.endsWith('.js') || path.basename(file) === '_index.js') return undefined;
      const { key } = readMessage(code);
      const lookup = `import { message } from ${JSON.stringify(RUNTIME_MODULE)};\nexport const ${key} = /* @__PURE__ */ message(${numberOf(key)});\n`;
      return { code: lookup, map: null };
    },
  };
}
