import type { QuestionBlock, ScoreBand } from '../content/course-types.ts';

/** A small seeded generator (mulberry32): the same seed gives the same draw and order. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates on a copy. */
export function shuffleWith<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/**
 * The questions of one attempt: `drawCount` questions drawn from the bank and, when `shuffle`,
 * the choices of each question in a new order. The seed is stored with the attempt so a learner
 * who comes back sees the same questions in the same order.
 */
export function drawQuestions(questions: readonly QuestionBlock[], drawCount: number, isShuffled: boolean, seed: number): QuestionBlock[] {
  if (!Number.isInteger(drawCount) || drawCount < 1) throw new RangeError(`drawCount must be a positive integer, got ${drawCount}`);
  const random = createSeededRandom(seed);
  const drawn = shuffleWith(questions, random).slice(0, drawCount);
  if (!isShuffled) return drawn;
  return drawn.map((question) => shuffleChoices(question, random));
}

function shuffleChoices(question: QuestionBlock, random: () => number): QuestionBlock {
  switch (question.type) {
    case 'mcq':
    case 'mrq':
      return { ...question, choices: shuffleWith(question.choices, random) };
    case 'hotspot':
      return { ...question, regions: shuffleWith(question.regions, random) };
    default:
      // Matching, ordering and categorise are shuffled by their own components; the rest has no order.
      return question;
  }
}

/** The feedback band for a scaled score: the band with the highest `min` not above it. */
export function findScoreBand(bands: readonly ScoreBand[], scaled: number): ScoreBand | undefined {
  return [...bands].sort((a, b) => a.min - b.min).filter((band) => band.min <= scaled).at(-1);
}

/** Whether another attempt is allowed; `attemptsMax` 0 means unlimited. */
export function canStartAttempt(attemptsMax: number, attemptsUsed: number): boolean {
  return attemptsMax === 0 || attemptsUsed < attemptsMax;
}

export function isPassed(scaled: number, passMark: number): boolean {
  return scaled >= passMark;
}
