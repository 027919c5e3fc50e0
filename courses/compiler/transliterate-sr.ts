// Serbian Latin → Cyrillic, letter for letter (the two alphabets map one to one, with lj, nj and
// dž as single letters). Deterministic: the same input always gives the same output. Left alone:
// web and e-mail addresses, placeholders, and words with letters Serbian does not use (foreign
// names such as Facebook or Wi-Fi).

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

// Tokens kept as they are: URLs, e-mail addresses, placeholders ({name}, {{name}}, %s, %1$s).
const PROTECTED = /(https?:\/\/[^\s]+|www\.[^\s]+|[\w.+-]+@[\w-]+\.[\w.-]+|\{\{?[^{}\s]*\}?\}|%(?:\d+\$)?[sd])/u;
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

export function transliterate(text: string): string {
  return text
    .split(PROTECTED)
    .map((part, index) => (index % 2 === 1 ? part : part.split(WORD).map((piece, pieceIndex) => (pieceIndex % 2 === 1 ? transliterateWord(piece) : piece)).join('')))
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
