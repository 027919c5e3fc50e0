// Serbian Latin → Cyrillic, letter for letter (the two alphabets map one to one, with lj, nj and
// dž as single letters). Deterministic: the same input always gives the same output. Left alone:
// web and e-mail addresses, placeholders, words with letters Serbian does not use (foreign names
// such as Facebook or Wi-Fi), the international acronyms and names in KEPT_IN_LATIN and Roman
// numerals.

import type { Inline } from './types.ts';

const LETTERS: Record<string, string> = {
  a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'ј', k: 'к', l: 'л',
  m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш', t: 'т', u: 'у', v: 'в', z: 'з', ž: 'ж',
};
const DIGRAPHS: Record<string, string> = { lj: 'љ', nj: 'њ', dž: 'џ' };

/**
 * Words in which `nj`, `lj` or `dž` are two letters (a prefix ending in n/d before j/ž, or a
 * borrowed root). Matched at the start of a lowercased word; the listed prefix is transliterated
 * letter by letter.
 */
const SPLIT_DIGRAPH_PREFIXES = ['injekc', 'konjug', 'konjunk', 'vanjezič', 'tanjug', 'injunkc', 'nadživ', 'nadžnj', 'odžal', 'odživ', 'podžanr', 'nadžet', 'predžel'];

/**
 * Acronyms and names of international organisations, programmes and frameworks that Serbian
 * Cyrillic text keeps in Latin script, as the courses and the UI messages do (NALAS, not НАЛАС).
 * Matched as whole words and case-sensitively (`SoRi`, not `sori`). A Serbian case ending after a
 * hyphen is still transliterated: `NALAS-ov` → `NALAS-ов`, `UNDP-a` → `UNDP-а`.
 *
 * Serbian acronyms are not on the list and are transliterated like any word: EU → ЕУ, UN → УН,
 * OCD → ОЦД, BDP → БДП, RS → РС, LGBTI → ЛГБТИ, COR → ЦОР; so are acronyms of associations that
 * write their name in Serbian or Macedonian (ALVRS → АЛВРС, ZELS → ЗЕЛС, SONCE → СОНЦЕ).
 */
export const KEPT_IN_LATIN: readonly string[] = [
  'NALAS', // Network of Associations of Local Authorities of South-East Europe
  'LNOB', // Leave No One Behind (the UN framework)
  'LGA', // local government association (the English term, as in the UI)
  'SoRi', // the GIZ programme "Social Rights for Vulnerable Groups"
  'GIZ', // Deutsche Gesellschaft für Internationale Zusammenarbeit
  'BMZ', // the German Federal Ministry for Economic Cooperation and Development
  'UNDP', // United Nations Development Programme
  'UNICEF',
  'ECMI', // European Centre for Minority Issues
  'FUEN', // Federal Union of European Nationalities
  'CECI', // Centre d'étude et de coopération internationale
  'GDPR', // the EU General Data Protection Regulation
  'ICO', // the UK Information Commissioner's Office
];
const KEPT = new Set(KEPT_IN_LATIN);

/**
 * Roman numerals from II to XXXIX, as whole words (`SoRi II`, `poglavlje IV`). A single `I` is the
 * conjunction *i* at the start of a sentence and becomes `И`; `VI` is also the pronoun *vi* in
 * capitals. Both are kept only right after a name from KEPT_IN_LATIN (`SoRi I`), like `V`. (Any
 * word with an X stays Latin anyway: X is not a Serbian letter.)
 */
const ROMAN_NUMERAL = /^(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})$/u;
const AMBIGUOUS_ROMAN = new Set(['VI']);
const NUMERAL_AFTER_NAME = /^X{0,3}(?:IX|IV|V?I{0,3})$/u;

// Tokens kept as they are: URLs (also a bare domain such as docslib.org or tip.rs), e-mail
// addresses, placeholders ({name}, {{name}}, %s, %1$s).
const PROTECTED = /(https?:\/\/[^\s]+|www\.[^\s]+|[\w.+-]+@[\w-]+\.[\w.-]+|(?<![\p{L}\p{N}.@-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|int|eu|rs|de|al|ba|mk)(?![\p{L}\p{N}-])|\{\{?[^{}\s]*\}?\}|%(?:\d+\$)?[sd])/u;
const FOREIGN_LETTERS = /[qwxyäöüéèàâêîôûçñß]/i;
const WORD = /(\p{L}+(?:[-'’]\p{L}+)*)/u;

function isUpper(text: string): boolean {
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

function mapLetter(letter: string): string {
  const lower = letter.toLowerCase();
  const mapped = LETTERS[lower];
  if (mapped === undefined) return letter;
  return isUpper(letter) ? mapped.toUpperCase() : mapped;
}

/** One word: digraphs first (Lj, LJ and lj all become one letter), then single letters. */
export function transliterateWord(word: string): string {
  if (FOREIGN_LETTERS.test(word)) return word;
  const lower = word.toLowerCase();
  const split = SPLIT_DIGRAPH_PREFIXES.find((prefix) => lower.startsWith(prefix));
  const noDigraphBefore = split ? split.length : 0;
  let result = '';
  for (let index = 0; index < word.length; ) {
    const pair = word.slice(index, index + 2);
    const digraph = index + 1 >= noDigraphBefore ? DIGRAPHS[pair.toLowerCase()] : undefined;
    if (digraph !== undefined && pair.length === 2) {
      // "Lj" at the start of a capitalised word and "LJ" in an all-caps word are both a capital.
      result += isUpper(pair[0] ?? '') ? digraph.toUpperCase() : digraph;
      index += 2;
    } else {
      result += mapLetter(word[index] ?? '');
      index += 1;
    }
  }
  return result;
}

/**
 * A word with its hyphenated parts (`NALAS-ov`, `UNDP-a`): parts on KEPT_IN_LATIN and a leading
 * Roman numeral stay as they are, the others are transliterated.
 */
function transliterateWordKeeping(word: string, afterKeptName: boolean): string {
  if (afterKeptName && NUMERAL_AFTER_NAME.test(word)) return word;
  const parts = word.split(/([-'’])/u);
  const isKept = (part: string, index: number): boolean => KEPT.has(part) || (index === 0 && ROMAN_NUMERAL.test(part) && !AMBIGUOUS_ROMAN.has(part));
  if (!parts.some(isKept)) return transliterateWord(word);
  // Odd indexes are the hyphens and apostrophes between the parts.
  return parts.map((part, index) => (index % 2 === 1 || isKept(part, index) ? part : transliterateWord(part))).join('');
}

function transliterateWords(text: string): string {
  const pieces = text.split(WORD);
  let previousIsKeptName = false;
  return pieces
    .map((piece, index) => {
      if (index % 2 === 0) return piece;
      // A numeral belongs to the name only when one space separates them ("SoRi I", not "SoRi. I").
      const afterKeptName = previousIsKeptName && /^[ \u00a0]$/u.test(pieces[index - 1] ?? '');
      previousIsKeptName = KEPT.has(piece);
      return transliterateWordKeeping(piece, afterKeptName);
    })
    .join('');
}

export function transliterate(text: string): string {
  return text
    .split(PROTECTED)
    .map((part, index) => (index % 2 === 1 ? part : transliterateWords(part)))
    .join('');
}

/** Transliterates text only: code, link targets, glossary and source ids stay as they are. */
export function transliterateInline(content: Inline[]): Inline[] {
  return content.map((node): Inline => {
    switch (node.type) {
      case 'text':
        return { type: 'text', value: transliterate(node.value) };
      case 'emphasis':
      case 'strong':
      case 'link':
      case 'term':
        return { ...node, children: transliterateInline(node.children) };
      default:
        return node;
    }
  });
}
