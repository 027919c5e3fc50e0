import { LNOB_FACTORS, type LnobFactor, type SocialMapGroup } from '../content/course-types.ts';
import { makeScore, RESPONSE_SEPARATOR, type Score } from './score.ts';

export interface SocialMapMarks {
  factors: LnobFactor[];
  hasGap: boolean;
}
export type SocialMapAnswer = Readonly<Record<string, SocialMapMarks | undefined>>;

/** A cell the learner can mark: one per group and factor, and one per group for the gap. */
export interface SocialMapCell {
  groupId: string;
  /** A factor, or `gap`. */
  column: LnobFactor | 'gap';
  isExpected: boolean;
  isMarked: boolean;
}

/** Every cell of the table with the key and the learner's mark, in row then column order. */
export function listSocialMapCells(groups: readonly SocialMapGroup[], answer: SocialMapAnswer): SocialMapCell[] {
  return groups.flatMap((group) => {
    const marks = answer[group.id];
    const factorCells = LNOB_FACTORS.map((factor) => ({
      groupId: group.id,
      column: factor,
      isExpected: group.factors.includes(factor),
      isMarked: marks?.factors.includes(factor) ?? false,
    }));
    const gapCell: SocialMapCell = { groupId: group.id, column: 'gap', isExpected: group.hasGap, isMarked: marks?.hasGap ?? false };
    return [...factorCells, gapCell];
  });
}

/**
 * Each cell (five factors and the gap, per group) is scored against the author's key: a point for
 * every cell marked or left as the key says. The response lists the marked cells as
 * `<group>:<factor>` and `<group>:gap`, the components of the interaction definition.
 */
export function scoreSocialMap(groups: readonly SocialMapGroup[], answer: SocialMapAnswer): Score {
  const cells = listSocialMapCells(groups, answer);
  const raw = cells.filter((cell) => cell.isExpected === cell.isMarked).length;
  const response = cells.filter((cell) => cell.isMarked).map((cell) => `${cell.groupId}:${cell.column}`).join(RESPONSE_SEPARATOR);
  return makeScore(raw, cells.length, response);
}
