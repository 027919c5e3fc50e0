import { describe, expect, it } from 'vitest';

import { scoreCategorise, scoreMatching, scoreOrdering } from './pairs.ts';

const text = (value: string) => ({ unit: 'u', content: [{ type: 'text' as const, value }] });
const pairs = [
  { sourceId: 's1', source: text('A village far from the clinic'), targetId: 't1', target: text('Geography') },
  { sourceId: 's2', source: text('A household on social assistance'), targetId: 't2', target: text('Socio-economic status') },
];
const items = [
  { id: 'i1', text: text('Commitment') },
  { id: 'i2', text: text('Desk review') },
  { id: 'i3', text: text('Field data') },
];
const sortable = [
  { id: 'i1', text: text('No bus'), groupId: 'g1' },
  { id: 'i2', text: text('No data kept'), groupId: 'g2' },
];

describe('scoreMatching', () => {
  it('is correct when every source has its own target', () => {
    expect(scoreMatching(pairs, { s1: 't1', s2: 't2' })).toEqual({ isCorrect: true, raw: 2, max: 2, scaled: 1, response: 's1[.]t1[,]s2[.]t2' });
  });

  it('counts partial matches, and leaves unanswered sources out of the response', () => {
    expect(scoreMatching(pairs, { s1: 't2', s2: 't2' })).toMatchObject({ isCorrect: false, raw: 1 });
    expect(scoreMatching(pairs, { s1: 't1' })).toMatchObject({ isCorrect: false, raw: 1, response: 's1[.]t1' });
    expect(scoreMatching(pairs, {})).toMatchObject({ isCorrect: false, raw: 0, response: '' });
  });
});

describe('scoreCategorise', () => {
  it('is correct when every item is in its group', () => {
    expect(scoreCategorise(sortable, { i1: 'g1', i2: 'g2' })).toMatchObject({ isCorrect: true, response: 'i1[.]g1[,]i2[.]g2' });
  });

  it('rejects swapped, unplaced and unknown groups', () => {
    expect(scoreCategorise(sortable, { i1: 'g2', i2: 'g1' })).toMatchObject({ isCorrect: false, raw: 0 });
    expect(scoreCategorise(sortable, { i1: 'g1' })).toMatchObject({ isCorrect: false, raw: 1 });
    expect(scoreCategorise(sortable, { i1: 'g1', i2: 'g9' }).isCorrect).toBe(false);
  });
});

describe('scoreOrdering', () => {
  it('is correct in the written order only', () => {
    expect(scoreOrdering(items, ['i1', 'i2', 'i3'])).toEqual({ isCorrect: true, raw: 3, max: 3, scaled: 1, response: 'i1[,]i2[,]i3' });
    expect(scoreOrdering(items, ['i2', 'i1', 'i3'])).toMatchObject({ isCorrect: false, raw: 1, response: 'i2[,]i1[,]i3' });
  });

  it('scores nothing for an order that is not a permutation of the items', () => {
    expect(scoreOrdering(items, ['i1', 'i1', 'i3'])).toMatchObject({ isCorrect: false, raw: 0 });
    expect(scoreOrdering(items, ['i1', 'i2'])).toMatchObject({ isCorrect: false, raw: 0 });
    expect(scoreOrdering(items, [])).toMatchObject({ isCorrect: false, raw: 0 });
  });
});
