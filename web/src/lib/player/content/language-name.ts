/** The name of a language in the UI language, e.g. `sr-Latn` → "Serbian (Latin)". */
export function languageName(locale: string, uiLocale: string): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}
