import type { CategoriseBlock, MatchingBlock, OrderingBlock } from '../content/course-types.ts';
import { makeScore, PAIR_SEPARATOR, RESPONSE_SEPARATOR, type Score } from './score.ts';

/** Chosen target per source id (matching) or group per item id (categorise). */
export type Placement = Readonly<Record<string, string | undefined>>;

function scorePlacement(expected: readonly { key: string; value: string }[], placement: Placement): Score {
  const raw = expected.filter(({ key, value }) => placement[key] === value).length;
  const response = expected
    .filter(({ key }) => placement[key] !== undefined && placement[key] !== '')
    .map(({ key }) => `${key}${PAIR_SEPARATOR}${placement[key]}`)
    .join(RESPONSE_SEPARATOR);
  return makeScore(raw, expected.length, response);
}

/** Matching: one point per source matched to its own target; correct when all are. */
export function scoreMatching(pairs: MatchingBlock['pairs'], placement: Placement): Score {
  return scorePlacement(pairs.map((pair) => ({ key: pair.sourceId, value: pair.targetId })), placement);
}

/** Categorise: one point per item placed in its group; correct when all are. */
export function scoreCategorise(items: CategoriseBlock['items'], placement: Placement): Score {
  return scorePlacement(items.map((item) => ({ key: item.id, value: item.groupId })), placement);
}

/**
 * Ordering: correct only in the written order; one point per item in its right place (partial
 * credit for the feedback). An order that is not a permutation of the items scores nothing.
 */
export function scoreOrdering(items: OrderingBlock['items'], order: readonly string[]): Score {
  const expected = items.map((item) => item.id);
  const isPermutation = order.length === expected.length && [...order].sort().join('\0') === [...expected].sort().join('\0');
  const raw = isPermutation ? expected.filter((id, index) => order[index] === id).length : 0;
  return makeScore(raw, expected.length, order.join(RESPONSE_SEPARATOR));
}
