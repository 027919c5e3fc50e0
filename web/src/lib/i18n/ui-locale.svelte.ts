import { browser } from '$app/environment';
import { readLaunchSession } from '$lib/api/client.ts';
import { baseLocale, locales, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime.js';

import { getLocale, setCurrentLocale } from './current-locale.svelte.ts';
import { findLocale, matchLocale } from './match-locale.ts';
import { loadMessageTables } from './message-tables.ts';

/**
 * The UI language of this tab, decided here and held in memory by current-locale.svelte.ts (never
 * in localStorage or a cookie: inside an LMS iframe the browser may deny storage). A switch
 * re-renders in place — no reload, no remount, answers being typed stay — and `<html lang>`
 * follows.
 *
 * Where the locale comes from, most recent signal first: a launch being handed over (its language
 * travels in the fragment of `/launch`, beside the one-time code), else the learner's choice in
 * this tab (sessionStorage), else the language of the tab's launch session, else the browser's
 * languages, else English. A new launch replaces an earlier choice: the LMS has spoken last.
 */
const CHOSEN_LOCALE_KEY = 'eacademy.locale';

if (browser) setCurrentLocale(findStartingLocale());

// Only the dev server runs Paraglide's own message modules in the browser (the build turns them
// into table lookups that read getLocale() directly, web/vite/locale-message-tables.ts); there
// they ask Paraglide's runtime, which must answer the same. In the build the call would keep all
// of the runtime's locale strategies in the browser for nothing.
if (import.meta.env.DEV) overwriteGetLocale(getLocale);

/** The language last asked for: a slower earlier switch must not win over it. */
let latestRequested: Locale | undefined;

/** Switches in place once the language's messages are in (message-tables.ts); false if overtaken. */
async function switchLocale(locale: Locale): Promise<boolean> {
  latestRequested = locale;
  await loadMessageTables(locale);
  if (latestRequested !== locale) return false;
  setCurrentLocale(locale);
  return true;
}

/** The learner picked a language: switch and remember it for this tab. */
export async function chooseLocale(locale: Locale): Promise<void> {
  if (!(await switchLocale(locale))) return;
  try {
    sessionStorage.setItem(CHOSEN_LOCALE_KEY, locale);
  } catch {
    // Storage denied in the frame: the choice lasts as long as this page.
  }
}

/** After a launch: the platform's locale (any spelling), mapped to the closest one we have. */
export async function applyLaunchLocale(tag: string | undefined): Promise<void> {
  if (tag === undefined || tag.trim() === '') return;
  forgetChosenLocale();
  await switchLocale(matchLocale(tag, locales, baseLocale));
}

function forgetChosenLocale(): void {
  try {
    sessionStorage.removeItem(CHOSEN_LOCALE_KEY);
  } catch {
    // Nothing was stored where storage is denied.
  }
}

function readChosenLocale(): Locale | undefined {
  try {
    return findLocale(sessionStorage.getItem(CHOSEN_LOCALE_KEY), locales);
  } catch {
    return undefined;
  }
}

/**
 * The language of the launch the server's hand-off page passes on (`/launch#code=…&locale=mk-MK`),
 * mapped as applyLaunchLocale maps it. Read at start-up, before the first messages are requested,
 * so a launch in another language than the browser's fetches only its own language's tables.
 */
function readHandoffLocale(): Locale | undefined {
  if (location.pathname !== '/launch') return undefined;
  const tag = new URLSearchParams(location.hash.slice(1)).get('locale');
  return tag === null || tag.trim() === '' ? undefined : matchLocale(tag, locales, baseLocale);
}

function findStartingLocale(): Locale {
  const launchTag = readLaunchSession()?.session.locale;
  const fromLaunch = launchTag === undefined ? undefined : matchLocale(launchTag, locales, baseLocale);
  const fromBrowser = navigator.languages.map((tag) => findLocale(tag, locales)).find((locale) => locale !== undefined);
  return readHandoffLocale() ?? readChosenLocale() ?? fromLaunch ?? fromBrowser ?? baseLocale;
}
