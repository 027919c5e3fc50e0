import type { Locale } from '$lib/paraglide/runtime.js';

/**
 * Each UI language by its own name (autonym), as a speaker looks for it in a list whatever the
 * page's language is now. Serbian appears twice, told apart by its script.
 */
export const LANGUAGE_AUTONYMS: Readonly<Record<Locale, string>> = {
  en: 'English',
  sq: 'Shqip',
  mk: 'Македонски',
  'sr-Latn': 'Srpski',
  'sr-Cyrl': 'Српски',
  bs: 'Bosanski',
  hr: 'Hrvatski',
  cnr: 'Crnogorski',
};
