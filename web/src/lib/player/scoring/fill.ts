import type { Blank } from '../content/course-types.ts';
import { textToPlain } from '../content/plain-text.ts';
import { makeScore, RESPONSE_SEPARATOR, type Score } from './score.ts';

/** Accepted answers of a typed blank are separated by `|` (course format, "Fill in the blanks"). */
const ACCEPTED_SEPARATOR = '|';

/** Case, surrounding and repeated spaces are ignored when comparing typed answers. */
export function normaliseTypedAnswer(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

export function isBlankCorrect(blank: Blank, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (blank.kind === 'dropdown') return value === blank.correctOptionId;
  const typed = normaliseTypedAnswer(value);
  if (typed === '') return false;
  return textToPlain(blank.answers)
    .split(ACCEPTED_SEPARATOR)
    .some((accepted) => normaliseTypedAnswer(accepted) === typed);
}

/**
 * One point per blank; correct when every blank is. The response lists what was typed (or the
 * text of the option chosen) per blank, as the fill-in correct response pattern does.
 */
export function scoreFill(blanks: readonly Blank[], values: readonly (string | undefined)[]): Score {
  const raw = blanks.filter((blank, index) => isBlankCorrect(blank, values[index])).length;
  const response = blanks
    .map((blank, index) => {
      const value = values[index] ?? '';
      if (blank.kind === 'typed') return value.trim();
      const option = blank.options.find((candidate) => candidate.id === value);
      return option === undefined ? '' : textToPlain(option.text);
    })
    .join(RESPONSE_SEPARATOR);
  return makeScore(raw, blanks.length, response);
}
