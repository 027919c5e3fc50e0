/**
 * The outcome of scoring one answer: what the learner got right (`raw` of `max`), whether the
 * whole answer counts as correct, and the response in the xAPI cmi.interaction response format of
 * the interaction type, so the same value feeds the feedback and the `answered` statement.
 */
export interface Score {
  isCorrect: boolean;
  raw: number;
  max: number;
  /** raw / max, 0 when max is 0: the xAPI `score.scaled` (0..1). */
  scaled: number;
  response: string;
}

/** xAPI 2.0 (9.4.2.1) delimiters of cmi.interaction responses. */
export const RESPONSE_SEPARATOR = '[,]';
export const PAIR_SEPARATOR = '[.]';

export function makeScore(raw: number, max: number, response: string, isCorrect = raw === max && max > 0): Score {
  return { isCorrect, raw, max, scaled: max === 0 ? 0 : raw / max, response };
}
