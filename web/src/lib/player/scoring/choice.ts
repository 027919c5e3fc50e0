import { makeScore, RESPONSE_SEPARATOR, type Score } from './score.ts';

interface ScoredChoice {
  id: string;
  isCorrect: boolean;
}

/**
 * Multiple choice, multiple response and hotspot regions: all-or-nothing. The answer is right
 * when the selected ids are exactly the correct ones; unknown ids make it wrong, never count.
 * The response keeps the author's order of the choices, so it is stable however they were shown.
 */
export function scoreChoices(choices: readonly ScoredChoice[], selectedIds: readonly string[]): Score {
  const selected = new Set(selectedIds);
  const known = new Set(choices.map((choice) => choice.id));
  const hasUnknown = [...selected].some((id) => !known.has(id));
  const isCorrect = !hasUnknown && choices.every((choice) => choice.isCorrect === selected.has(choice.id));
  const response = choices.filter((choice) => selected.has(choice.id)).map((choice) => choice.id).join(RESPONSE_SEPARATOR);
  return makeScore(isCorrect ? 1 : 0, 1, response);
}

/** True or false; no answer (`undefined`) is wrong. */
export function scoreTrueFalse(answer: boolean, value: boolean | undefined): Score {
  return makeScore(value === answer ? 1 : 0, 1, value === undefined ? '' : String(value));
}
