import { describe, expect, it } from 'vitest';

import { findLocale, matchLocale } from './match-locale.ts';

const SUPPORTED = ['en', 'sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'hr', 'cnr'] as const;

describe('matchLocale', () => {
  it.each([
    ['en', 'en'],
    ['sq', 'sq'],
    ['mk', 'mk'],
    ['bs', 'bs'],
    ['hr', 'hr'],
    ['cnr', 'cnr'],
    ['sr-Latn', 'sr-Latn'],
    ['sr-Cyrl', 'sr-Cyrl'],
  ])('keeps a supported tag: %s', (tag, expected) => {
    expect(matchLocale(tag, SUPPORTED)).toBe(expected);
  });

  it.each([
    ['sq-AL', 'sq'],
    ['sq-XK', 'sq'],
    ['mk-MK', 'mk'],
    ['hr-HR', 'hr'],
    ['hr-BA', 'hr'],
    ['bs-BA', 'bs'],
    ['en-GB', 'en'],
    ['en-US', 'en'],
  ])('strips the region: %s → %s', (tag, expected) => {
    expect(matchLocale(tag, SUPPORTED)).toBe(expected);
  });

  it.each([
    ['sr_RS', 'sr-Latn'],
    ['sq_AL', 'sq'],
    ['hr_HR', 'hr'],
    ['sr_Cyrl_RS', 'sr-Cyrl'],
    ['sr_RS@latin', 'sr-Latn'],
    ['sr_RS.UTF-8@cyrillic', 'sr-Cyrl'],
    ['mk_MK.UTF-8', 'mk'],
  ])('reads underscores and POSIX locales: %s → %s', (tag, expected) => {
    expect(matchLocale(tag, SUPPORTED)).toBe(expected);
  });

  it.each([
    ['sr', 'sr-Latn'],
    ['sr-RS', 'sr-Latn'],
    ['sr-ME', 'sr-Latn'],
    ['sr-Latn-RS', 'sr-Latn'],
    ['sr-Cyrl-RS', 'sr-Cyrl'],
    ['sr-cyrl', 'sr-Cyrl'],
    ['SR-CYRL-BA', 'sr-Cyrl'],
  ])('takes Serbian in the script the tag names, Latin when it names none: %s → %s', (tag, expected) => {
    expect(matchLocale(tag, SUPPORTED)).toBe(expected);
  });

  it.each([
    ['me', 'cnr'],
    ['me-ME', 'cnr'],
    ['cnr', 'cnr'],
    ['cnr-ME', 'cnr'],
    ['cnr-Latn-ME', 'cnr'],
    ['cnr-Cyrl', 'cnr'],
  ])('knows Montenegrin by its old and new codes: %s → %s', (tag, expected) => {
    expect(matchLocale(tag, SUPPORTED)).toBe(expected);
  });

  it.each([
    ['hr-Latn', 'hr'],
    ['mk-Cyrl-MK', 'mk'],
    ['bs-Cyrl', 'bs'],
  ])('falls back to the script we have when the tag names another: %s → %s', (tag, expected) => {
    expect(matchLocale(tag, SUPPORTED)).toBe(expected);
  });

  it.each([['de'], ['fr-FR'], ['tr_TR'], [''], ['   '], ['x'], ['123'], ['not a tag'], ['-sr'], ['en'.repeat(40)]])(
    'gives English for what it does not know: %j',
    (tag) => {
      expect(matchLocale(tag, SUPPORTED)).toBe('en');
    },
  );

  it('gives English when there is no tag at all', () => {
    expect(matchLocale(undefined, SUPPORTED)).toBe('en');
    expect(matchLocale(null, SUPPORTED)).toBe('en');
  });

  it('uses the fallback it is given, and only supported locales', () => {
    expect(matchLocale('de', SUPPORTED, 'hr')).toBe('hr');
    expect(matchLocale('sr', ['en', 'sr-Cyrl'])).toBe('sr-Cyrl');
    expect(matchLocale('sr-Cyrl', ['en', 'sr-Latn'])).toBe('sr-Latn');
  });

  it('refuses to choose from nothing', () => {
    expect(() => matchLocale('en', [])).toThrow();
  });
});

describe('findLocale', () => {
  it('says when nothing is close, so a caller can try its next source', () => {
    expect(findLocale('de-DE', SUPPORTED)).toBeUndefined();
    expect(findLocale(undefined, SUPPORTED)).toBeUndefined();
    expect(findLocale('sr-RS', SUPPORTED)).toBe('sr-Latn');
  });
});
