import type { ScenarioBlock, ScenarioNode, ScenarioOutcome } from '../content/course-types.ts';
import { makeScore, type Score } from './score.ts';

export interface ScenarioResult {
  ending: ScenarioNode;
  outcome: ScenarioOutcome;
  score: Score;
}

/**
 * Checks a path through a branching scenario: it must start at the start node and follow only
 * the choices the nodes offer. Returns the ids of the valid prefix, so a stored path that no
 * longer fits the course (the author changed a branch) is cut where it stops being valid.
 */
export function validScenarioPath(block: ScenarioBlock, path: readonly string[]): string[] {
  const nodes = new Map(block.nodes.map((node) => [node.id, node]));
  const valid: string[] = [];
  for (const id of path) {
    const previous = valid.length === 0 ? undefined : nodes.get(valid[valid.length - 1]!);
    const isAllowed = previous === undefined ? id === block.startId : previous.choices.some((choice) => choice.targetId === id);
    if (!isAllowed || !nodes.has(id)) break;
    valid.push(id);
  }
  return valid.length === 0 ? [block.startId] : valid;
}

/** The result once the path reaches an ending; `undefined` while the learner is still deciding. */
export function scoreScenario(block: ScenarioBlock, path: readonly string[]): ScenarioResult | undefined {
  const valid = validScenarioPath(block, path);
  const last = block.nodes.find((node) => node.id === valid[valid.length - 1]);
  if (last === undefined || last.choices.length > 0 || last.outcome === undefined) return undefined;
  const isGood = last.outcome === 'good';
  return { ending: last, outcome: last.outcome, score: makeScore(isGood ? 1 : 0, 1, last.id) };
}
