import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { transliterate } from '../../../../courses/compiler/transliterate-sr.ts';

// Every UI language must say everything English says, with the same {placeholders}: a missing
// key silently shows English, a renamed placeholder shows "undefined" to the learner.
const WEB = fileURLToPath(new URL('../../../', import.meta.url));
const MESSAGES = path.join(WEB, 'messages');
const settings = JSON.parse(fs.readFileSync(path.join(WEB, 'project.inlang', 'settings.json'), 'utf8')) as { baseLocale: string; locales: string[] };

type Messages = Record<string, string>;

function readMessages(locale: string): Messages {
  const { $schema: _schema, ...messages } = JSON.parse(fs.readFileSync(path.join(MESSAGES, `${locale}.json`), 'utf8')) as Messages;
  return messages;
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '').sort();
}

/**
 * Serbian Cyrillic is the Latin text transliterated. Acronyms and product names stay in Latin
 * letters, as Serbian Cyrillic technical writing keeps them ("LMS-у", "Moodle").
 */
const KEPT_IN_LATIN = /\b(LMS|LTI|URL|JSON|ID|NALAS|LNOB|LGA|LRS|RS|PDF|Moodle|Deep Linking)\b/g;

function toSerbianCyrillic(latin: string): string {
  const kept: string[] = [];
  const marked = latin.replace(KEPT_IN_LATIN, (token) => `{§${kept.push(token) - 1}§}`);
  return transliterate(marked).replace(/\{§(\d+)§\}/g, (_, index: string) => kept[Number(index)] ?? '');
}

const english = readMessages(settings.baseLocale);
const translatedLocales = settings.locales.filter((locale) => locale !== settings.baseLocale);

describe('UI messages', () => {
  it('has a file for every locale in the project settings, and a setting for every file', () => {
    const files = fs
      .readdirSync(MESSAGES)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length));
    expect(files.sort()).toEqual([...settings.locales].sort());
    expect(settings.locales).toEqual(expect.arrayContaining(['en', 'sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'hr', 'cnr']));
  });

  describe.each(translatedLocales)('%s', (locale) => {
    const messages = readMessages(locale);

    it('has exactly the keys of English', () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    });

    it('keeps the placeholders of each English message', () => {
      const mismatches = Object.entries(english)
        .filter(([key, text]) => JSON.stringify(placeholdersOf(messages[key] ?? '')) !== JSON.stringify(placeholdersOf(text)))
        .map(([key]) => key);
      expect(mismatches).toEqual([]);
    });

    it('translates every message into non-empty text', () => {
      expect(Object.entries(messages).filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    });
  });

  it('writes Serbian Cyrillic as the exact transliteration of Serbian Latin', () => {
    const latin = readMessages('sr-Latn');
    const cyrillic = readMessages('sr-Cyrl');
    const differences = Object.keys(latin).filter((key) => cyrillic[key] !== toSerbianCyrillic(latin[key] ?? ''));
    expect(differences).toEqual([]);
  });
});
