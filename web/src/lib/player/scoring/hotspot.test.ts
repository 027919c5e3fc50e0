import { describe, expect, it } from 'vitest';

import type { HotspotRegion } from '../content/course-types.ts';
import { scoreChoices } from './choice.ts';
import { findRegionAt } from './hotspot.ts';

const label = { unit: 'u', content: [] };
const regions: HotspotRegion[] = [
  { id: 'r1', label, shape: 'rect', coords: [10, 55, 20, 15], isCorrect: true },
  { id: 'r2', label, shape: 'circle', coords: [80, 20, 8], isCorrect: false },
];

describe('hotspot regions', () => {
  it('finds the rectangle and the circle under a point, edges included', () => {
    expect(findRegionAt(regions, 15, 60)?.id).toBe('r1');
    expect(findRegionAt(regions, 30, 70)?.id).toBe('r1');
    expect(findRegionAt(regions, 80, 20)?.id).toBe('r2');
    expect(findRegionAt(regions, 88, 20)?.id).toBe('r2');
  });

  it('finds nothing outside every region', () => {
    expect(findRegionAt(regions, 50, 50)).toBeUndefined();
    expect(findRegionAt(regions, 86, 26)).toBeUndefined();
    expect(findRegionAt([], 10, 10)).toBeUndefined();
  });

  it('lets the later region win where two overlap', () => {
    const overlapping: HotspotRegion[] = [...regions, { id: 'r3', label, shape: 'rect', coords: [0, 0, 100, 100], isCorrect: false }];
    expect(findRegionAt(overlapping, 15, 60)?.id).toBe('r3');
  });

  it('is scored as a choice of regions', () => {
    expect(scoreChoices(regions, ['r1']).isCorrect).toBe(true);
    expect(scoreChoices(regions, ['r2']).isCorrect).toBe(false);
  });
});
