import { describe, expect, it } from 'vitest';

import type { ScenarioBlock } from '../content/course-types.ts';
import { scoreScenario, validScenarioPath } from './scenario.ts';

const text = { unit: 'u', content: [] };
const block: ScenarioBlock = {
  type: 'scenario',
  id: 'sc-flood',
  activityPath: 'course/c/module/m/lesson/l/interaction/sc-flood',
  prompt: [],
  startId: 'call',
  xapi: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', name: {}, interactionType: 'choice' },
  nodes: [
    { id: 'call', title: text, blocks: [], choices: [{ targetId: 'list', text }, { targetId: 'wait', text }] },
    { id: 'list', title: text, blocks: [], choices: [], outcome: 'good' },
    { id: 'wait', title: text, blocks: [], choices: [], outcome: 'poor' },
  ],
};

describe('branching scenario', () => {
  it('succeeds at a good ending and fails at a poor one, with the ending as the response', () => {
    expect(scoreScenario(block, ['call', 'list'])).toMatchObject({ outcome: 'good', score: { isCorrect: true, response: 'list', scaled: 1 } });
    expect(scoreScenario(block, ['call', 'wait'])).toMatchObject({ outcome: 'poor', score: { isCorrect: false, response: 'wait', scaled: 0 } });
  });

  it('has no result before an ending', () => {
    expect(scoreScenario(block, ['call'])).toBeUndefined();
    expect(scoreScenario(block, [])).toBeUndefined();
  });

  it('cuts a path at the first step the nodes do not offer', () => {
    expect(validScenarioPath(block, ['list'])).toEqual(['call']);
    expect(validScenarioPath(block, ['call', 'call'])).toEqual(['call']);
    expect(validScenarioPath(block, ['call', 'missing'])).toEqual(['call']);
    expect(scoreScenario(block, ['list'])).toBeUndefined();
  });
});
