import { browser } from '$app/environment';
import { baseLocale } from '$lib/paraglide/runtime.js';

import { getLocale } from './current-locale.svelte.ts';

/**
 * The UI texts in the browser, one language at a time. The client build turns every message of
 * Paraglide into `message(number)` and serves the texts as tables by the messages' numbers
 * (web/vite/locale-message-tables.ts):
 * a route loads the tables its pages need before they render, and a switch of language loads those
 * tables in the new language before the page re-renders in it, so no text shows half-translated.
 */
type Translation = (inputs: object) => string;
/** One table: its texts in each language, loaded on demand (`virtual:message-tables/<table>`). */
export type MessageTableLoaders = Readonly<Partial<Record<string, () => Promise<{ default: Record<number, Translation> }>>>>;

/** Per language, the texts of every table loaded in it so far, by message number. */
const texts = new Map<string, Record<number, Translation>>();
const pending = new Map<MessageTableLoaders, Map<string, Promise<void>>>();
/** The tables of the pages opened so far: a switch of language loads each of them. */
const needed = new Set<MessageTableLoaders>();

function loadTable(loaders: MessageTableLoaders, locale: string): Promise<void> {
  const byLocale = pending.get(loaders) ?? new Map<string, Promise<void>>();
  pending.set(loaders, byLocale);
  let loading = byLocale.get(locale);
  if (loading === undefined) {
    const load = loaders[locale];
    if (load === undefined) return Promise.reject(new Error(`no messages in ${locale}`));
    loading = load().then(
      (table) => {
        texts.set(locale, { ...texts.get(locale), ...table.default });
      },
      (error: unknown) => {
        byLocale.delete(locale); // a later attempt (back online) may succeed
        throw error;
      },
    );
    byLocale.set(locale, loading);
  }
  return loading;
}

/**
 * Loads a table in the current language: a route's `load` calls it for the pages below it.
 * Without loaders (the server, the dev server) Paraglide's own modules hold every language.
 */
export async function loadMessageTable(loaders: MessageTableLoaders | undefined): Promise<void> {
  if (!browser || loaders === undefined) return;
  needed.add(loaders);
  await loadTable(loaders, getLocale());
}

/** Loads every table the pages opened so far need in `locale`, before the UI switches to it. */
export async function loadMessageTables(locale: string): Promise<void> {
  if (!browser) return;
  const tables = [...needed];
  await Promise.all(tables.map((loaders) => loadTable(loaders, locale)));
  // A route may have asked for another table meanwhile.
  if (needed.size > tables.length) await loadMessageTables(locale);
}

function translate(number: number, inputs: object, locale: string | undefined): string {
  const translation = texts.get(locale ?? getLocale())?.[number] ?? texts.get(baseLocale)?.[number];
  return translation === undefined ? `#${number}` : translation(inputs);
}

/**
 * A message of the client build: its text in `options.locale` or the UI's language; English if
 * that table has not arrived, else its number (a route forgot to load the table: a test prevents it).
 */
export function message(number: number): (inputs?: object, options?: { locale?: string }) => string {
  return (inputs = {}, options = {}) => translate(number, inputs, options.locale);
}
