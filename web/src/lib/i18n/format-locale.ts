/**
 * Locales the browser's Intl data (CLDR) does not cover, formatted as their closest neighbour.
 * Montenegrin has no CLDR locale; its dates and numbers are written as in Serbian Latin
 * (issue 5, item 6).
 */
const FORMAT_FALLBACKS: Readonly<Record<string, string>> = { cnr: 'sr-Latn' };

/** The tag to give `Intl` and `toLocale*String()` for a UI locale. */
export function formatLocale(uiLocale: string): string {
  return FORMAT_FALLBACKS[uiLocale] ?? uiLocale;
}
