import { baseLocale, type Locale } from '$lib/paraglide/runtime.js';

/**
 * The UI language of this tab, as a rune: every translated text and `<html lang>` read it through
 * getLocale(), so a switch re-renders them in place. ui-locale.svelte.ts decides it at start and
 * switches it; until then (and when prerendering) it is the base locale. The app reads it here
 * rather than through Paraglide's getLocale, which would bring Paraglide's locale strategies
 * (URL patterns, cookies, custom strategies) into the browser, where none of them decides.
 */
let current = $state<Locale>(baseLocale);

export function getLocale(): Locale {
  return current;
}

export function setCurrentLocale(locale: Locale): void {
  current = locale;
}
