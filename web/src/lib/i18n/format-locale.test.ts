import { describe, expect, it } from 'vitest';

import { formatLocale } from './format-locale.ts';

describe('formatLocale', () => {
  it('formats Montenegrin as Serbian Latin, which CLDR covers', () => {
    expect(formatLocale('cnr')).toBe('sr-Latn');
    expect(new Date(Date.UTC(2026, 0, 31)).toLocaleDateString(formatLocale('cnr'), { timeZone: 'UTC' })).toBe(
      new Date(Date.UTC(2026, 0, 31)).toLocaleDateString('sr-Latn', { timeZone: 'UTC' }),
    );
  });

  it('leaves every other UI locale as it is', () => {
    for (const locale of ['en', 'sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'hr']) expect(formatLocale(locale)).toBe(locale);
  });
});
